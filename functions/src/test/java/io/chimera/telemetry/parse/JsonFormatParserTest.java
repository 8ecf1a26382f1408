package io.chimera.telemetry.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonFormatParserTest {

    private static final RowInterpreter INTERPRETER = new RowInterpreter(ParseSettings.defaults());

    private static List<ParsedRow> parse(String json) throws MalformedArtifactException {
        return new JsonFormatParser().parse(json, INTERPRETER);
    }

    private static ParsedRow.Measurement m(String metric, double value, String unit) {
        return new ParsedRow.Measurement(metric, value, unit);
    }

    private static String malformedMessage(String json) {
        return assertThrows(MalformedArtifactException.class, () -> parse(json)).getMessage();
    }

    @Test
    void nestedObjectsFlattenToDottedNames() throws Exception {
        List<ParsedRow> rows = parse("""
                {"model": "resnet50",
                 "backends": {
                   "eager":    {"benchmark": {"mean_time_ms": 12.5}},
                   "inductor": {"benchmark": {"mean_time_ms": 8.25, "device": "cuda"}}
                 }}
                """);

        assertEquals(1, rows.size());
        ParsedRow row = rows.get(0);
        assertEquals(Map.of("model", "resnet50", "backends.inductor.benchmark.device", "cuda"), row.dimensions());
        assertEquals(
                List.of(
                        m("backends.eager.benchmark.mean_time_ms", 12.5, "ms"),
                        m("backends.inductor.benchmark.mean_time_ms", 8.25, "ms")),
                row.measurements());
    }

    @Test
    void arrayOfObjectsYieldsOneRowPerElementInheritingDimensionsAndTime() throws Exception {
        List<ParsedRow> rows = parse("""
                {"model": "llama3", "timestamp": "2025-10-02T21:08:57Z",
                 "results": [
                   {"prompt": "hello", "tokens_s": 40.5},
                   {"prompt": "bye",   "tokens_s": 38}
                 ]}
                """);
        long time = Instant.parse("2025-10-02T21:08:57Z").toEpochMilli();

        assertEquals(3, rows.size(), "the document's own row, then one per element");
        ParsedRow document = rows.get(0);
        assertEquals(Map.of("model", "llama3"), document.dimensions());
        assertTrue(document.measurements().isEmpty());

        ParsedRow first = rows.get(1);
        assertEquals(Map.of("model", "llama3", "results.prompt", "hello"), first.dimensions());
        assertEquals(List.of(m("results.tokens_s", 40.5, "tok/s")), first.measurements());
        assertEquals(time, first.eventTime());
        assertEquals("timestamp", first.eventTimeSource());

        ParsedRow second = rows.get(2);
        assertEquals(Map.of("model", "llama3", "results.prompt", "bye"), second.dimensions());
        assertEquals(List.of(m("results.tokens_s", 38.0, "tok/s")), second.measurements());
        assertEquals(time, second.eventTime());
    }

    @Test
    void elementsOwnTimestampWinsOverTheDocumentsTime() throws Exception {
        List<ParsedRow> rows = parse("""
                {"timestamp": 1700000000,
                 "runs": [{"timestamp": 1700000060, "score": 1}, {"score": 2}]}
                """);

        assertEquals(1_700_000_060_000L, rows.get(1).eventTime());
        assertEquals(1_700_000_000_000L, rows.get(2).eventTime());
    }

    @Test
    void elementsStringFieldsDoNotLeakIntoTheirSiblings() throws Exception {
        List<ParsedRow> rows = parse("""
                {"results": [{"backend": "cuda", "score": 1}, {"score": 2}]}
                """);

        assertEquals(Map.of("results.backend", "cuda"), rows.get(1).dimensions());
        assertEquals(Map.of(), rows.get(2).dimensions());
    }

    @Test
    void nestedArraysInheritThroughEveryLevel() throws Exception {
        List<ParsedRow> rows = parse("""
                {"suite": "s", "models": [{"name": "a", "runs": [{"score": 1}]}]}
                """);

        assertEquals(3, rows.size());
        assertEquals(Map.of("suite", "s", "models.name", "a"), rows.get(2).dimensions());
        assertEquals(List.of(m("models.runs.score", 1.0, null)), rows.get(2).measurements());
    }

    @Test
    void topLevelArrayOfObjectsIsOneRowPerObject() throws Exception {
        List<ParsedRow> rows = parse("""
                [{"name": "a", "score": 1}, 7, "text", {"name": "b", "score": 2.5}]
                """);

        assertEquals(2, rows.size());
        assertEquals(Map.of("name", "a"), rows.get(0).dimensions());
        assertEquals(List.of(m("score", 1.0, null)), rows.get(0).measurements());
        assertEquals(Map.of("name", "b"), rows.get(1).dimensions());
        assertEquals(List.of(m("score", 2.5, null)), rows.get(1).measurements());
    }

    @Test
    void numericStringsAreNumbers() throws Exception {
        ParsedRow row =
                parse("{\"latency\": \"0.12\", \"speed\": \"102.85 tokens/s\"}").get(0);

        assertEquals(List.of(m("latency", 0.12, null), m("speed", 102.85, "tok/s")), row.measurements());
        assertEquals(Map.of(), row.dimensions());
    }

    @Test
    void booleansNullsAndLongStringsAreNotMetrics() throws Exception {
        String longText = "x".repeat(201);
        String longestKept = "y".repeat(200);
        ParsedRow row = parse("{\"cached\": true, \"extra\": null, \"response\": \"" + longText + "\", \"note\": \""
                        + longestKept + "\", \"tokens_s\": 5}")
                .get(0);

        assertEquals(List.of(m("tokens_s", 5.0, "tok/s")), row.measurements());
        assertEquals(Map.of("cached", "true", "note", longestKept), row.dimensions());
    }

    @Test
    void pythonStyleNanAndInfinityAreTolerated() throws Exception {
        List<ParsedRow> rows = parse("{\"a\": NaN, \"b\": 1.5, \"c\": Infinity, \"d\": -Infinity}");

        assertEquals(1, rows.size());
        assertEquals(List.of(m("b", 1.5, null)), rows.get(0).measurements());
        assertEquals(Map.of(), rows.get(0).dimensions());
    }

    @Test
    void parameterNumbersAreDimensionsWrittenAsInTheFile() throws Exception {
        ParsedRow row = parse("{\"temperature\": 0.3, \"num_ctx\": 4096, \"tokens_s\": 12}")
                .get(0);

        assertEquals(Map.of("temperature", "0.3", "num_ctx", "4096"), row.dimensions());
        assertEquals(List.of(m("tokens_s", 12.0, "tok/s")), row.measurements());
    }

    @Test
    void truncatedJsonNamesLineAndColumn() {
        // line 3 is `  "tokens_s": ` (14 characters): the input ends before column 15
        String message = malformedMessage("{\n  \"model\": \"x\",\n  \"tokens_s\": ");

        assertTrue(message.startsWith("line 3, column 15: "), message);
        assertTrue(message.contains("end-of-input"), message);
        assertFalse(message.contains("\n"), "one line for a person: " + message);
    }

    @Test
    void trailingDocumentAfterTheFirstIsAnError() {
        String message = malformedMessage("{\"a\": 1} {\"b\": 2}");

        assertTrue(message.startsWith("line 1, column "), message);
    }

    @Test
    void trailingGarbageOnALaterLineIsAnError() {
        String message = malformedMessage("{\"a\": 1}\nxyz");

        assertTrue(message.startsWith("line 2, column "), message);
    }

    @Test
    void loneScalarDocumentIsAnError() {
        assertEquals("a lone JSON number, not an object or array", malformedMessage("42"));
        assertEquals("a lone JSON string, not an object or array", malformedMessage("\"hello\""));
        assertEquals("a lone JSON boolean, not an object or array", malformedMessage("true"));
        assertEquals("a lone JSON null, not an object or array", malformedMessage("null"));
    }

    @Test
    void unitFieldGivesTheUnitOfTheRowsMetrics() throws Exception {
        ParsedRow row = parse("{\"benchmark\": \"matmul\", \"unit\": \"us\", \"mean\": 12.0, \"p99\": 20}")
                .get(0);

        assertEquals(List.of(m("mean", 12.0, "us"), m("p99", 20.0, "us")), row.measurements());
        assertEquals(Map.of("benchmark", "matmul", "unit", "us"), row.dimensions());
    }

    @Test
    void nestedUnitFieldGivesTheUnitOfItsSiblingsOnly() throws Exception {
        ParsedRow row = parse("{\"stats\": {\"unit\": \"ms\", \"mean\": 3}, \"other\": {\"mean\": 4}}")
                .get(0);

        assertEquals(List.of(m("stats.mean", 3.0, "ms"), m("other.mean", 4.0, null)), row.measurements());
    }

    @Test
    void unitInTheFieldNameWinsOverTheUnitField() throws Exception {
        ParsedRow row = parse("{\"unit\": \"us\", \"latency_ms\": 3}").get(0);

        assertEquals(List.of(m("latency_ms", 3.0, "ms")), row.measurements());
    }

    @Test
    void timeUnitFieldGivesUnitsToTimeFieldsOnly() throws Exception {
        List<ParsedRow> rows = parse("""
                {"context": {"date": "2025-10-02T21:08:57+0200", "host_name": "box"},
                 "benchmarks": [
                   {"name": "BM_sort", "iterations": 1000, "real_time": 105.5, "cpu_time": 100.25,
                    "time_unit": "ns", "items_per_second": 5.0e6}
                 ]}
                """);
        long time = Instant.parse("2025-10-02T19:08:57Z").toEpochMilli();

        assertEquals(2, rows.size());
        assertEquals(time, rows.get(0).eventTime());
        assertEquals("context.date", rows.get(0).eventTimeSource());
        ParsedRow bench = rows.get(1);
        assertEquals(
                List.of(
                        m("benchmarks.real_time", 105.5, "ns"),
                        m("benchmarks.cpu_time", 100.25, "ns"),
                        m("benchmarks.items_per_second", 5.0e6, null)),
                bench.measurements());
        assertEquals(
                Map.of(
                        "context.host_name",
                        "box",
                        "benchmarks.name",
                        "BM_sort",
                        "benchmarks.iterations",
                        "1000",
                        "benchmarks.time_unit",
                        "ns"),
                bench.dimensions());
        assertEquals(time, bench.eventTime());
        assertEquals("context.date", bench.eventTimeSource());
    }

    @Test
    void epochSecondsBecomeTheEventTime() throws Exception {
        ParsedRow row = parse("{\"timestamp\": 1700000000, \"tokens_s\": 3}").get(0);

        assertEquals(1_700_000_000_000L, row.eventTime());
        assertEquals("timestamp", row.eventTimeSource());
        assertEquals(List.of(m("tokens_s", 3.0, "tok/s")), row.measurements());
        assertEquals(Map.of(), row.dimensions());
    }

    @Test
    void fractionalEpochSecondsKeepTheirMilliseconds() throws Exception {
        ParsedRow row = parse("{\"ts\": 1700000000.25, \"score\": 3}").get(0);

        assertEquals(1_700_000_000_250L, row.eventTime());
    }

    @Test
    void epochMillisecondsBecomeTheEventTime() throws Exception {
        ParsedRow row = parse("{\"created_at\": 1700000000123, \"score\": 1}").get(0);

        assertEquals(1_700_000_000_123L, row.eventTime());
        assertEquals("created_at", row.eventTimeSource());
    }

    @Test
    void isoTimestampWithCompactOffsetBecomesTheEventTime() throws Exception {
        ParsedRow row = parse("{\"generated_at\": \"2025-10-02T21:08:57+0200\", \"score\": 1}")
                .get(0);

        assertEquals(Instant.parse("2025-10-02T19:08:57Z").toEpochMilli(), row.eventTime());
        assertEquals("generated_at", row.eventTimeSource());
    }

    @Test
    void durationNamedTimeStaysAMetric() throws Exception {
        ParsedRow row = parse("{\"time\": 12.5}").get(0);

        assertNull(row.eventTime());
        assertEquals(List.of(m("time", 12.5, null)), row.measurements());
    }

    @Test
    void elementWithAnErrorFieldIsAFailedRow() throws Exception {
        List<ParsedRow> rows = parse("""
                {"results": [{"model": "a", "tokens_s": 9}, {"model": "b", "error": "timeout", "tokens_s": 0}]}
                """);

        assertFalse(rows.get(1).failed());
        assertTrue(rows.get(2).failed());
        assertEquals("timeout", rows.get(2).error());
    }

    @Test
    void successFalseFailsTheRow() throws Exception {
        ParsedRow row = parse("{\"success\": false, \"score\": 1}").get(0);

        assertTrue(row.failed());
        assertEquals("the row reports success = false", row.error());
    }
}
