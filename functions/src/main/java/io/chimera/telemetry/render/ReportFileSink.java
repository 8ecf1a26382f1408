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
 * One Markdown report per suite and window, at {@code DIR/<suite>/<windowStart>.md}. Written to a hidden
 * temporary file and renamed into place, so a reader never sees half a report; a replay after a restart
 * rewrites the same file, so each window has exactly one report.
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
        String suite = summary.suite.replaceAll("[^A-Za-z0-9._-]", "_");
        String window = summary.windowStart.replace(':', '-');
        return directory.resolve(suite).resolve(window + ".md");
    }

    private static final class Writer implements SinkWriter<Report> {

        private final Path directory;

        Writer(Path directory) {
            this.directory = directory;
        }

        @Override
        public void write(Report summary, Context context) throws IOException {
            Path target = reportPath(directory, summary);
            Files.createDirectories(target.getParent());
            Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.writeString(temporary, ReportMarkdown.render(summary), StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
    }
}
