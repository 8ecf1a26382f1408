package io.chimera.telemetry.parse;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.DeadLetterKind;
import io.chimera.telemetry.records.MetricEvent;
import io.chimera.telemetry.testing.Corpus;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactParserTest {

    private static final long MODIFIED = 1_600_000_000_000L;
    private static final String CSV = "model,tokens_s\nllama3,10\n";

    @TempDir
    Path root;

    private final ArtifactParser parser = new ArtifactParser(ParseSettings.defaults());

    private static ArtifactFile file(String sourcePath, int bytes) {
        return new ArtifactFile("bench", sourcePath, bytes, MODIFIED);
    }

    private FileOutcome parse(ArtifactParser parser, ArtifactFormat format, byte[] bytes) {
        return assertDoesNotThrow(() -> parser.parse(file("bench/run." + format.label(), bytes.length), format, bytes));
    }

    private FileOutcome parse(ArtifactFormat format, byte[] bytes) {
        return parse(parser, format, bytes);
    }

    private static void assertDeadLetter(FileOutcome outcome, String reason) {
        assertFalse(outcome.isParsed(), "expected a dead letter, got " + outcome.events());
        assertEquals(reason, outcome.deadLetterReason());
        assertEquals("dead_letter", outcome.status());
        assertTrue(outcome.events().isEmpty());
        assertEquals(0, outcome.rows());
    }

    @Test
    void eachDeadLetterSaysWhatKindOfTroubleItIsForTheDashboardsCounter() {
        byte[] utf16WithoutMark = "model,tokens_s\nllama3,10\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] binary = {0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x12};
        ArtifactParser tiny = new ArtifactParser(ParseSettings.defaults().withMaxFileBytes(8));

        assertEquals(
                DeadLetterKind.ENCODING,
                parse(ArtifactFormat.CSV, utf16WithoutMark).deadLetterKind());
        assertEquals(DeadLetterKind.BINARY, parse(ArtifactFormat.CSV, binary).deadLetterKind());
        assertEquals(
                DeadLetterKind.EMPTY, parse(ArtifactFormat.CSV, new byte[0]).deadLetterKind());
        assertEquals(
                DeadLetterKind.EMPTY,
                parse(ArtifactFormat.JSON, " \n ".getBytes(StandardCharsets.UTF_8))
                        .deadLetterKind());
        assertEquals(
                DeadLetterKind.TOO_LARGE,
                parse(tiny, ArtifactFormat.CSV, CSV.getBytes(StandardCharsets.UTF_8))
                        .deadLetterKind());
        assertEquals(
                DeadLetterKind.MALFORMED,
                parse(ArtifactFormat.JSON, "{\"a\": ".getBytes(StandardCharsets.UTF_8))
                        .deadLetterKind());
        assertEquals(
                null,
                parse(ArtifactFormat.CSV, CSV.getBytes(StandardCharsets.UTF_8)).deadLetterKind());
        assertEquals("too_large", DeadLetterKind.TOO_LARGE.label());
    }

    private static void assertOneLlamaEvent(FileOutcome outcome, String model) {
        assertTrue(outcome.isParsed(), outcome.deadLetterReason());
        assertEquals(1, outcome.events().size());
        MetricEvent event = outcome.events().get(0);
        assertEquals(Map.of("model", model), event.dimensions);
        assertEquals("tokens_s", event.metric);
        assertEquals(10.0, event.value);
        assertEquals("tok/s", event.unit);
    }

    private static byte[] concat(byte[] prefix, byte[] rest) {
        byte[] all = new byte[prefix.length + rest.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(rest, 0, all, prefix.length, rest.length);
        return all;
    }

    @Test
    void aLogWithNothingToMeasureIsIgnoredWithItsReasonNotADeadLetter() {
        byte[] log = "2026-11-20 09:00:01 INFO starting worker 3\n2026-11-20 09:00:04 INFO done in 3 s\n"
                .getBytes(StandardCharsets.UTF_8);

        FileOutcome outcome = parse(ArtifactFormat.TEXT, log);

        assertTrue(outcome.isParsed(), "no dead letter");
        assertTrue(outcome.isIgnored());
        assertEquals("ignored", outcome.status());
        assertEquals("no table, key-value metric line or known tool's output", outcome.ignoredReason());
        assertTrue(outcome.events().isEmpty());
    }

    @Test
    void aTextFileIsReadForItsKeyValueLinesAndByTheToolsRecognisers() throws Exception {
        byte[] report = "BENCHMARK RESULTS\n=================\nModel: llama3\n- Tokens per second: 13.80\n"
                .getBytes(StandardCharsets.UTF_8);
        FileOutcome keyValues = parse(ArtifactFormat.TEXT, report);
        assertEquals(
                List.of("Tokens per second"),
                keyValues.events().stream().map(e -> e.metric).toList());
        assertEquals(
                Map.of("Model", "llama3", "section", "BENCHMARK RESULTS"),
                keyValues.events().get(0).dimensions);

        byte[] verbose = Files.readAllBytes(
                Corpus.formats().resolve("ollama_text/freeletics-ollama-benchmark_Linux_RTX_3060.md"));
        FileOutcome asLog = parse(ArtifactFormat.TEXT, verbose);
        FileOutcome asMarkdown = parse(ArtifactFormat.MARKDOWN, verbose);
        assertEquals("ollama-verbose", asLog.label(), "ollama run --verbose output saved as .txt or .log");
        assertEquals(asMarkdown.events().size(), asLog.events().size());
        assertTrue(asLog.events().size() > 10, "" + asLog.events().size());
    }

    @Test
    void emptyFileIsADeadLetter() {
        assertDeadLetter(parse(ArtifactFormat.CSV, new byte[0]), "empty file (0 bytes)");
    }

    @Test
    void whiteSpaceOnlyFileIsADeadLetter() {
        byte[] blank = " \n\t\r\n".getBytes(StandardCharsets.US_ASCII);

        assertDeadLetter(parse(ArtifactFormat.JSON, blank), "blank file (5 bytes of white space)");
    }

    @Test
    void binaryContentWithNulBytesIsADeadLetter() {
        // the PNG signature and the start of its first chunk: the first NUL is at offset 8
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};

        assertDeadLetter(parse(ArtifactFormat.CSV, png), "binary content, not text (NUL byte at offset 8)");
    }

    @Test
    void binaryContentWithoutNulBytesIsADeadLetter() {
        // 0x80 is no valid UTF-8 start, and 3 of the 6 bytes are control characters
        byte[] bytes = {(byte) 0x80, 0x01, 0x02, 0x03, 'a', 'b'};

        assertDeadLetter(parse(ArtifactFormat.CSV, bytes), "binary content, not text (3 control bytes in 6)");
    }

    @Test
    void utf16LittleEndianWithByteOrderMarkParses() {
        byte[] bytes = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, CSV.getBytes(StandardCharsets.UTF_16LE));

        assertOneLlamaEvent(parse(ArtifactFormat.CSV, bytes), "llama3");
    }

    @Test
    void utf16BigEndianWithByteOrderMarkParses() {
        byte[] bytes = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, CSV.getBytes(StandardCharsets.UTF_16BE));

        assertOneLlamaEvent(parse(ArtifactFormat.CSV, bytes), "llama3");
    }

    @Test
    void utf16WithoutByteOrderMarkIsADeadLetterThatSaysSo() {
        FileOutcome outcome = parse(ArtifactFormat.CSV, CSV.getBytes(StandardCharsets.UTF_16LE));

        assertDeadLetter(
                outcome, "UTF-16 text without a valid byte order mark (NUL at every other byte); save it as UTF-8");
    }

    @Test
    void windows1252TextParses() {
        // é is 0xE9 and € is 0x80 in Windows-1252; neither is valid UTF-8 there
        byte[] bytes = "model,tokens_s\nCaf\u00e9 \u20ac,10\n".getBytes(Charset.forName("windows-1252"));

        assertOneLlamaEvent(parse(ArtifactFormat.CSV, bytes), "Caf\u00e9 \u20ac");
    }

    @Test
    void utf8TextStaysUtf8() {
        byte[] bytes = "model,tokens_s\nCaf\u00e9 \u20ac,10\n".getBytes(StandardCharsets.UTF_8);

        assertOneLlamaEvent(parse(ArtifactFormat.CSV, bytes), "Caf\u00e9 \u20ac");
    }

    @Test
    void contentLargerThanTheCapIsADeadLetter() {
        ArtifactParser capped = new ArtifactParser(ParseSettings.defaults().withMaxFileBytes(16));
        byte[] seventeen = "model,score\nx,12\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(17, seventeen.length);

        assertDeadLetter(
                parse(capped, ArtifactFormat.CSV, seventeen),
                "file is 17 bytes, larger than the 16-byte cap (raise parse.max-file-bytes to read it)");
    }

    @Test
    void contentExactlyAtTheCapParses() {
        ArtifactParser capped = new ArtifactParser(ParseSettings.defaults().withMaxFileBytes(16));
        byte[] sixteen = "model,score\nx,1\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(16, sixteen.length);

        FileOutcome outcome = parse(capped, ArtifactFormat.CSV, sixteen);

        assertTrue(outcome.isParsed(), outcome.deadLetterReason());
        assertEquals(1, outcome.events().size());
    }

    @Test
    void localFileLargerThanTheCapIsADeadLetter() throws Exception {
        Path big = Files.writeString(root.resolve("big.csv"), "model,score\nx,12\n");
        ArtifactParser capped = new ArtifactParser(ParseSettings.defaults().withMaxFileBytes(16));

        FileOutcome outcome = assertDoesNotThrow(() -> capped.parseLocal(root, big, ArtifactFormat.CSV));

        assertDeadLetter(
                outcome, "file is 17 bytes, larger than the 16-byte cap (raise parse.max-file-bytes to read it)");
        assertEquals(17, outcome.file().bytes());
    }

    @Test
    void fileThatVanishedIsADeadLetterNamingTheProblem() {
        Path gone = root.resolve("gone.csv");

        FileOutcome outcome = assertDoesNotThrow(() -> parser.parseLocal(root, gone, ArtifactFormat.CSV));

        assertFalse(outcome.isParsed());
        assertTrue(
                outcome.deadLetterReason().startsWith("cannot read the file: NoSuchFileException: "),
                outcome.deadLetterReason());
        assertTrue(outcome.deadLetterReason().contains("gone.csv"), outcome.deadLetterReason());
        assertEquals("gone.csv", outcome.file().sourcePath());
        assertTrue(outcome.events().isEmpty());
    }

    @Test
    void directoryInPlaceOfAFileIsADeadLetter() throws Exception {
        Path directory = Files.createDirectory(root.resolve("looks-like.csv"));

        FileOutcome outcome = assertDoesNotThrow(() -> parser.parseLocal(root, directory, ArtifactFormat.CSV));

        assertFalse(outcome.isParsed());
        assertTrue(outcome.deadLetterReason().startsWith("cannot read the file: "), outcome.deadLetterReason());
        assertTrue(outcome.events().isEmpty());
    }

    @Test
    void truncatedJsonIsADeadLetterNamingWhere() {
        // `{"model": "x", "tokens_s": 1` is 28 characters: the input ends before column 29
        byte[] truncated = "{\"model\": \"x\", \"tokens_s\": 1".getBytes(StandardCharsets.UTF_8);

        FileOutcome outcome = parse(ArtifactFormat.JSON, truncated);

        assertFalse(outcome.isParsed());
        assertTrue(outcome.deadLetterReason().startsWith("line 1, column 29: "), outcome.deadLetterReason());
        assertTrue(outcome.deadLetterReason().contains("end-of-input"), outcome.deadLetterReason());
    }

    @Test
    void deeplyNestedJsonIsADeadLetterNotACrash() {
        byte[] nested = "[".repeat(100_000).getBytes(StandardCharsets.US_ASCII);

        FileOutcome outcome = parse(ArtifactFormat.JSON, nested);

        assertFalse(outcome.isParsed());
        assertFalse(outcome.deadLetterReason().isBlank());
    }

    @Test
    void raggedCsvIsADeadLetterNamingTheLine() {
        byte[] ragged = "a,b\n1,2\n3\n".getBytes(StandardCharsets.US_ASCII);

        assertDeadLetter(parse(ArtifactFormat.CSV, ragged), "line 3: 1 fields where the header has 2");
    }

    @Test
    void deadLetterRecordCarriesTheReasonAndTheFile() {
        FileOutcome outcome = parse(ArtifactFormat.CSV, new byte[0]);

        var deadLetter = outcome.toDeadLetter();
        assertEquals("empty file (0 bytes)", deadLetter.reason);
        assertEquals("bench/run.csv", deadLetter.sourcePath);
        assertEquals("csv", deadLetter.format);
    }

    @Test
    void eventsWithoutATimestampFieldGetTheFilesModifiedTime() throws Exception {
        Path suite = Files.createDirectory(root.resolve("ollama"));
        Path csv = Files.writeString(suite.resolve("run.csv"), CSV);
        Files.setLastModifiedTime(csv, FileTime.fromMillis(MODIFIED));

        FileOutcome outcome = parser.parseLocal(root, csv, ArtifactFormat.CSV);

        assertOneLlamaEvent(outcome, "llama3");
        MetricEvent event = outcome.events().get(0);
        assertEquals(MODIFIED, event.eventTime);
        assertEquals("file-modified", event.eventTimeSource);
        assertEquals(ArtifactParser.FILE_MODIFIED_TIME, event.eventTimeSource);
        assertEquals("ollama", event.suite);
        assertEquals("ollama/run.csv", event.sourcePath);
        assertEquals("csv", event.format);
        assertFalse(event.failed);
        assertEquals(CSV.length(), outcome.file().bytes());
    }

    @Test
    void eventsWithATimestampFieldKeepThatTime() throws Exception {
        Path json = Files.writeString(root.resolve("run.json"), "{\"timestamp\": 1700000000, \"tokens_s\": 10}");
        Files.setLastModifiedTime(json, FileTime.fromMillis(MODIFIED));

        FileOutcome outcome = parser.parseLocal(root, json, ArtifactFormat.JSON);

        assertTrue(outcome.isParsed(), outcome.deadLetterReason());
        MetricEvent event = outcome.events().get(0);
        assertEquals(1_700_000_000_000L, event.eventTime);
        assertEquals("timestamp", event.eventTimeSource);
        assertEquals(root.getFileName().toString(), event.suite, "a file directly under the root: the root's name");
        assertEquals("run.json", event.sourcePath);
    }

    @Test
    void jsonDocumentRowWithoutNumbersIsNotCountedAsARow() {
        byte[] json = "{\"model\": \"m\", \"runs\": [{\"score\": 1}, {\"score\": 2}]}".getBytes(StandardCharsets.UTF_8);

        FileOutcome outcome = parse(ArtifactFormat.JSON, json);

        assertTrue(outcome.isParsed(), outcome.deadLetterReason());
        assertEquals(2, outcome.rows());
        assertEquals(2, outcome.events().size());
        assertEquals(Map.of("model", "m"), outcome.events().get(1).dimensions);
        assertEquals(MODIFIED, outcome.events().get(1).eventTime);
        assertEquals("file-modified", outcome.events().get(1).eventTimeSource);
    }

    @Test
    void eachEventNamesTheRowItCameFrom() {
        byte[] csv = "model,tokens_s,ttft_ms\nllama3,10,1\ngemma3,20,2\n".getBytes(StandardCharsets.UTF_8);

        FileOutcome outcome = parse(ArtifactFormat.CSV, csv);

        assertEquals(
                List.of("llama3 tokens_s 0", "llama3 ttft_ms 0", "gemma3 tokens_s 1", "gemma3 ttft_ms 1"),
                outcome.events().stream()
                        .map(e -> e.dimensions.get("model") + " " + e.metric + " " + e.row)
                        .toList());
    }

    @Test
    void formatIsRecognisedByExtension() {
        assertEquals(Optional.of(ArtifactFormat.CSV), ArtifactParser.formatOf("a/run.CSV"));
        assertEquals(Optional.of(ArtifactFormat.TSV), ArtifactParser.formatOf("run.tsv"));
        assertEquals(Optional.of(ArtifactFormat.JSON_LINES), ArtifactParser.formatOf("run.ndjson"));
        assertEquals(Optional.of(ArtifactFormat.MARKDOWN), ArtifactParser.formatOf("README.md"));
        assertEquals(Optional.of(ArtifactFormat.TEXT), ArtifactParser.formatOf("run.txt"));
        assertEquals(Optional.of(ArtifactFormat.TEXT), ArtifactParser.formatOf("logs/worker.LOG"));
        assertEquals(Optional.of(ArtifactFormat.JSON), ArtifactParser.formatOf("gh-pages/dev/bench/data.js"));
        assertEquals(Optional.empty(), ArtifactParser.formatOf("app.js"));
        assertEquals(Optional.empty(), ArtifactParser.formatOf("Makefile"));
    }
}
