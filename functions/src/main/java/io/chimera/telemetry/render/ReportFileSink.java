package io.chimera.telemetry.render;

import io.chimera.telemetry.records.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * One Markdown and one HTML report per suite and window, at {@code DIR/<suite>/<windowStart>.md|.html}, and an
 * {@code DIR/index.html} listing them newest first. Each is written to a hidden temporary file and renamed into
 * place, so a reader never sees half a report; a replay after a restart rewrites the same files, so each window
 * has exactly one report. A revision of a window rewrites its files, and so does a later run's report of the same
 * window: reports reach the sink in revision order (the job drops superseded ones before it). The HTML trend lines
 * are each series' recent window means ({@link SeriesTrends}), kept beside the reports across restarts.
 */
public final class ReportFileSink implements Sink<Report> {

    private static final long serialVersionUID = 1L;

    private final String directory;

    public ReportFileSink(String directory) {
        this.directory = directory;
    }

    @Override
    public SinkWriter<Report> createWriter(WriterInitContext context) {
        return new Writer(Path.of(directory));
    }

    public static Path reportPath(Path directory, Report summary) {
        String window = summary.windowStart.replace(':', '-');
        return suiteFolder(directory, summary.suite).resolve(window + ".md");
    }

    /** The folder of a suite's reports: its name with what a file name cannot hold replaced. */
    static Path suiteFolder(Path directory, String suite) {
        return directory.resolve(suite.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    static void writeAtomically(Path target, String content) throws IOException {
        Files.createDirectories(target.getParent());
        // A temporary file of its own: every writer of a parallel sink writes the index.
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static final class Writer implements SinkWriter<Report> {

        private final Path directory;
        private final SeriesTrends trends;

        Writer(Path directory) {
            this.directory = directory;
            this.trends = new SeriesTrends(directory);
        }

        @Override
        public void write(Report summary, Context context) throws IOException {
            Path target = reportPath(directory, summary);
            writeAtomically(target, ReportMarkdown.render(summary));
            java.util.Map<String, java.util.List<Double>> seriesTrends = trends.add(summary);
            Path html = target.resolveSibling(target.getFileName().toString().replaceAll("\\.md$", ".html"));
            writeAtomically(html, ReportHtml.render(summary, seriesTrends));
            indexStale = true;
            // Listing every report for the index on every report made a backfill quadratic: at most every 2 s,
            // and at each checkpoint and the end of input.
            if (System.nanoTime() - indexWritten > 2_000_000_000L) {
                writeIndex();
            }
        }

        private boolean indexStale;
        private long indexWritten = System.nanoTime();

        private void writeIndex() throws IOException {
            if (indexStale && Files.isDirectory(directory)) {
                writeAtomically(directory.resolve("index.html"), ReportHtml.index(reportsBySuite()));
                indexStale = false;
            }
            indexWritten = System.nanoTime();
        }

        private java.util.Map<String, java.util.List<String>> reportsBySuite() throws IOException {
            java.util.Map<String, java.util.List<String>> bySuite = new java.util.TreeMap<>();
            try (var suites = Files.list(directory)) {
                for (Path suite : suites.filter(Files::isDirectory).toList()) {
                    try (var files = Files.list(suite)) {
                        bySuite.put(
                                suite.getFileName().toString(),
                                files.map(f -> f.getFileName().toString())
                                        .filter(name -> name.endsWith(".html") && !name.startsWith("."))
                                        .toList());
                    }
                }
            }
            return bySuite;
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            trends.save();
            writeIndex();
        }

        @Override
        public void close() throws IOException {
            trends.save();
            writeIndex();
        }
    }
}
