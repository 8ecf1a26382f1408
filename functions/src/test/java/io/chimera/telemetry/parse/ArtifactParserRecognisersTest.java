package io.chimera.telemetry.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.parse.recognise.FormatRecogniser;
import io.chimera.telemetry.parse.recognise.Recognisers;
import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.MetricEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the facade hands a file to a tool recogniser, and what becomes of the files they claim. */
class ArtifactParserRecognisersTest {

    private static final long MODIFIED = 1_600_000_000_000L;
    private static final String JSON = "{\"tool\": \"fake\", \"score\": 7}";

    /** Claims text containing its marker; parses it into one row with one metric, or fails as told. */
    private record Fake(
            String name,
            ArtifactFormat genericFormat,
            String marker,
            List<String> asked,
            RuntimeException crash,
            String malformed)
            implements FormatRecogniser {

        Fake(String name, ArtifactFormat genericFormat, String marker) {
            this(name, genericFormat, marker, new ArrayList<>(), null, null);
        }

        @Override
        public boolean recognises(String path, String text) {
            asked.add(path);
            return text.contains(marker);
        }

        @Override
        public List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
            if (crash != null) {
                throw crash;
            }
            if (malformed != null) {
                throw new MalformedArtifactException(malformed);
            }
            return List.of(new ParsedRow(
                    Map.of("tool", name),
                    List.of(new ParsedRow.Measurement("score", 7.0, "ops/s")),
                    null,
                    null,
                    false,
                    null));
        }
    }

    private static FileOutcome parse(List<FormatRecogniser> recognisers, String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ArtifactParser parser = new ArtifactParser(ParseSettings.defaults(), recognisers);
        return parser.parse(
                new ArtifactFile("bench", "bench/" + name, bytes.length, MODIFIED),
                ArtifactFormat.ofFileName(name).orElseThrow(),
                bytes);
    }

    @Test
    void aRecognisedFileIsParsedByTheRecogniserAndLabelledWithItsName() {
        FileOutcome outcome = parse(List.of(new Fake("fake-json", ArtifactFormat.JSON, "\"tool\"")), "run.json", JSON);

        assertTrue(outcome.isParsed());
        assertEquals("fake-json", outcome.recogniser());
        assertEquals("fake-json", outcome.label());
        assertEquals(ArtifactFormat.JSON, outcome.format());
        assertEquals(1, outcome.events().size());
        MetricEvent event = outcome.events().get(0);
        assertEquals("fake-json", event.format);
        assertEquals(Map.of("tool", "fake-json"), event.dimensions);
        assertEquals(ArtifactParser.FILE_MODIFIED_TIME, event.eventTimeSource);
        assertEquals(MODIFIED, event.eventTime);
    }

    @Test
    void aFileNoRecogniserClaimsKeepsItsGenericParserAndLabel() {
        FileOutcome outcome = parse(List.of(new Fake("fake-json", ArtifactFormat.JSON, "\"other\"")), "run.json", JSON);

        assertTrue(outcome.isParsed());
        assertNull(outcome.recogniser());
        assertEquals("json", outcome.label());
        MetricEvent event = outcome.events().get(0);
        assertEquals("score", event.metric);
        assertEquals(Map.of("tool", "fake"), event.dimensions);
        assertEquals("json", event.format);
    }

    @Test
    void aRecogniserOfAnotherGenericFormatIsNotAsked() {
        Fake csv = new Fake("fake-csv", ArtifactFormat.CSV, "\"tool\"");

        FileOutcome outcome = parse(List.of(csv), "run.json", JSON);

        assertEquals("json", outcome.label());
        assertTrue(csv.asked().isEmpty(), "asked about " + csv.asked());
    }

    @Test
    void theFirstRecogniserThatClaimsTheFileParsesIt() {
        Fake first = new Fake("first-json", ArtifactFormat.JSON, "\"tool\"");
        Fake second = new Fake("second-json", ArtifactFormat.JSON, "\"tool\"");

        FileOutcome outcome =
                parse(List.of(new Fake("none-json", ArtifactFormat.JSON, "nothing"), first, second), "run.json", JSON);

        assertEquals("first-json", outcome.label());
        assertEquals(
                List.of("bench/run.json"),
                first.asked(),
                "the recogniser sees the file's path below its watched folder");
        assertTrue(second.asked().isEmpty());
    }

    @Test
    void aClaimedFileTheRecogniserCannotReadIsADeadLetterNamingIt() {
        Fake broken = new Fake(
                "fake-json", ArtifactFormat.JSON, "\"tool\"", new ArrayList<>(), null, "line 3, column 1: no scores");

        FileOutcome outcome = parse(List.of(broken), "run.json", JSON);

        assertFalse(outcome.isParsed());
        assertEquals("fake-json: line 3, column 1: no scores", outcome.deadLetterReason());
        assertEquals("fake-json", outcome.label());
        assertTrue(outcome.events().isEmpty());
        DeadLetter letter = outcome.toDeadLetter();
        assertEquals("json", letter.format, "the dead letter keeps the generic format; its reason names the tool");
        assertEquals("fake-json: line 3, column 1: no scores", letter.reason);
    }

    @Test
    void aRecogniserThatThrowsMakesADeadLetterNamingIt() {
        Fake crashing = new Fake(
                "fake-json",
                ArtifactFormat.JSON,
                "\"tool\"",
                new ArrayList<>(),
                new IllegalStateException("boom"),
                null);

        FileOutcome outcome = parse(List.of(crashing), "run.json", JSON);

        assertEquals("could not parse as fake-json: java.lang.IllegalStateException: boom", outcome.deadLetterReason());
        assertEquals("fake-json", outcome.label());
    }

    @Test
    void undecodableFilesAreDeadLettersBeforeAnyRecogniserIsAsked() {
        Fake eager = new Fake("fake-json", ArtifactFormat.JSON, "");
        byte[] binary = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
        ArtifactParser parser = new ArtifactParser(ParseSettings.defaults(), List.of(eager));

        FileOutcome outcome = parser.parse(
                new ArtifactFile("bench", "bench/run.json", binary.length, MODIFIED), ArtifactFormat.JSON, binary);

        assertEquals("binary content, not text (NUL byte at offset 8)", outcome.deadLetterReason());
        assertNull(outcome.recogniser());
        assertTrue(eager.asked().isEmpty());
        assertEquals(
                "blank file (3 bytes of white space)",
                parse(List.of(eager), "run.json", " \n ").deadLetterReason());
        assertTrue(eager.asked().isEmpty());
    }

    @Test
    void theStandardParserReadsToolOutputWithItsRecogniser() {
        String jmh = "[{\"benchmark\": \"a.B.c\", \"mode\": \"thrpt\", \"threads\": 1,"
                + " \"primaryMetric\": {\"score\": 5.5, \"scoreUnit\": \"ops/s\"}}]";

        FileOutcome outcome = parse(Recognisers.all(), "jmh.json", jmh);

        assertEquals("jmh-json", outcome.label());
        assertEquals(5.5, outcome.events().get(0).value);
        assertEquals("json", parse(List.of(), "jmh.json", jmh).label(), "without recognisers: generic JSON");
    }

    @Test
    void theParserWithItsRecognisersSurvivesJavaSerialisation() throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArtifactParser(ParseSettings.defaults()));
        }
        ArtifactParser copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ArtifactParser) in.readObject();
        }
        byte[] csv =
                "command,mean,stddev,median,user,system,min,max\nls,1,0,1,1,0,1,1\n".getBytes(StandardCharsets.UTF_8);

        FileOutcome outcome =
                copy.parse(new ArtifactFile("b", "b/h.csv", csv.length, MODIFIED), ArtifactFormat.CSV, csv);

        assertEquals("hyperfine-csv", outcome.label());
    }
}
