package io.chimera.telemetry.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.Inventory;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.WindowSummary;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SummaryMarkdownTest {

    private static WindowSummary summary() {
        WindowSummary summary = new WindowSummary();
        summary.suite = "baseline";
        summary.windowStart = "2025-09-30T10:00:00Z";
        summary.windowEnd = "2025-09-30T11:00:00Z";
        Inventory inventory = summary.inventory;
        inventory.files = 3;
        inventory.filesByFormat = new TreeMap<>(Map.of("csv", 2, "json", 1));
        inventory.bytes = 12_345;
        inventory.latestModified = "2025-09-30T10:45:00Z";
        inventory.folders = List.of("", "baseline/run1");
        inventory.parsed = 2;
        inventory.deadLetters = 1;
        inventory.deadLetterReasons = List.of("baseline/run1/bad.csv: line 3: unterminated quoted field");
        inventory.rows = 10;
        inventory.failedRows = 1;
        inventory.events = 20;
        return summary;
    }

    private static SeriesStats stats(Map<String, String> series, String metric, String unit) {
        SeriesStats stats = new SeriesStats();
        stats.suite = "baseline";
        stats.series = new TreeMap<>(series);
        stats.metric = metric;
        stats.unit = unit;
        return stats;
    }

    private static List<String> lines(String markdown) {
        return List.of(markdown.split("\n", -1));
    }

    @Test
    void headingNamesSuiteAndWindow() {
        String md = SummaryMarkdown.render(summary());

        assertEquals(
                "# baseline: 2025-09-30T10:00:00Z – 2025-09-30T11:00:00Z",
                lines(md).get(0));
    }

    @Test
    void inventoryIsListed() {
        List<String> lines = lines(SummaryMarkdown.render(summary()));

        assertTrue(lines.contains("## Data inventory"));
        assertTrue(lines.contains("- Files: 3 (csv 2, json 1)"), lines.toString());
        assertTrue(lines.contains("- Bytes: 12345"));
        assertTrue(lines.contains("- Latest modified: 2025-09-30T10:45:00Z"));
        assertTrue(lines.contains("- Folders: (root), baseline/run1"));
        assertTrue(lines.contains("- Parsed: 2, dead letters: 1"));
        assertTrue(lines.contains("- Rows: 10, failed rows: 1, metric events: 20"));
        assertTrue(lines.contains("  - dead letter baseline/run1/bad.csv: line 3: unterminated quoted field"));
    }

    @Test
    void emptyInventoryShowsDashes() {
        WindowSummary summary = new WindowSummary();
        summary.suite = "s";
        summary.windowStart = "2025-09-30T10:00:00Z";
        summary.windowEnd = "2025-09-30T11:00:00Z";

        List<String> lines = lines(SummaryMarkdown.render(summary));

        assertTrue(lines.contains("- Files: 0"), lines.toString());
        assertTrue(lines.contains("- Latest modified: –"));
        assertTrue(lines.contains("- Folders: –"));
        assertTrue(lines.contains("No metric events in this window."));
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("| series")));
    }

    @Test
    void tooLateValuesAreReportedOnlyWhenThereAreAny() {
        WindowSummary summary = summary();
        assertFalse(SummaryMarkdown.render(summary).contains("Too late"));

        summary.tooLate.values = 3;
        summary.tooLate.failedValues = 1;
        summary.tooLate.files = 2;
        summary.tooLate.sources = List.of("baseline/a.csv", "baseline/b.json");
        summary.tooLate.windows = List.of("2025-09-01T10:00:00Z");

        assertTrue(lines(SummaryMarkdown.render(summary))
                .contains("- Too late to revise their windows, since the"
                        + " previous report: 4 values from 2 files (baseline/a.csv, baseline/b.json), windows"
                        + " 2025-09-01T10:00:00Z"));
    }

    @Test
    void aRevisionSaysSoInItsTitle() {
        WindowSummary summary = summary();
        summary.revision = 2;

        assertTrue(SummaryMarkdown.render(summary)
                .lines()
                .findFirst()
                .orElseThrow()
                .endsWith("(revision 2)"));
    }

    @Test
    void oneTableRowPerSeriesWithFourSignificantDigits() {
        WindowSummary summary = summary();
        SeriesStats latency = stats(Map.of("num_ctx", "2048", "model", "llama3"), "latency_ms", "ms");
        latency.count = 8;
        latency.failed = 1;
        latency.mean = 123.456789;
        latency.min = 0.000123456;
        latency.max = 1_234_567.0;
        latency.stddev = 12.0;
        latency.p50 = 99.99;
        latency.p90 = 99.996;
        latency.p95 = 1000.04;
        latency.p99 = 5.0;
        SeriesStats score = stats(Map.of("file", "run"), "score", null);
        score.count = 1;
        score.mean = score.min = score.max = score.p50 = score.p90 = score.p95 = score.p99 = 2.0 / 3;
        summary.series = List.of(latency, score);

        List<String> lines = lines(SummaryMarkdown.render(summary));

        int header = lines.indexOf(
                "| series | metric | unit | count | failed | mean | min | max | stddev | p50 | p90 | p95 | p99 |");
        assertTrue(header > 0, lines.toString());
        assertEquals(
                "| model=llama3, num_ctx=2048 | latency_ms | ms | 8 | 1 | 123.5 | 0.0001235 | 1234567 | 12.00"
                        + " | 99.99 | 100.0 | 1000 | 5.000 |",
                lines.get(header + 2));
        assertEquals(
                "| file=run | score |  | 1 | 0 | 0.6667 | 0.6667 | 0.6667 | 0.000 | 0.6667 | 0.6667 | 0.6667"
                        + " | 0.6667 |",
                lines.get(header + 3));
        assertEquals("", lines.get(header + 4), "no other series rows");
    }

    @Test
    void seriesWithOnlyFailedRowsShowsNoNumbers() {
        WindowSummary summary = summary();
        SeriesStats failed = stats(Map.of("model", "x"), "tokens_s", "tok/s");
        failed.failed = 4;
        failed.mean = Double.NaN;
        failed.min = Double.NaN;
        failed.max = Double.NaN;
        failed.p50 = failed.p90 = failed.p95 = failed.p99 = Double.NaN;
        summary.series = List.of(failed);

        assertTrue(lines(SummaryMarkdown.render(summary))
                .contains("| model=x | tokens_s | tok/s | 0 | 4 | – | – | – | – | – | – | – | – |"));
    }

    @Test
    void pipesInNamesDoNotBreakTheTable() {
        WindowSummary summary = summary();
        SeriesStats stats = stats(Map.of("config", "a|b"), "p|q", "x\ny");
        stats.count = 1;
        summary.series = List.of(stats);

        String row = lines(SummaryMarkdown.render(summary)).stream()
                .filter(l -> l.startsWith("| config="))
                .findFirst()
                .orElseThrow();

        assertTrue(row.startsWith("| config=a\\|b | p\\|q | x y | 1 | 0 |"), row);
    }

    @ParameterizedTest
    @CsvSource({
        "1234.5678, 1235",
        "0.001234567, 0.001235",
        "42, 42.00",
        "-3.14159, -3.142",
        "98765432, 98765432",
        "0.00001234, 0.00001234"
    })
    void numbersHaveAboutFourSignificantDigitsAndNoExponent(double value, String expected) {
        assertEquals(expected, SummaryMarkdown.number(value, 1));
    }

    @Test
    void noNumberWithoutValuesOrWhenNotFinite() {
        assertEquals("–", SummaryMarkdown.number(5.0, 0));
        assertEquals("–", SummaryMarkdown.number(Double.NaN, 3));
        assertEquals("–", SummaryMarkdown.number(Double.POSITIVE_INFINITY, 3));
    }
}
