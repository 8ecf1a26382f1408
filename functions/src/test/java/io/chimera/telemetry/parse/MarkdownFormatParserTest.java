package io.chimera.telemetry.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkdownFormatParserTest {

    private static final RowInterpreter INTERPRETER = new RowInterpreter(ParseSettings.defaults());

    private static List<ParsedRow> parse(String markdown) {
        return new MarkdownFormatParser().parse(markdown, INTERPRETER);
    }

    private static ParsedRow.Measurement m(String metric, double value, String unit) {
        return new ParsedRow.Measurement(metric, value, unit);
    }

    @Test
    void pipeTableRowsReadLikeCsvRows() {
        List<ParsedRow> rows = parse("""
                | Model | Tokens/s | Note |
                |---|---|---|
                | llama3 | 102.85 | warm |
                | mistral | N/A | |
                """);

        assertEquals(2, rows.size());
        assertEquals(Map.of("Model", "llama3", "Note", "warm"), rows.get(0).dimensions());
        assertEquals(List.of(m("Tokens/s", 102.85, "tok/s")), rows.get(0).measurements());
        assertEquals(Map.of("Model", "mistral"), rows.get(1).dimensions());
        assertTrue(rows.get(1).measurements().isEmpty());
    }

    @Test
    void tableWithoutOuterPipesAndWithAlignmentColonsIsATable() {
        List<ParsedRow> rows = parse("""
                Model | Score
                :--- | ---:
                llama3 | 7
                """);

        assertEquals(1, rows.size());
        assertEquals(Map.of("Model", "llama3"), rows.get(0).dimensions());
        assertEquals(List.of(m("Score", 7.0, null)), rows.get(0).measurements());
    }

    @Test
    void plusMinusErrorKeepsTheMean() {
        ParsedRow row = parse("| Backend | Mean (ms) |\n|---|---|\n| eager | 3.812 ± 0.9 |\n")
                .get(0);

        assertEquals(Map.of("Backend", "eager"), row.dimensions());
        assertEquals(List.of(m("Mean (ms)", 3.812, "ms")), row.measurements());
    }

    @Test
    void thousandsSeparatorIsDigitGrouping() {
        ParsedRow row = parse("| Model | Tokens |\n|---|---|\n| x | 3,503 |\n").get(0);

        assertEquals(List.of(m("Tokens", 3503.0, null)), row.measurements());
    }

    @Test
    void boldAndLinksAreStrippedFromCells() {
        ParsedRow row = parse("""
                | **Model** | **Score** |
                |---|---|
                | [**llama3**](https://example.org/llama3) | **12.5** |
                """).get(0);

        assertEquals(Map.of("Model", "llama3"), row.dimensions());
        assertEquals(List.of(m("Score", 12.5, null)), row.measurements());
    }

    @Test
    void escapedPipeStaysInsideItsCell() {
        ParsedRow row = parse("| Name | Score |\n|---|---|\n| a \\| b | 1 |\n").get(0);

        assertEquals(Map.of("Name", "a | b"), row.dimensions());
        assertEquals(List.of(m("Score", 1.0, null)), row.measurements());
    }

    @Test
    void headerGluedToAListItemTakesTheLastCellsTheDelimiterRowCounts() {
        List<ParsedRow> rows = parse("""
                - DType: float32 | Backend | Mean (ms) |
                |---|---|
                | eager | 3.812 ± 0.9 |
                | inductor | 2.5 |
                """);

        assertEquals(2, rows.size());
        assertEquals(Map.of("Backend", "eager"), rows.get(0).dimensions());
        assertEquals(List.of(m("Mean (ms)", 3.812, "ms")), rows.get(0).measurements());
        assertEquals(Map.of("Backend", "inductor"), rows.get(1).dimensions());
        assertEquals(List.of(m("Mean (ms)", 2.5, "ms")), rows.get(1).measurements());
    }

    @Test
    void proseYieldsNothing() {
        List<ParsedRow> rows = parse("""
                # Results

                The run went fine: throughput was 12 tokens/s and latency 3.5 ms.
                See the a | b comparison for details.

                - item 1: 42 requests, all answered
                - Power Draw: 64.4W average, 142.6W peak
                - Expected: 102.31 tok/s, 0.128s TTFT
                - Sweet spot: 40-60 layers for this model size
                """);

        assertTrue(rows.isEmpty(), rows.toString());
    }

    @Test
    void tableEndsAtTheFirstLineWithoutAPipe() {
        List<ParsedRow> rows = parse("""
                | Model | Score |
                |---|---|
                | a | 1 |

                | b | 2 |
                """);

        assertEquals(1, rows.size());
        assertEquals(Map.of("Model", "a"), rows.get(0).dimensions());
    }

    @Test
    void nearestHeadingAboveTheTableBecomesTheSectionDimension() {
        List<ParsedRow> rows = parse("""
                # Report
                ## CPU runs
                | Model | Score |
                |---|---|
                | a | 1 |

                ## GPU runs
                | Model | Score |
                |---|---|
                | b | 2 |
                """);

        assertEquals(2, rows.size());
        assertEquals(Map.of("section", "CPU runs", "Model", "a"), rows.get(0).dimensions());
        assertEquals(Map.of("section", "GPU runs", "Model", "b"), rows.get(1).dimensions());
    }

    @Test
    void generatedLineSetsTheEventTime() {
        ParsedRow row = parse("""
                Generated: 2025-10-02T21:08:57Z

                | Model | Score |
                |---|---|
                | x | 1 |
                """).get(0);

        assertEquals(Instant.parse("2025-10-02T21:08:57Z").toEpochMilli(), row.eventTime());
        assertEquals("generated", row.eventTimeSource());
    }

    @Test
    void boldGeneratedLineWithCompactOffsetSetsTheEventTime() {
        ParsedRow row = parse("""
                **Generated:** 2025-10-02 21:08:57+0200

                | Model | Score |
                |---|---|
                | x | 1 |
                """).get(0);

        assertEquals(Instant.parse("2025-10-02T19:08:57Z").toEpochMilli(), row.eventTime());
    }

    @Test
    void documentWithoutAGeneratedLineHasNoEventTime() {
        ParsedRow row = parse("| Model | Score |\n|---|---|\n| x | 1 |\n").get(0);

        assertNull(row.eventTime());
        assertNull(row.eventTimeSource());
    }

    @Test
    void tablesOwnTimestampColumnWinsOverTheGeneratedLine() {
        ParsedRow row = parse("""
                Generated: 2025-10-02T21:08:57Z

                | Timestamp | Score |
                |---|---|
                | 2025-10-01T00:00:00Z | 1 |
                """).get(0);

        assertEquals(Instant.parse("2025-10-01T00:00:00Z").toEpochMilli(), row.eventTime());
        assertEquals("Timestamp", row.eventTimeSource());
    }

    @Test
    void metricValueTableNamesTheMetricByTheFirstCell() {
        List<ParsedRow> rows = parse("""
                | Metric | Value |
                |---|---|
                | Mean latency | 12.5 |
                | Throughput | 80 |
                """);

        assertEquals(2, rows.size());
        assertEquals(List.of("Mean latency"), metricNames(rows.get(0)));
        assertEquals(12.5, rows.get(0).measurements().get(0).value());
        assertEquals(List.of("Throughput"), metricNames(rows.get(1)));
        assertEquals(80.0, rows.get(1).measurements().get(0).value());
        assertEquals(Map.of(), rows.get(0).dimensions(), "the metric's name is no dimension");
    }

    @Test
    void metricTableWithMoreValueColumnsNamesEachAfterTheMetric() {
        ParsedRow row = parse("| Metric | Value | Std |\n|---|---|---|\n| Latency | 12.5 | 0.5 |\n")
                .get(0);

        assertEquals(List.of("Latency", "Latency [Std]"), metricNames(row));
    }

    @Test
    void keyValueMetricLinesOfASectionAreOneRowWithTheHeadingAsItsSection() {
        List<ParsedRow> rows = parse("""
                # Chimera agent report
                Generated: 2025-10-08T12:27:01Z

                ## Metrics
                ### Agent A
                num_gpu=80, num_ctx=512
                - Model: gemma3:latest
                - Throughput: 41.72 tok/s
                - **TTFT:** 830.39 ms (cold start excluded)
                - Speedup: 1.38x
                - Efficiency: 69.0%
                - Throughput Δ: -0.45 tok/s
                - Power Draw: 64.4W average, 142.6W peak
                Runs were steady at about 40 tok/s: 3 of 3 passed.
                ```yaml
                throughput_min: 95 tok/s
                ```
                ### Agent B
                - **Throughput**: 100.8 ± 1.2 tok/s (95% CI: [99.6, 102.0])
                """);

        assertEquals(2, rows.size(), rows.toString());
        ParsedRow agentA = rows.get(0);
        assertEquals(
                Map.of("section", "Agent A", "num_gpu", "80", "num_ctx", "512", "Model", "gemma3:latest"),
                agentA.dimensions());
        assertEquals(
                List.of(
                        m("Throughput", 41.72, "tok/s"),
                        m("TTFT", 830.39, "ms"),
                        m("Speedup", 1.38, "x"),
                        m("Efficiency", 69.0, "%"),
                        m("Throughput Δ", -0.45, "tok/s")),
                agentA.measurements());
        assertEquals(Instant.parse("2025-10-08T12:27:01Z").toEpochMilli(), agentA.eventTime());
        assertEquals(List.of(m("Throughput", 100.8, "tok/s")), rows.get(1).measurements());
        assertEquals(Map.of("section", "Agent B"), rows.get(1).dimensions());
    }

    @Test
    void aKeyReadAgainInItsSectionBeginsTheNextRowWithTheSameSettings() {
        List<ParsedRow> rows = parse("""
                ## Runs
                - temperature: 0.4
                - Throughput: 41.7 tok/s
                - TTFT: 830 ms
                - Throughput: 42.1 tok/s
                - TTFT: 812 ms
                """);

        assertEquals(2, rows.size(), rows.toString());
        assertEquals(
                List.of(m("Throughput", 42.1, "tok/s"), m("TTFT", 812, "ms")),
                rows.get(1).measurements());
        assertEquals("0.4", rows.get(1).dimensions().get("temperature"));
    }

    private static List<String> metricNames(ParsedRow row) {
        return row.measurements().stream().map(ParsedRow.Measurement::metric).toList();
    }

    @org.junit.jupiter.api.Test
    void linesAreSplitAsTheLineBreakPatternSplitsThem() {
        java.util.Random random = new java.util.Random(6);
        String alphabet = "ab|\r\n";
        for (int trial = 0; trial < 20_000; trial++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String[] expected = text.toString().split("\\r?\\n|\\r", -1);
            org.junit.jupiter.api.Assertions.assertArrayEquals(
                    expected,
                    MarkdownFormatParser.lines(text.toString()),
                    text.toString().replace("\r", "\\r"));
        }
    }
}
