package io.chimera.telemetry.parse.recognise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.parse.ArtifactFile;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.parse.ParseSettings;
import io.chimera.telemetry.parse.RowInterpreter;
import io.chimera.telemetry.records.MetricEvent;
import io.chimera.telemetry.testing.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a file through the whole parse layer ({@link ArtifactParser}, with the standard recognisers): a file of
 * ../shared/corpus/formats, one of the project's own samples in {@code src/test/resources/formats}, or text.
 */
final class RecognisedFiles {

    static final ArtifactParser PARSER = new ArtifactParser(ParseSettings.defaults());
    static final RowInterpreter INTERPRETER = new RowInterpreter(ParseSettings.defaults());
    static final long MODIFIED = 1_700_000_000_000L;

    private RecognisedFiles() {}

    /** A file of ../shared/corpus/formats, by its path under that folder. */
    static FileOutcome corpus(String relative) {
        Path root = Corpus.formats();
        Path file = root.resolve(relative);
        assertTrue(Files.isRegularFile(file), file + " is missing from the corpus");
        return PARSER.parseLocal(
                root,
                file,
                ArtifactParser.formatOf(file.getFileName().toString()).orElseThrow());
    }

    static String corpusText(String relative) {
        try {
            return Files.readString(Corpus.formats().resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One of the project's own samples under src/test/resources/formats. */
    static Path sample(String name) {
        URL url = RecognisedFiles.class.getResource("/formats/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no sample formats/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static FileOutcome sampleOutcome(String name) {
        Path file = sample(name);
        return PARSER.parseLocal(
                file.getParent(), file, ArtifactParser.formatOf(name).orElseThrow());
    }

    static String sampleText(String name) {
        try {
            return Files.readString(sample(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text parsed as a file of that name (its extension picks the generic format). */
    static FileOutcome text(String fileName, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ArtifactFormat format = ArtifactParser.formatOf(fileName).orElseThrow();
        return PARSER.parse(new ArtifactFile("bench", "bench/" + fileName, bytes.length, MODIFIED), format, bytes);
    }

    static FileOutcome parsedBy(FileOutcome outcome, String recogniser) {
        assertTrue(
                outcome.isParsed(), outcome.file().sourcePath() + " is a dead letter: " + outcome.deadLetterReason());
        assertEquals(recogniser, outcome.recogniser(), outcome.file().sourcePath());
        assertEquals(recogniser, outcome.label());
        for (MetricEvent event : outcome.events()) {
            assertEquals(recogniser, event.format, event.toString());
        }
        return outcome;
    }

    static void assertDeadLetterOf(FileOutcome outcome, String recogniser, String reason) {
        assertFalse(
                outcome.isParsed(),
                "expected a dead letter, got " + outcome.events().size() + " events");
        assertEquals(recogniser, outcome.recogniser());
        assertEquals(recogniser, outcome.label());
        assertEquals(reason, outcome.deadLetterReason());
        assertTrue(outcome.events().isEmpty());
    }

    static List<MetricEvent> metric(FileOutcome outcome, String name) {
        return outcome.events().stream().filter(e -> e.metric.equals(name)).toList();
    }

    /** The one event of that metric whose dimensions include all of {@code dimensions}. */
    static MetricEvent event(FileOutcome outcome, String name, Map<String, String> dimensions) {
        List<MetricEvent> matching = metric(outcome, name).stream()
                .filter(e -> e.dimensions.entrySet().containsAll(dimensions.entrySet()))
                .toList();
        assertEquals(1, matching.size(), name + " with " + dimensions + ": " + matching);
        return matching.get(0);
    }

    /** The events of that metric whose dimensions include all of {@code dimensions}: exactly {@code count}. */
    static List<MetricEvent> event(FileOutcome outcome, String name, Map<String, String> dimensions, int count) {
        List<MetricEvent> matching = metric(outcome, name).stream()
                .filter(e -> e.dimensions.entrySet().containsAll(dimensions.entrySet()))
                .toList();
        assertEquals(count, matching.size(), name + " with " + dimensions + ": " + matching);
        return matching;
    }

    static MetricEvent single(FileOutcome outcome, String name) {
        return event(outcome, name, Map.of());
    }
}
