package io.chimera.telemetry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.parse.ArtifactFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The yardstick is only as good as its count: these pin it on inputs small enough to count by hand. */
class RawLoopTest {

    private static NumberTally tally(ArtifactFormat format, String content) {
        NumberTally tally = new NumberTally();
        RawLoop.tally(format, content.getBytes(StandardCharsets.UTF_8), tally);
        return tally;
    }

    @Test
    void csvCountsEveryNumericCellAndNoHeaderOrText() {
        String csv = """
                model,tokens_s,ttft_s
                gemma3,61.5,0.12
                "llama3.1, 8b",87.25,0.2
                qwen2.5,99,1e-3
                """;
        NumberTally tally = tally(ArtifactFormat.CSV, csv);
        assertEquals(6, tally.count());
        assertEquals(61.5 + 0.12 + 87.25 + 0.2 + 99 + 1e-3, tally.sum(), 1e-9);
    }

    @Test
    void tsvSplitsOnTabsNotCommas() {
        NumberTally tally = tally(ArtifactFormat.TSV, "name\tvalue\n1,5\t2\nx\t-3.5\n");
        assertEquals(2, tally.count(), "'1,5' is one cell of text, 2 and -3.5 are numbers");
        assertEquals(-1.5, tally.sum(), 1e-12);
    }

    @Test
    void jsonWalksNestedObjectsAndArraysAndNumericText() {
        String json = """
                {"name": "transformer", "batch": 8, "ok": true, "none": null,
                 "backends": {"eager": {"mean_ms": 12.5, "times": [1, 2, "3.5", "fast"]}},
                 "label": "v2", "empty": {}, "list": [[[-4]]]}
                """;
        NumberTally tally = tally(ArtifactFormat.JSON, json);
        assertEquals(6, tally.count(), "8, 12.5, 1, 2, \"3.5\", -4; not booleans, null or plain text");
        assertEquals(8 + 12.5 + 1 + 2 + 3.5 - 4, tally.sum(), 1e-12);
    }

    @Test
    void jsonLinesReadsEveryLine() {
        NumberTally tally = tally(ArtifactFormat.JSON_LINES, "{\"a\": 1, \"b\": [2, 3]}\n\n{\"c\": \"4\"}\n");
        assertEquals(4, tally.count());
    }

    @Test
    void markdownCountsTableCellsOnly() {
        String markdown = """
                # Sweep of 3 kernels

                Generated: 2026-01-01, 42 runs.

                | Kernel | M | Time (us) |
                | --- | ---: | --- |
                | gemm_tn | 4096 | 510.5 ± 2.1 |
                  | gemm_nn | 2048 | 7 |

                The tn layout wins by 10 %.
                """;
        NumberTally tally = tally(ArtifactFormat.MARKDOWN, markdown);
        assertEquals(3, tally.count(), "4096, 2048 and 7; '510.5 ± 2.1' is not one number, prose is not a table");
    }

    @Test
    void malformedJsonCountsNothingAndThrowsNothing() {
        assertEquals(0, tally(ArtifactFormat.JSON, "{\"a\": 1, \"b\": ").count());
    }

    @Test
    void theShortcutRejectsOnlyWhatParseDoubleRejects() {
        for (String number : List.of("1", " 2.5", "\t-3", "+4e2", ".5", "NaN", "Infinity", "-Infinity", "0x1p3")) {
            assertTrue(RawLoop.mayBeNumber(number), number);
            Double.parseDouble(number);
        }
        for (String text : List.of("", "   ", "gemm", "e5", "ms", "±2", "---", "-", "+x", "x1")) {
            assertFalse(RawLoop.mayBeNumber(text), text);
            assertThrows(NumberFormatException.class, () -> Double.parseDouble(text), text);
        }
    }

    @Test
    void theShortcutNeverRejectsANumberOnRandomText() {
        SplittableRandom random = new SplittableRandom(8);
        String alphabet = " \t+-.0123456789eENaIfinityx,|";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(6); length > 0; length--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String candidate = text.toString();
            if (!RawLoop.mayBeNumber(candidate)) {
                assertThrows(NumberFormatException.class, () -> Double.parseDouble(candidate), candidate);
            }
        }
    }

    @Test
    void loadsTheFilesTheJobWouldReadAndSkipsTheRest(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("suite"));
        Files.writeString(root.resolve("suite/a.csv"), "x\n1\n");
        Files.writeString(root.resolve("suite/b.json"), "{}");
        Files.writeString(root.resolve("suite/.c.csv.tmp"), "x\n1\n");
        Files.writeString(root.resolve("suite/notes.docx"), "1 2 3");
        List<LoadedArtifact> loaded = ArtifactSet.load(root);
        assertEquals(
                List.of("suite/a.csv", "suite/b.json"),
                loaded.stream().map(artifact -> artifact.file().sourcePath()).toList());
        assertEquals(ArtifactFormat.CSV, loaded.get(0).format());
    }
}
