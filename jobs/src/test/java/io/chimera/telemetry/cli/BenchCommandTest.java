package io.chimera.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's shape on a tiny farm: its numbers are for docs/BENCHMARKS.md, not for assertions. */
class BenchCommandTest {

    @Test
    void measuresTheParseLayerAndTheJobOnAGeneratedFarm(@TempDir Path work) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = ChimeraCli.run(new String[] {"bench", "--files", "12", "--parallelism", "1", "--work",
                work.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertEquals(ChimeraCli.OK, exit);
        List<String> rows = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("| 12 |")).toList();
        assertEquals(2, rows.size(), out.toString(StandardCharsets.UTF_8));
        assertTrue(rows.get(0).contains("parse layer, one thread"), rows.get(0));
        assertTrue(rows.get(1).contains("bounded job"), rows.get(1));
        for (String row : rows) {
            String[] cells = row.split("\\|");
            assertTrue(Double.parseDouble(cells[5].trim()) > 0, "files/s in " + row);
            assertTrue(Double.parseDouble(cells[6].trim()) > 0, "events/s in " + row);
        }
    }

    @Test
    void sourceStateRunReadsEveryFileAndReportsACompletedCheckpoint(@TempDir Path work) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = ChimeraCli.run(new String[] {"bench", "--source-state", "--files", "30", "--files-per-hour", "10",
                "--lookback", "1h", "--parallelism", "1", "--work", work.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertEquals(ChimeraCli.OK, exit, out.toString(StandardCharsets.UTF_8));
        List<String> rows = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("| 30 |")).toList();
        assertEquals(1, rows.size(), out.toString(StandardCharsets.UTF_8));
        String[] cells = rows.get(0).split("\\|");
        assertEquals("0.1 d", cells[2].trim(), "30 files at 10 an hour span 3 hours: " + rows.get(0));
        // 6.2 minutes apart: the newest and the nine before it are within the hour.
        assertEquals(10, Long.parseLong(cells[6].trim()), "files within an hour of the newest: " + rows.get(0));
        assertTrue(Long.parseLong(cells[7].trim()) > 0, "checkpoint bytes in " + rows.get(0));
    }
}
