package io.chimera.telemetry.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.MetricEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvFormatParserTest {

    private static final RowInterpreter INTERPRETER = new RowInterpreter(ParseSettings.defaults());

    private static List<ParsedRow> parse(String csv) throws MalformedArtifactException {
        return CsvFormatParser.commaSeparated().parse(csv, INTERPRETER);
    }

    private static ParsedRow.Measurement m(String metric, double value, String unit) {
        return new ParsedRow.Measurement(metric, value, unit);
    }

    private static FileOutcome parseThroughFacade(byte[] bytes) {
        ArtifactFile file = new ArtifactFile("bench", "bench/run.csv", bytes.length, 1_000L);
        return new ArtifactParser(ParseSettings.defaults()).parse(file, ArtifactFormat.CSV, bytes);
    }

    @Test
    void headerRowNamesTheColumnsOfEveryFollowingRow() throws Exception {
        List<ParsedRow> rows = parse("model,score\nllama3,1.5\nmistral,2\n");

        assertEquals(2, rows.size());
        assertEquals(Map.of("model", "llama3"), rows.get(0).dimensions());
        assertEquals(List.of(m("score", 1.5, null)), rows.get(0).measurements());
        assertEquals(Map.of("model", "mistral"), rows.get(1).dimensions());
        assertEquals(List.of(m("score", 2.0, null)), rows.get(1).measurements());
    }

    @Test
    void headerOnlyFileHasNoRows() throws Exception {
        assertTrue(parse("model,score\n").isEmpty());
    }

    @Test
    void eachNumericCellIsOneMetricAndTextCellsAreDimensions() throws Exception {
        List<ParsedRow> rows = parse("model,backend,ttft_s,latency_ms,note\nllama3,cuda,0.25,12.5,warm start\n");

        assertEquals(1, rows.size());
        ParsedRow row = rows.get(0);
        assertEquals(Map.of("model", "llama3", "backend", "cuda", "note", "warm start"), row.dimensions());
        assertEquals(List.of(m("ttft_s", 0.25, "s"), m("latency_ms", 12.5, "ms")), row.measurements());
        assertFalse(row.failed());
        assertNull(row.error());
    }

    @Test
    void numberWithUnitInTheCellKeepsThatUnit() throws Exception {
        ParsedRow row = parse("model,speed\nllama3,102.85 tokens/s\n").get(0);

        assertEquals(List.of(m("speed", 102.85, "tok/s")), row.measurements());
    }

    @Test
    void emptyNotApplicableAndNanCellsAreSkipped() throws Exception {
        ParsedRow row = parse("model,a,b,c,d,e\nx,,N/A,nan,NaN,7\n").get(0);

        assertEquals(Map.of("model", "x"), row.dimensions());
        assertEquals(List.of(m("e", 7.0, null)), row.measurements());
    }

    @Test
    void nonEmptyErrorColumnMarksTheRowFailed() throws Exception {
        List<ParsedRow> rows = parse("model,tokens_s,error\nllama3,50,\nmistral,0,CUDA out of memory\n");

        assertFalse(rows.get(0).failed());
        assertNull(rows.get(0).error());
        assertTrue(rows.get(1).failed());
        assertEquals("CUDA out of memory", rows.get(1).error());
        assertFalse(rows.get(1).dimensions().containsKey("error"), "the error text is no dimension");
        assertEquals(List.of(m("tokens_s", 0.0, "tok/s")), rows.get(1).measurements());
    }

    @Test
    void eventsOfAFailedRowCarryTheFailedFlagAndTheErrorText() {
        FileOutcome outcome = parseThroughFacade(
                "model,tokens_s,error\nllama3,50,\nmistral,0,CUDA out of memory\n".getBytes(StandardCharsets.UTF_8));

        assertTrue(outcome.isParsed(), outcome.deadLetterReason());
        assertEquals(2, outcome.rows());
        assertEquals(1, outcome.failedRows());
        assertEquals(2, outcome.events().size());
        MetricEvent ok = outcome.events().get(0);
        assertEquals(Map.of("model", "llama3"), ok.dimensions);
        assertEquals(50.0, ok.value);
        assertFalse(ok.failed);
        assertNull(ok.error);
        MetricEvent failed = outcome.events().get(1);
        assertEquals(Map.of("model", "mistral"), failed.dimensions);
        assertEquals("tokens_s", failed.metric);
        assertEquals(0.0, failed.value);
        assertTrue(failed.failed);
        assertEquals("CUDA out of memory", failed.error);
    }

    @Test
    void errorColumnSayingNoneOrFalseDoesNotFailTheRow() throws Exception {
        List<ParsedRow> rows = parse("model,score,error\na,1,none\nb,2,false\nc,3,0\n");

        assertEquals(3, rows.size());
        rows.forEach(row -> assertFalse(row.failed(), row.toString()));
    }

    @Test
    void quotedFieldsKeepTheirCommasAndDoubledQuotes() throws Exception {
        ParsedRow row = parse("model,prompt,tokens\n\"llama3, 8b\",\"say \"\"hi\"\"\",\"3,503\"\n")
                .get(0);

        assertEquals(Map.of("model", "llama3, 8b", "prompt", "say \"hi\""), row.dimensions());
        assertEquals(List.of(m("tokens", 3503.0, null)), row.measurements());
    }

    @Test
    void quotedFieldMayHoldALineBreak() throws Exception {
        List<ParsedRow> rows = parse("model,note,score\nx,\"first\nsecond\",4\n");

        assertEquals(1, rows.size());
        assertEquals("first\nsecond", rows.get(0).dimensions().get("note"));
        assertEquals(List.of(m("score", 4.0, null)), rows.get(0).measurements());
    }

    @Test
    void crlfLineEndingsLeaveNoCarriageReturnInNamesOrValues() throws Exception {
        List<ParsedRow> rows = parse("model,latency_ms\r\nllama3,12.5\r\nmistral,13\r\n");

        assertEquals(2, rows.size());
        assertEquals(Map.of("model", "llama3"), rows.get(0).dimensions());
        assertEquals(List.of(m("latency_ms", 12.5, "ms")), rows.get(0).measurements());
        assertEquals(Map.of("model", "mistral"), rows.get(1).dimensions());
        assertEquals(List.of(m("latency_ms", 13.0, "ms")), rows.get(1).measurements());
    }

    @Test
    void utf8ByteOrderMarkIsNotPartOfTheFirstHeader() {
        byte[] text = "model,tokens_s\nllama3,10\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);

        FileOutcome outcome = parseThroughFacade(withBom);

        assertTrue(outcome.isParsed(), outcome.deadLetterReason());
        assertEquals(1, outcome.events().size());
        MetricEvent event = outcome.events().get(0);
        assertEquals(Map.of("model", "llama3"), event.dimensions);
        assertEquals("tokens_s", event.metric);
        assertEquals(10.0, event.value);
        assertEquals("tok/s", event.unit);
    }

    @Test
    void trailingBlankLinesAreIgnored() throws Exception {
        assertEquals(1, parse("model,score\nllama3,10\n\n\n").size());
        assertEquals(1, parse("model,score\r\nllama3,10\r\n\r\n\r\n").size());
    }

    @Test
    void trailingWhitespaceOnlyLinesAreIgnored() throws Exception {
        List<ParsedRow> rows = parse("model,score\nllama3,10\n   \n");

        assertEquals(1, rows.size());
        assertEquals(List.of(m("score", 10.0, null)), rows.get(0).measurements());
    }

    @Test
    void raggedRowWithTooFewFieldsNamesItsLine() {
        MalformedArtifactException e = assertThrows(MalformedArtifactException.class, () -> parse("a,b\n1,2\n3\n"));

        assertEquals("line 3: 1 fields where the header has 2", e.getMessage());
    }

    @Test
    void raggedRowWithTooManyFieldsNamesItsLine() {
        MalformedArtifactException e =
                assertThrows(MalformedArtifactException.class, () -> parse("a,b\n1,2\n3,4\n5,6,7\n"));

        assertEquals("line 4: 3 fields where the header has 2", e.getMessage());
    }

    @Test
    void raggedRowLineCountsLinesInsideQuotedFields() {
        // the quoted field spans lines 2 and 3, so the ragged row "3" is on line 4
        MalformedArtifactException e =
                assertThrows(MalformedArtifactException.class, () -> parse("a,b\n\"x\ny\",2\n3\n"));

        assertEquals("line 4: 1 fields where the header has 2", e.getMessage());
    }

    @Test
    void raggedRowLineCountsCrlfLines() {
        MalformedArtifactException e =
                assertThrows(MalformedArtifactException.class, () -> parse("a,b\r\n1,2\r\n3\r\n"));

        assertEquals("line 3: 1 fields where the header has 2", e.getMessage());
    }

    @Test
    void raggedRowAfterABlankLineNamesItsOwnLine() {
        MalformedArtifactException e = assertThrows(MalformedArtifactException.class, () -> parse("a,b\n1,2\n\n3\n"));

        assertEquals("line 4: 1 fields where the header has 2", e.getMessage());
    }

    @Test
    void raggedRowInACarriageReturnOnlyFileNamesItsLine() {
        MalformedArtifactException e = assertThrows(MalformedArtifactException.class, () -> parse("a,b\r1,2\r3\r"));

        assertEquals("line 3: 1 fields where the header has 2", e.getMessage());
    }

    @Test
    void trailingDelimiterOnEveryRowIsNotARaggedRow() throws Exception {
        List<ParsedRow> rows = parse("a,b\n1,2,\n3,4,\n");

        assertEquals(2, rows.size());
        assertEquals(List.of(m("a", 1.0, null), m("b", 2.0, null)), rows.get(0).measurements());
    }

    @Test
    void unterminatedQuoteNamesTheLineWhereTheQuoteOpens() {
        MalformedArtifactException e =
                assertThrows(MalformedArtifactException.class, () -> parse("a,b\n1,2\n3,\"oops\n4,5\n"));

        assertEquals("line 3: unterminated quoted field", e.getMessage());
    }

    @Test
    void unterminatedQuoteBeyondLine999StillNamesItsLine() {
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 1200; i++) {
            csv.append(i).append(',').append(i).append('\n');
        }
        csv.append("1,\"never closed\n"); // header is line 1, the rows lines 2..1201

        MalformedArtifactException e = assertThrows(MalformedArtifactException.class, () -> parse(csv.toString()));

        assertEquals("line 1202: unterminated quoted field", e.getMessage());
    }

    @Test
    void textAfterAClosingQuoteNamesItsLine() {
        MalformedArtifactException e = assertThrows(MalformedArtifactException.class, () -> parse("a,b\n\"x\"y,1\n"));

        assertEquals("line 2: text after a closing quote (a quote inside a field must be doubled)", e.getMessage());
    }

    @Test
    void textAfterAClosingQuoteIsMalformed() {
        MalformedArtifactException e = assertThrows(MalformedArtifactException.class, () -> parse("a,b\n\"x\"y,1\n"));

        assertTrue(e.getMessage().matches("(?s).*\\bline:? 2\\b.*"), e.getMessage());
    }

    @Test
    void duplicateHeaderNamesGetNumberedSuffixes() throws Exception {
        ParsedRow row = parse("model,score,score,score\nx,1,2,3\n").get(0);

        List<String> metrics =
                row.measurements().stream().map(ParsedRow.Measurement::metric).toList();
        List<Double> values =
                row.measurements().stream().map(ParsedRow.Measurement::value).toList();
        assertEquals(List.of("score", "score_2", "score_3"), metrics);
        assertEquals(List.of(1.0, 2.0, 3.0), values);
    }

    @Test
    void blankHeaderCellIsNamedByItsPosition() throws Exception {
        ParsedRow row = parse("model,,score\nx,y,3\n").get(0);

        assertEquals(Map.of("model", "x", "column_2", "y"), row.dimensions());
        assertEquals(List.of(m("score", 3.0, null)), row.measurements());
    }

    @Test
    void runParametersAreDimensionsNotMetrics() throws Exception {
        ParsedRow row = parse("model,num_gpu,num_ctx,temperature,tokens_s\nllama3,1,2048,0.7,42.5\n")
                .get(0);

        assertEquals(
                Map.of("model", "llama3", "num_gpu", "1", "num_ctx", "2048", "temperature", "0.7"), row.dimensions());
        assertEquals(List.of(m("tokens_s", 42.5, "tok/s")), row.measurements());
    }

    @Test
    void rowIndexColumnsAreDimensionsNotMetrics() throws Exception {
        ParsedRow row = parse("run_id,iteration,latency_ms\n7,3,9.5\n").get(0);

        assertEquals(Map.of("run_id", "7", "iteration", "3"), row.dimensions());
        assertEquals(List.of(m("latency_ms", 9.5, "ms")), row.measurements());
    }

    @Test
    void timestampColumnSetsTheEventTime() throws Exception {
        ParsedRow row = parse("timestamp,model,tokens_s\n2025-10-02T21:08:57Z,llama3,10\n")
                .get(0);

        assertEquals(Instant.parse("2025-10-02T21:08:57Z").toEpochMilli(), row.eventTime());
        assertEquals("timestamp", row.eventTimeSource());
        assertEquals(Map.of("model", "llama3"), row.dimensions());
        assertEquals(List.of(m("tokens_s", 10.0, "tok/s")), row.measurements());
    }

    @Test
    void epochSecondsTimestampColumnSetsTheEventTime() throws Exception {
        ParsedRow row = parse("ts,score\n1700000000,5\n").get(0);

        assertEquals(1_700_000_000_000L, row.eventTime());
        assertEquals("ts", row.eventTimeSource());
        assertEquals(List.of(m("score", 5.0, null)), row.measurements());
    }

    @Test
    void timestampColumnTimeReachesTheEvents() {
        FileOutcome outcome = parseThroughFacade(
                "timestamp,model,score\n2025-10-02 21:08:57,llama3,10\n".getBytes(StandardCharsets.UTF_8));

        MetricEvent event = outcome.events().get(0);
        assertEquals(Instant.parse("2025-10-02T21:08:57Z").toEpochMilli(), event.eventTime);
        assertEquals("timestamp", event.eventTimeSource);
    }

    @Test
    void rowWithoutTimestampHasNoEventTime() throws Exception {
        ParsedRow row = parse("model,score\nx,1\n").get(0);

        assertNull(row.eventTime());
        assertNull(row.eventTimeSource());
    }

    @Test
    void durationColumnNamedTimeStaysAMetric() throws Exception {
        ParsedRow row = parse("model,time\nx,12.5\n").get(0);

        assertNull(row.eventTime());
        assertEquals(List.of(m("time", 12.5, null)), row.measurements());
    }

    @Test
    void tabSeparatedValuesSplitOnTabsOnly() throws Exception {
        List<ParsedRow> rows = CsvFormatParser.tabSeparated().parse("model\tlatency_ms\nllama3, 8b\t12\n", INTERPRETER);

        assertEquals(1, rows.size());
        assertEquals(Map.of("model", "llama3, 8b"), rows.get(0).dimensions());
        assertEquals(List.of(m("latency_ms", 12.0, "ms")), rows.get(0).measurements());
    }

    @Test
    void textsWithoutQuotesReadAsCommonsCsvReadsThem() throws Exception {
        // Several kinds of space Character.isWhitespace knows and one it does not (no-break), line breaks of every
        // kind, both delimiters, a byte order mark, and cell text.
        char[] alphabet = {
            ' ', ' ', '\t', '\u000B', '\u001F', '\u00A0', '\u2003', '\uFEFF', ',', ',', ',', '\r', '\n', '\n', 'a', 'b',
            '1', '.', '-', '\\', '\''
        };
        java.util.Random random = new java.util.Random(20261203);
        for (CsvFormatParser parser : List.of(CsvFormatParser.commaSeparated(), CsvFormatParser.tabSeparated())) {
            char delimiter = parser.unquotedDelimiter();
            for (int round = 0; round < 20_000; round++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(24);
                for (int i = 0; i < length; i++) {
                    text.append(alphabet[random.nextInt(alphabet.length)]);
                }
                String csv = text.toString();
                assertEquals(
                        describe(parser.commonsCsvRecords(csv)),
                        describe(CsvFormatParser.unquotedRecords(csv, delimiter)),
                        () -> "records of "
                                + csv.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t"));
            }
        }
    }

    private static List<String> describe(List<CsvFormatParser.Record> records) {
        return records.stream()
                .map(record -> record.characterPosition() + ":" + java.util.Arrays.toString(record.values()))
                .toList();
    }

    @Test
    void recordsAcrossCommonsCsvsBufferEdgeReadAsCommonsCsvReadsThem() throws Exception {
        // commons-csv reads 8,192 characters at a time and peeks past a CR for its LF: line breaks and spaces
        // around that edge.
        CsvFormatParser parser = CsvFormatParser.commaSeparated();
        for (int length = 8_185; length <= 8_196; length++) {
            for (String around : List.of("\r\n", "\r", "\n\n", " ,\r\n ", ", \r\r\n")) {
                String csv = "a,b\n" + "x".repeat(length - 4) + around + "y,z";
                assertEquals(
                        describe(parser.commonsCsvRecords(csv)),
                        describe(CsvFormatParser.unquotedRecords(csv, ',')),
                        "a line break at character " + length);
            }
        }
    }
}
