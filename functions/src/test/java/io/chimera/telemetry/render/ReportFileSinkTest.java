package io.chimera.telemetry.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFileSinkTest {

    @TempDir
    Path dir;

    private static Report summary(String suite, String windowStart, int files) {
        Report report = new Report();
        report.suite = suite;
        report.windowStart = windowStart;
        report.windowEnd = windowStart.replace("T10:", "T11:");
        report.inventory.files = files;
        report.narrator = "builtin";
        report.narrative = "Nothing to say.";
        return report;
    }

    private SinkWriter<Report> writer() {
        return new ReportFileSink(dir.toString()).createWriter(null);
    }

    /** Every Markdown report under the report directory, hidden files included, relative and '/'-separated. */
    private List<String> allFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().contains(".md"))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void reportGoesToSuiteFolderNamedByWindowStart() throws Exception {
        Report summary = summary("baseline", "2025-09-30T10:00:00Z", 3);

        try (SinkWriter<Report> writer = writer()) {
            writer.write(summary, null);
        }

        assertEquals(List.of("baseline/2025-09-30T10-00-00Z.md"), allFiles());
        String report = Files.readString(dir.resolve("baseline/2025-09-30T10-00-00Z.md"));
        assertEquals(ReportMarkdown.render(summary), report);
        assertTrue(report.startsWith("# Chimera Telemetry Report: baseline\n"), report);
        assertTrue(report.contains("2025-09-30T10:00:00Z – 2025-09-30T11:00:00Z"), report);
        assertTrue(report.contains("- Files: 3\n"));
    }

    @Test
    void secondReportOfTheSameWindowReplacesTheFirst() throws Exception {
        try (SinkWriter<Report> writer = writer()) {
            writer.write(summary("baseline", "2025-09-30T10:00:00Z", 3), null);
            writer.write(summary("baseline", "2025-09-30T10:00:00Z", 7), null);
        }

        assertEquals(List.of("baseline/2025-09-30T10-00-00Z.md"), allFiles(), "one report per window, no leftovers");
        String report = Files.readString(dir.resolve("baseline/2025-09-30T10-00-00Z.md"));
        assertTrue(report.contains("- Files: 7\n"), report);
        assertFalse(report.contains("- Files: 3\n"), report);
    }

    @Test
    void aRevisionRewritesItsWindowsReportAndSaysWhatItAdded() throws Exception {
        Report revised = summary("baseline", "2025-09-30T10:00:00Z", 4);
        revised.dataRevision = 1;
        revised.revision = Report.finalRevision(1);
        revised.revisionAdded.files = 1;
        revised.revisionAdded.values = 5;
        revised.revisionAdded.addSource("baseline/late.csv");

        try (SinkWriter<Report> writer = writer()) {
            writer.write(summary("baseline", "2025-09-30T10:00:00Z", 3), null);
            writer.write(revised, null);
        }

        String report = Files.readString(dir.resolve("baseline/2025-09-30T10-00-00Z.md"));
        assertTrue(report.contains("(UTC) · **Revision 1**"), report);
        assertTrue(
                report.contains("> Revision 1 of this window: late files added 1 files and 5 values (0 failed)"
                        + " since the previous revision: baseline/late.csv."),
                report);
        assertTrue(report.contains("- Files: 4\n"), report);
        String html = Files.readString(dir.resolve("baseline/2025-09-30T10-00-00Z.html"));
        assertTrue(html.contains("<strong>revision 1</strong>"), html);
        assertTrue(html.contains("baseline/late.csv"), html);
    }

    @Test
    void replayAfterRestartByANewWriterReplacesTheReport() throws Exception {
        try (SinkWriter<Report> writer = writer()) {
            writer.write(summary("baseline", "2025-09-30T10:00:00Z", 1), null);
        }
        try (SinkWriter<Report> writer = writer()) {
            writer.write(summary("baseline", "2025-09-30T10:00:00Z", 2), null);
        }

        assertEquals(List.of("baseline/2025-09-30T10-00-00Z.md"), allFiles());
        assertTrue(Files.readString(dir.resolve("baseline/2025-09-30T10-00-00Z.md"))
                .contains("- Files: 2\n"));
    }

    @Test
    void eachSuiteAndWindowHasItsOwnReport() throws Exception {
        try (SinkWriter<Report> writer = writer()) {
            writer.write(summary("baseline", "2025-09-30T10:00:00Z", 1), null);
            writer.write(summary("baseline", "2025-09-30T12:00:00Z", 2), null);
            writer.write(summary("gemma3", "2025-09-30T10:00:00Z", 3), null);
        }

        assertEquals(
                List.of(
                        "baseline/2025-09-30T10-00-00Z.md",
                        "baseline/2025-09-30T12-00-00Z.md",
                        "gemma3/2025-09-30T10-00-00Z.md"),
                allFiles());
        assertTrue(
                Files.readString(dir.resolve("gemma3/2025-09-30T10-00-00Z.md")).contains("- Files: 3\n"));
    }

    @Test
    void suiteNameCannotEscapeTheReportDirectory() throws Exception {
        try (SinkWriter<Report> writer = writer()) {
            writer.write(summary("../a b/c", "2025-09-30T10:00:00Z", 1), null);
        }

        assertEquals(List.of(".._a_b_c/2025-09-30T10-00-00Z.md"), allFiles());
    }

    @Test
    void writersOfAParallelSinkReplacingTheSameIndexNeverCollide() throws Exception {
        // Every writer of a parallel sink rewrites index.html; a shared temporary file failed the checkpoint of
        // whichever writer found it moved away by the other.
        Path index = dir.resolve("index.html");
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int writer = 0; writer < 2; writer++) {
                String content = "writer " + writer;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        ReportFileSink.writeAtomically(index, content);
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> writer : done) {
                writer.get();
            }
        } finally {
            writers.shutdownNow();
        }
        assertTrue(Files.readString(index).startsWith("writer "));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(index), left.toList(), "no temporary file left behind");
        }
    }

    @Test
    void reportPathReplacesColonsInTheWindowStart() {
        Path path = ReportFileSink.reportPath(Path.of("/reports"), summary("s", "2025-09-30T10:00:00.500Z", 0));

        assertEquals(Path.of("/reports", "s", "2025-09-30T10-00-00.500Z.md"), path);
    }

    @Test
    void writesAnHtmlReportBesideEachMarkdownOneAndAnIndexNewestFirst() throws Exception {
        try (SinkWriter<Report> writer = writer()) {
            writer.write(summary("baseline", "2025-09-30T10:00:00Z", 1), null);
            writer.write(summary("baseline", "2025-09-30T12:00:00Z", 2), null);
            writer.write(summary("gemma3", "2025-09-30T10:00:00Z", 3), null);
        }

        assertTrue(Files.readString(dir.resolve("baseline/2025-09-30T12-00-00Z.html"))
                        .contains("<svg")
                || Files.readString(dir.resolve("baseline/2025-09-30T12-00-00Z.html"))
                        .contains("<table>"));
        String index = Files.readString(dir.resolve("index.html"));
        assertTrue(
                index.indexOf("baseline/2025-09-30T12-00-00Z.html")
                        < index.indexOf("baseline/2025-09-30T10-00-00Z.html"),
                "newest first: " + index);
        assertTrue(index.contains("gemma3/2025-09-30T10-00-00Z.html"), index);
        assertFalse(index.contains(".tmp"), index);
    }
}
