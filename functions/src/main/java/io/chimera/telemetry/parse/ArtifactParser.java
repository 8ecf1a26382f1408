package io.chimera.telemetry.parse;

import io.chimera.telemetry.records.MetricEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * The parse layer's one entry point: a file's bytes in, a {@link FileOutcome} out. No exception escapes it; a
 * file that cannot be read or parsed becomes a dead letter whose reason a person can act on.
 */
public final class ArtifactParser implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Stands in for the event time when neither the row nor the document states one. */
    public static final String FILE_MODIFIED_TIME = "file-modified";

    private final ParseSettings settings;

    public ArtifactParser(ParseSettings settings) {
        this.settings = settings;
    }

    public ParseSettings settings() {
        return settings;
    }

    /** The format of a file, or empty when the parse layer does not read its kind (it is ignored, not dead). */
    public static Optional<ArtifactFormat> formatOf(String fileName) {
        return ArtifactFormat.ofFileName(fileName);
    }

    /** Reads a local file (at most the size cap) and parses it. */
    public FileOutcome parseLocal(Path root, Path path, ArtifactFormat format) {
        long size = 0;
        long modified = 0;
        try {
            size = Files.size(path);
            modified = Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return FileOutcome.deadLetter(ArtifactFile.under(root, path, size, modified), format, cannotRead(e));
        }
        ArtifactFile file = ArtifactFile.under(root, path, size, modified);
        if (size > settings.maxFileBytes()) {
            return FileOutcome.deadLetter(file, format, tooLarge(size));
        }
        byte[] content;
        try (InputStream in = Files.newInputStream(path)) {
            content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxFileBytes() + 1));
        } catch (IOException | RuntimeException e) {
            return FileOutcome.deadLetter(file, format, cannotRead(e));
        }
        if (content.length > settings.maxFileBytes()) {
            return FileOutcome.deadLetter(file, format, tooLarge(content.length));
        }
        return parse(file, format, content);
    }

    /** Parses a file's whole content. */
    public FileOutcome parse(ArtifactFile file, ArtifactFormat format, byte[] content) {
        if (content.length == 0) {
            return FileOutcome.deadLetter(file, format, "empty file (0 bytes)");
        }
        if (content.length > settings.maxFileBytes()) {
            return FileOutcome.deadLetter(file, format, tooLarge(content.length));
        }
        try {
            String text = TextDecoding.decode(content);
            if (text.isBlank()) {
                return FileOutcome.deadLetter(file, format, "blank file (" + content.length + " bytes of white space)");
            }
            List<ParsedRow> rows = parserFor(format).parse(text, new RowInterpreter(settings));
            return toOutcome(file, format, rows);
        } catch (MalformedArtifactException e) {
            return FileOutcome.deadLetter(file, format, e.getMessage());
        } catch (StackOverflowError e) {
            return FileOutcome.deadLetter(file, format, "nested too deeply to read");
        } catch (RuntimeException e) {
            return FileOutcome.deadLetter(file, format, "could not parse as " + format.label() + ": " + e);
        }
    }

    private FileOutcome toOutcome(ArtifactFile file, ArtifactFormat format, List<ParsedRow> rows) {
        List<MetricEvent> events = new ArrayList<>();
        int failedRows = 0;
        for (ParsedRow row : rows) {
            if (row.failed()) {
                failedRows++;
            }
            long eventTime = row.eventTime() != null ? row.eventTime() : file.modifiedTime();
            String timeSource = row.eventTime() != null ? row.eventTimeSource() : FILE_MODIFIED_TIME;
            for (ParsedRow.Measurement measurement : row.measurements()) {
                events.add(new MetricEvent(file.suite(), file.sourcePath(), format.label(),
                        new HashMap<>(row.dimensions()), measurement.metric(), measurement.value(),
                        measurement.unit(), eventTime, timeSource, row.failed(), row.error()));
            }
        }
        int rowCount = (int) rows.stream().filter(r -> r.failed() || !r.measurements().isEmpty()).count();
        return FileOutcome.parsed(file, format, events, rowCount, failedRows);
    }

    private static FormatParser parserFor(ArtifactFormat format) {
        return switch (format) {
            case CSV -> CsvFormatParser.commaSeparated();
            case TSV -> CsvFormatParser.tabSeparated();
            case JSON -> new JsonFormatParser();
            case JSON_LINES -> new JsonLinesFormatParser();
            case MARKDOWN -> new MarkdownFormatParser();
        };
    }

    private String tooLarge(long size) {
        return "file is " + size + " bytes, larger than the " + settings.maxFileBytes()
                + "-byte cap (raise parse.max-file-bytes to read it)";
    }

    private static String cannotRead(Exception e) {
        return "cannot read the file: " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
