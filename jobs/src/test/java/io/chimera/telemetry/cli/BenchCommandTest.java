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
}
