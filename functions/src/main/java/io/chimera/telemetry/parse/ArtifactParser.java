package io.chimera.telemetry.parse;

import io.chimera.telemetry.parse.recognise.FormatRecogniser;
import io.chimera.telemetry.parse.recognise.Recognisers;
import io.chimera.telemetry.records.DeadLetterKind;
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
 *
 * <p>After decoding, the first {@link FormatRecogniser} for the file's generic format that recognises the text
 * (the output of a standard benchmark tool) parses it; any other file goes to its format's generic parser.
 */
public final class ArtifactParser implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Stands in for the event time when neither the row nor the document states one. */
    public static final String FILE_MODIFIED_TIME = "file-modified";

    private final ParseSettings settings;
    private final List<FormatRecogniser> recognisers;

    /** A parser with the standard tool recognisers ({@link Recognisers#all()}). */
    public ArtifactParser(ParseSettings settings) {
        this(settings, Recognisers.all());
    }

    /** @param recognisers tried in order; an empty list reads every file with its generic parser */
    public ArtifactParser(ParseSettings settings, List<FormatRecogniser> recognisers) {
        this.settings = settings;
        this.recognisers = List.copyOf(recognisers);
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
            return FileOutcome.deadLetter(
                    ArtifactFile.under(root, path, size, modified), format, DeadLetterKind.UNREADABLE, cannotRead(e));
        }
        ArtifactFile file = ArtifactFile.under(root, path, size, modified);
        if (size > settings.maxFileBytes()) {
            return FileOutcome.deadLetter(file, format, DeadLetterKind.TOO_LARGE, tooLarge(size));
        }
        byte[] content;
        try (InputStream in = Files.newInputStream(path)) {
            content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxFileBytes() + 1));
        } catch (IOException | RuntimeException e) {
            return FileOutcome.deadLetter(file, format, DeadLetterKind.UNREADABLE, cannotRead(e));
        }
        if (content.length > settings.maxFileBytes()) {
            return FileOutcome.deadLetter(file, format, DeadLetterKind.TOO_LARGE, tooLarge(content.length));
        }
        return parse(file, format, content);
    }

    /** Parses a file's whole content. */
    public FileOutcome parse(ArtifactFile file, ArtifactFormat format, byte[] content) {
        if (content.length == 0) {
            return FileOutcome.deadLetter(file, format, DeadLetterKind.EMPTY, "empty file (0 bytes)");
        }
        if (content.length > settings.maxFileBytes()) {
            return FileOutcome.deadLetter(file, format, DeadLetterKind.TOO_LARGE, tooLarge(content.length));
        }
        String text;
        try {
            text = TextDecoding.decode(content);
        } catch (MalformedArtifactException e) {
            return FileOutcome.deadLetter(file, format, e.kind(), e.getMessage());
        } catch (RuntimeException e) {
            return FileOutcome.deadLetter(file, format, "could not parse as " + format.label() + ": " + e);
        }
        if (text.isBlank()) {
            return FileOutcome.deadLetter(
                    file, format, DeadLetterKind.EMPTY, "blank file (" + content.length + " bytes of white space)");
        }
        FormatRecogniser recogniser;
        try {
            recogniser = Recognisers.first(recognisers, format, file.sourcePath(), text)
                    .orElse(null);
        } catch (RuntimeException | StackOverflowError e) {
            return FileOutcome.deadLetter(file, format, "could not tell which tool wrote it: " + e);
        }
        return recogniser == null ? parseGeneric(file, format, text) : parseRecognised(file, format, recogniser, text);
    }

    private FileOutcome parseGeneric(ArtifactFile file, ArtifactFormat format, String text) {
        try {
            List<ParsedRow> rows = parserFor(format).parse(text, new RowInterpreter(settings));
            return toOutcome(file, format, null, rows);
        } catch (MalformedArtifactException e) {
            return FileOutcome.deadLetter(file, format, e.kind(), e.getMessage());
        } catch (StackOverflowError e) {
            return FileOutcome.deadLetter(file, format, "nested too deeply to read");
        } catch (RuntimeException e) {
            return FileOutcome.deadLetter(file, format, "could not parse as " + format.label() + ": " + e);
        }
    }

    /** A file the recogniser claimed is its to read: when it cannot, the dead letter names it. */
    private FileOutcome parseRecognised(
            ArtifactFile file, ArtifactFormat format, FormatRecogniser recogniser, String text) {
        String name = recogniser.name();
        try {
            List<ParsedRow> rows = recogniser.parse(file.sourcePath(), text, new RowInterpreter(settings));
            return toOutcome(file, format, name, rows);
        } catch (MalformedArtifactException e) {
            return FileOutcome.deadLetter(file, format, name, e.kind(), name + ": " + e.getMessage());
        } catch (StackOverflowError e) {
            return FileOutcome.deadLetter(
                    file, format, name, DeadLetterKind.MALFORMED, name + ": nested too deeply to read");
        } catch (RuntimeException e) {
            return FileOutcome.deadLetter(
                    file, format, name, DeadLetterKind.MALFORMED, "could not parse as " + name + ": " + e);
        }
    }

    private FileOutcome toOutcome(ArtifactFile file, ArtifactFormat format, String recogniser, List<ParsedRow> rows) {
        String label = recogniser != null ? recogniser : format.label();
        List<MetricEvent> events = new ArrayList<>();
        int failedRows = 0;
        int index = 0;
        // Once per shape of row, not per failed row: a long file of timeouts stays linear.
        java.util.Map<java.util.Set<String>, List<ParsedRow.Measurement>> metricsByShape = new HashMap<>();
        for (ParsedRow row : rows) {
            if (row.failed()) {
                failedRows++;
            }
            long eventTime = row.eventTime() != null ? row.eventTime() : file.modifiedTime();
            String timeSource = row.eventTime() != null ? row.eventTimeSource() : FILE_MODIFIED_TIME;
            // A run that failed before it measured anything (a timeout) still failed every metric of its file:
            // its configuration's series count the failure rather than vanish.
            List<ParsedRow.Measurement> measurements = row.failed()
                            && row.measurements().isEmpty()
                    ? metricsByShape.computeIfAbsent(row.dimensions().keySet(), shape -> metricsOfRows(shape, rows))
                    : row.measurements();
            // One map for the row's events: they share its dimensions, read-only so none can change another's. Not
            // copied: every parser builds each row's map afresh and lets go of it.
            java.util.Map<String, String> dimensions =
                    measurements.isEmpty() ? null : java.util.Collections.unmodifiableMap(row.dimensions());
            for (ParsedRow.Measurement measurement : measurements) {
                MetricEvent event = new MetricEvent(
                        file.suite(),
                        file.sourcePath(),
                        label,
                        dimensions,
                        measurement.metric(),
                        measurement.value(),
                        measurement.unit(),
                        eventTime,
                        timeSource,
                        row.failed(),
                        row.error());
                event.row = index;
                events.add(event);
            }
            index++;
        }
        int rowCount = (int) rows.stream()
                .filter(r -> r.failed() || !r.measurements().isEmpty())
                .count();
        if (format == ArtifactFormat.TEXT && recogniser == null && rowCount == 0) {
            // Farms are full of stdout logs: one with nothing to measure is no error.
            return FileOutcome.ignored(file, format, "no table, key-value metric line or known tool's output");
        }
        return FileOutcome.parsed(file, format, recogniser, events, rowCount, failedRows);
    }

    /**
     * Every metric the rows of one shape (these dimensions: one CSV's rows, one JSON array's elements) measured,
     * with its unit, once each, valueless (NaN): the values a failed run of that shape never gave.
     */
    private static List<ParsedRow.Measurement> metricsOfRows(java.util.Set<String> shape, List<ParsedRow> rows) {
        java.util.Map<String, ParsedRow.Measurement> metrics = new java.util.LinkedHashMap<>();
        for (ParsedRow row : rows) {
            if (!row.dimensions().keySet().equals(shape)) {
                continue;
            }
            for (ParsedRow.Measurement measurement : row.measurements()) {
                metrics.putIfAbsent(
                        measurement.metric(),
                        new ParsedRow.Measurement(measurement.metric(), Double.NaN, measurement.unit()));
            }
        }
        return List.copyOf(metrics.values());
    }

    private static FormatParser parserFor(ArtifactFormat format) {
        return switch (format) {
            case CSV -> CsvFormatParser.commaSeparated();
            case TSV -> CsvFormatParser.tabSeparated();
            case JSON -> new JsonFormatParser();
            case JSON_LINES -> new JsonLinesFormatParser();
            case MARKDOWN, TEXT -> new MarkdownFormatParser();
        };
    }

    /** The dead letter of a file over the size cap, for readers that check the size before reading. */
    public FileOutcome tooLarge(ArtifactFile file, ArtifactFormat format) {
        return FileOutcome.deadLetter(file, format, DeadLetterKind.TOO_LARGE, tooLarge(file.bytes()));
    }

    private String tooLarge(long size) {
        return "file is " + size + " bytes, larger than the " + settings.maxFileBytes()
                + "-byte cap (raise parse.max-file-bytes to read it)";
    }

    private static String cannotRead(Exception e) {
        return "cannot read the file: " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
