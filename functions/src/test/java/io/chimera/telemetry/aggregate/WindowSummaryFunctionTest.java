package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.records.Inventory;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.SummaryInput;
import io.chimera.telemetry.records.WindowSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.junit.jupiter.api.Test;

class WindowSummaryFunctionTest {

    private static final long START = Instant.parse("2025-09-30T10:00:00Z").toEpochMilli();
    private static final long END = Instant.parse("2025-09-30T11:00:00Z").toEpochMilli();
    private static final TimeWindow WINDOW = new TimeWindow(START, END);

    private static FileLanded parsed(String path, String format, long bytes, String modified, int rows,
            int failedRows, int events) {
        FileLanded file = new FileLanded();
        file.suite = "baseline";
        file.sourcePath = path;
        file.format = format;
        file.bytes = bytes;
        file.modifiedTime = Instant.parse(modified).toEpochMilli();
        file.status = "parsed";
        file.rows = rows;
        file.failedRows = failedRows;
        file.events = events;
        file.eventTime = file.modifiedTime;
        return file;
    }

    private static FileLanded deadLetter(String path, String format, long bytes, String modified, String reason) {
        FileLanded file = parsed(path, format, bytes, modified, 0, 0, 0);
        file.status = "dead_letter";
        file.reason = reason;
        return file;
    }

    private static SeriesStats stats(String metric, String model) {
        SeriesStats stats = new SeriesStats();
        stats.suite = "baseline";
        stats.metric = metric;
        stats.series = new TreeMap<>(Map.of("model", model));
        stats.count = 1;
        return stats;
    }

    @Test
    void inventoryCountsTheFilesThatLanded() {
        List<SummaryInput> inputs = List.of(
                SummaryInput.of(parsed("baseline/run1/a.csv", "csv", 100, "2025-09-30T10:05:00Z", 5, 1, 10)),
                SummaryInput.of(stats("tokens_s", "llama3")),
                SummaryInput.of(parsed("baseline/run2/b.json", "json", 250, "2025-09-30T10:45:30.250Z", 3, 0, 6)),
                SummaryInput.of(deadLetter("baseline/run1/c.csv", "csv", 40, "2025-09-30T10:20:00Z",
                        "line 3: unterminated quoted field")),
                SummaryInput.of(parsed("baseline/a.csv", "csv", 10, "2025-09-30T09:59:00Z", 1, 0, 2)),
                SummaryInput.of(deadLetter("baseline/run2/d.md", "markdown", 0, "2025-09-30T10:30:00Z",
                        "empty file (0 bytes)")));

        WindowSummary summary = WindowSummaryFunction.summarise("baseline", WINDOW, inputs);

        Inventory inventory = summary.inventory;
        assertEquals(5, inventory.files);
        assertEquals(Map.of("csv", 3, "json", 1, "markdown", 1), inventory.filesByFormat);
        assertEquals(400L, inventory.bytes);
        assertEquals("2025-09-30T10:45:30.250Z", inventory.latestModified);
        assertEquals(List.of("baseline", "baseline/run1", "baseline/run2"), inventory.folders);
        assertEquals(3, inventory.parsed);
        assertEquals(2, inventory.deadLetters);
        assertEquals(List.of(
                "baseline/run1/c.csv: line 3: unterminated quoted field",
                "baseline/run2/d.md: empty file (0 bytes)"), inventory.deadLetterReasons);
        assertEquals(9L, inventory.rows);
        assertEquals(1L, inventory.failedRows);
        assertEquals(18L, inventory.events);
    }

    @Test
    void windowBoundsAreIsoInstants() {
        WindowSummary summary = WindowSummaryFunction.summarise("baseline", WINDOW, List.of());

        assertEquals("baseline", summary.suite);
        assertEquals("2025-09-30T10:00:00Z", summary.windowStart);
        assertEquals("2025-09-30T11:00:00Z", summary.windowEnd);
    }

    @Test
    void windowWithoutFilesHasAnEmptyInventory() {
        WindowSummary summary = WindowSummaryFunction.summarise("baseline", WINDOW,
                List.of(SummaryInput.of(stats("tokens_s", "llama3"))));

        Inventory inventory = summary.inventory;
        assertEquals(0, inventory.files);
        assertTrue(inventory.filesByFormat.isEmpty());
        assertEquals(0L, inventory.bytes);
        assertNull(inventory.latestModified);
        assertTrue(inventory.folders.isEmpty());
        assertEquals(0, inventory.parsed);
        assertEquals(0, inventory.deadLetters);
        assertEquals(1, summary.series.size());
    }

    @Test
    void foldersAreDistinctAndSorted() {
        List<SummaryInput> inputs = List.of(
                SummaryInput.of(parsed("s/z/1.csv", "csv", 1, "2025-09-30T10:00:00Z", 1, 0, 1)),
                SummaryInput.of(parsed("s/a/2.csv", "csv", 1, "2025-09-30T10:00:00Z", 1, 0, 1)),
                SummaryInput.of(parsed("s/z/3.csv", "csv", 1, "2025-09-30T10:00:00Z", 1, 0, 1)),
                SummaryInput.of(parsed("top.csv", "csv", 1, "2025-09-30T10:00:00Z", 1, 0, 1)));

        Inventory inventory = WindowSummaryFunction.summarise("s", WINDOW, inputs).inventory;

        assertEquals(List.of("", "s/a", "s/z"), inventory.folders);
    }

    @Test
    void deadLetterReasonsAreSortedWhateverTheArrivalOrder() {
        List<SummaryInput> inputs = List.of(
                SummaryInput.of(deadLetter("s/b.json", "json", 1, "2025-09-30T10:00:00Z", "bad json")),
                SummaryInput.of(deadLetter("s/a.json", "json", 1, "2025-09-30T10:00:00Z", "also bad")));

        Inventory inventory = WindowSummaryFunction.summarise("s", WINDOW, inputs).inventory;

        assertEquals(List.of("s/a.json: also bad", "s/b.json: bad json"), inventory.deadLetterReasons);
        assertEquals(0, inventory.parsed);
        assertEquals(2, inventory.deadLetters);
    }

    @Test
    void everySeriesIsListedSortedByMetricThenSeries() {
        List<SummaryInput> inputs = List.of(
                SummaryInput.of(stats("tokens_s", "mistral")),
                SummaryInput.of(stats("latency_ms", "mistral")),
                SummaryInput.of(stats("tokens_s", "llama3")),
                SummaryInput.of(stats("latency_ms", "llama3")));

        WindowSummary summary = WindowSummaryFunction.summarise("s", WINDOW, inputs);

        assertEquals(List.of("latency_ms/llama3", "latency_ms/mistral", "tokens_s/llama3", "tokens_s/mistral"),
                summary.series.stream().map(s -> s.metric + "/" + s.series.get("model")).toList());
        assertEquals(0, summary.inventory.files, "statistics are not files");
    }
}
