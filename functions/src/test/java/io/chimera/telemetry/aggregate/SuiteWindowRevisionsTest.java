package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.records.Inventory;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.SummaryInput;
import io.chimera.telemetry.records.WindowSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The suite window: inventory and statistics, revisions when late files or revised statistics reach it. */
class SuiteWindowRevisionsTest {

    private static final long START = Instant.parse("2025-09-30T10:00:00Z").toEpochMilli();
    private static final long END = Instant.parse("2025-09-30T11:00:00Z").toEpochMilli();

    /** The pure part: a window's inventory, series and alerts from what reached it. */
    private static WindowSummary summarise(String suite, List<SummaryInput> inputs) {
        return SuiteWindowRevisions.summarise(
                suite,
                START,
                END,
                inputs.stream().filter(i -> i.file != null).map(i -> i.file).toList(),
                inputs.stream().filter(i -> i.stats != null).map(i -> i.stats).toList(),
                inputs.stream().filter(i -> i.alert != null).map(i -> i.alert).toList());
    }

    private static FileLanded parsed(
            String path, String format, long bytes, String modified, int rows, int failedRows, int events) {
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
        stats.windowStart = "2025-09-30T10:00:00Z";
        stats.windowEnd = "2025-09-30T11:00:00Z";
        return stats;
    }

    @Test
    void inventoryCountsTheFilesThatLanded() {
        List<SummaryInput> inputs = List.of(
                SummaryInput.of(parsed("baseline/run1/a.csv", "csv", 100, "2025-09-30T10:05:00Z", 5, 1, 10)),
                SummaryInput.of(stats("tokens_s", "llama3")),
                SummaryInput.of(parsed("baseline/run2/b.json", "json", 250, "2025-09-30T10:45:30.250Z", 3, 0, 6)),
                SummaryInput.of(deadLetter(
                        "baseline/run1/c.csv", "csv", 40, "2025-09-30T10:20:00Z", "line 3: unterminated quoted field")),
                SummaryInput.of(parsed("baseline/a.csv", "csv", 10, "2025-09-30T09:59:00Z", 1, 0, 2)),
                SummaryInput.of(deadLetter(
                        "baseline/run2/d.md", "markdown", 0, "2025-09-30T10:30:00Z", "empty file (0 bytes)")));

        WindowSummary summary = summarise("baseline", inputs);

        Inventory inventory = summary.inventory;
        assertEquals(5, inventory.files);
        assertEquals(Map.of("csv", 3, "json", 1, "markdown", 1), inventory.filesByFormat);
        assertEquals(400L, inventory.bytes);
        assertEquals("2025-09-30T10:45:30.250Z", inventory.latestModified);
        assertEquals(List.of("baseline", "baseline/run1", "baseline/run2"), inventory.folders);
        assertEquals(3, inventory.parsed);
        assertEquals(2, inventory.deadLetters);
        assertEquals(
                List.of(
                        "baseline/run1/c.csv: line 3: unterminated quoted field",
                        "baseline/run2/d.md: empty file (0 bytes)"),
                inventory.deadLetterReasons);
        assertEquals(9L, inventory.rows);
        assertEquals(1L, inventory.failedRows);
        assertEquals(18L, inventory.events);
    }

    @Test
    void windowBoundsAreIsoInstants() {
        WindowSummary summary = summarise("baseline", List.of());

        assertEquals("baseline", summary.suite);
        assertEquals("2025-09-30T10:00:00Z", summary.windowStart);
        assertEquals("2025-09-30T11:00:00Z", summary.windowEnd);
    }

    @Test
    void windowWithoutFilesHasAnEmptyInventory() {
        WindowSummary summary = summarise("baseline", List.of(SummaryInput.of(stats("tokens_s", "llama3"))));

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

        Inventory inventory = summarise("s", inputs).inventory;

        assertEquals(List.of("", "s/a", "s/z"), inventory.folders);
    }

    @Test
    void deadLetterReasonsAreSortedWhateverTheArrivalOrder() {
        List<SummaryInput> inputs = List.of(
                SummaryInput.of(deadLetter("s/b.json", "json", 1, "2025-09-30T10:00:00Z", "bad json")),
                SummaryInput.of(deadLetter("s/a.json", "json", 1, "2025-09-30T10:00:00Z", "also bad")));

        Inventory inventory = summarise("s", inputs).inventory;

        assertEquals(List.of("s/a.json: also bad", "s/b.json: bad json"), inventory.deadLetterReasons);
        assertEquals(0, inventory.parsed);
        assertEquals(2, inventory.deadLetters);
    }

    @Test
    void aLogWithNothingToMeasureCountsAsIgnoredNotParsedNorDead() {
        FileLanded log = parsed("s/worker.log", "text", 1, "2025-09-30T10:00:00Z", 0, 0, 0);
        log.status = "ignored";
        log.reason = "no table, key-value metric line or known tool's output";

        Inventory inventory = summarise(
                        "s",
                        List.of(
                                SummaryInput.of(log),
                                SummaryInput.of(parsed("s/run.csv", "csv", 1, "2025-09-30T10:00:00Z", 1, 0, 1))))
                .inventory;

        assertEquals(2, inventory.files);
        assertEquals(1, inventory.ignored);
        assertEquals(1, inventory.parsed);
        assertEquals(0, inventory.deadLetters);
    }

    @Test
    void everySeriesIsListedSortedByMetricThenSeries() {
        List<SummaryInput> inputs = List.of(
                SummaryInput.of(stats("tokens_s", "mistral")),
                SummaryInput.of(stats("latency_ms", "mistral")),
                SummaryInput.of(stats("tokens_s", "llama3")),
                SummaryInput.of(stats("latency_ms", "llama3")));

        WindowSummary summary = summarise("s", inputs);

        assertEquals(
                List.of("latency_ms/llama3", "latency_ms/mistral", "tokens_s/llama3", "tokens_s/mistral"),
                summary.series.stream()
                        .map(s -> s.metric + "/" + s.series.get("model"))
                        .toList());
        assertEquals(0, summary.inventory.files, "statistics are not files");
    }

    // --- the operator, on Flink's keyed harness: 1-minute windows revisable for 10 minutes ---

    private static final long MINUTE = 60_000L;
    private static final RevisionWindows WINDOWS = new RevisionWindows(MINUTE, 10 * MINUTE);

    private KeyedOneInputStreamOperatorTestHarness<Tuple2<String, Long>, SummaryInput, WindowSummary> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = newHarness();
        harness.open();
    }

    private static KeyedOneInputStreamOperatorTestHarness<Tuple2<String, Long>, SummaryInput, WindowSummary>
            newHarness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SuiteWindowRevisions(WINDOWS)),
                SummaryInput::key,
                Types.TUPLE(Types.STRING, Types.LONG));
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    /** A file that landed in the first minute, read at a watermark. */
    private static FileLanded landed(String path, long arrivalWatermark) {
        FileLanded file = parsed(path, "csv", 10, "1970-01-01T00:00:30Z", 2, 0, 2);
        file.suite = "llm";
        file.windowStart = 0;
        file.arrivalWatermark = arrivalWatermark;
        return file;
    }

    /** Statistics of the first minute as the series stage emits them: stamped with the revision's time. */
    private void statsOf(String model, int revision, long count, long emittedAt) throws Exception {
        SeriesStats stats = stats("tokens_s", model);
        stats.suite = "llm";
        stats.windowStart = "1970-01-01T00:00:00Z";
        stats.windowEnd = "1970-01-01T00:01:00Z";
        stats.revision = revision;
        stats.count = count;
        harness.processElement(new StreamRecord<>(SummaryInput.of(stats), emittedAt));
    }

    private void file(FileLanded file) throws Exception {
        harness.processElement(new StreamRecord<>(SummaryInput.of(file), file.modifiedTime));
    }

    private void alert(String kind, int revision, long emittedAt) throws Exception {
        Alert alert = new Alert();
        alert.suite = "llm";
        alert.series = new TreeMap<>(Map.of("model", "gemma3"));
        alert.metric = "tokens_s";
        alert.windowStart = "1970-01-01T00:00:00Z";
        alert.windowEnd = "1970-01-01T00:01:00Z";
        alert.kind = kind;
        alert.revision = revision;
        harness.processElement(new StreamRecord<>(SummaryInput.of(alert), emittedAt));
    }

    private List<WindowSummary> emitted() {
        return harness.extractOutputValues();
    }

    @Test
    void theSummaryGoesOutWhenTheWatermarkClosesTheWindow() throws Exception {
        file(landed("llm/a.csv", Long.MIN_VALUE));
        statsOf("gemma3", 0, 2, MINUTE - 1);
        harness.processWatermark(MINUTE - 2);
        assertEquals(List.of(), emitted());

        harness.processWatermark(MINUTE - 1);

        WindowSummary summary = emitted().get(0);
        assertEquals(1, emitted().size());
        assertEquals(0, summary.revision);
        assertTrue(summary.revisionAdded.isEmpty());
        assertEquals(1, summary.inventory.files);
        assertEquals(1, summary.series.size());
        assertEquals("1970-01-01T00:00:00Z", summary.windowStart);
    }

    @Test
    void aLateFileAndItsRevisedStatisticsMakeOneRevisionThatSaysWhatItAdded() throws Exception {
        file(landed("llm/a.csv", Long.MIN_VALUE));
        statsOf("gemma3", 0, 2, MINUTE - 1);
        harness.processWatermark(4 * MINUTE);
        // The late file reaches this stage straight from the reader, read at 5 min; this stage's own watermark
        // still lags at 4 min, and the series stage has not yet revised its statistics.
        file(landed("llm/late.csv", 5 * MINUTE));
        harness.processWatermark(5 * MINUTE);
        assertEquals(1, emitted().size(), "no revision before the revised statistics can have come");
        statsOf("gemma3", 1, 4, 5 * MINUTE + 1);
        harness.processWatermark(5 * MINUTE + 1);
        harness.processWatermark(6 * MINUTE);

        assertEquals(List.of(0, 1), emitted().stream().map(s -> s.revision).toList());
        WindowSummary revised = emitted().get(1);
        assertEquals(2, revised.inventory.files);
        assertEquals(1, revised.series.size(), "the revision replaces the series' statistics");
        assertEquals(4, revised.series.get(0).count);
        assertEquals(1, revised.revisionAdded.files);
        assertEquals(2, revised.revisionAdded.values, "4 values now, 2 before");
        assertEquals(List.of("llm/late.csv"), revised.revisionAdded.sources);
    }

    @Test
    void aWindowWhoseFirstFileCameLateWaitsForItsStatisticsEvenWhileThisStageLagsBehind() throws Exception {
        // The reader read the file at 5 min, long after its window closed (say after a task stood blocked while
        // the wall clock moved the watermark on); this stage still lags at 30 s, before the window's close.
        harness.processWatermark(MINUTE / 2);
        file(landed("llm/late.csv", 5 * MINUTE));
        harness.processWatermark(5 * MINUTE);
        assertEquals(List.of(), emitted(), "not at the window's close: its statistics come at the revision's time");

        statsOf("gemma3", 0, 2, 5 * MINUTE + 1);
        harness.processWatermark(5 * MINUTE + 1);

        WindowSummary summary = emitted().stream()
                .reduce((a, b) -> {
                    throw new AssertionError("one summary, got " + emitted().size());
                })
                .orElseThrow();
        assertEquals(0, summary.revision);
        assertEquals(1, summary.inventory.files);
        assertEquals(1, summary.series.size(), "the file's statistics are in its window's first summary");
    }

    @Test
    void aLateFilesRevisionWaitsForItsValuesWhenTheSeriesStageRevisesThemAtALaterWatermark() throws Exception {
        file(landed("llm/a.csv", Long.MIN_VALUE));
        statsOf("gemma3", 0, 2, MINUTE - 1);
        harness.processWatermark(4 * MINUTE);
        // Read at 5 min; the series stage's own watermark was at 7 min when the file's values reached it, so it
        // revises their statistics at 7 min + 1, after this stage's watermark has passed the file's arrival.
        file(landed("llm/late.csv", 5 * MINUTE));
        harness.processWatermark(5 * MINUTE + 1);
        harness.processWatermark(6 * MINUTE);
        assertEquals(1, emitted().size(), "no revision while the late file's values are on their way");

        statsOf("gemma3", 1, 4, 7 * MINUTE + 1);
        harness.processWatermark(7 * MINUTE + 1);

        assertEquals(List.of(0, 1), emitted().stream().map(s -> s.revision).toList());
        WindowSummary revised = emitted().get(1);
        assertEquals(2, revised.inventory.files);
        assertEquals(4, revised.series.get(0).count);
        assertEquals(1, revised.revisionAdded.files);
        assertEquals(2, revised.revisionAdded.values);
    }

    @Test
    void aWindowClosedHereBeforeTheSeriesStageTookItsFileInTimeWaitsForTheFilesValues() throws Exception {
        // The file reached this stage before the window closed; the series stage, its watermark already past the
        // close, took the file's values as late and emits them at a later watermark.
        file(landed("llm/a.csv", Long.MIN_VALUE));
        harness.processWatermark(MINUTE - 1);
        harness.processWatermark(MINUTE);
        assertEquals(List.of(), emitted(), "not without the values of the file it lists");

        statsOf("gemma3", 0, 2, 2 * MINUTE);
        harness.processWatermark(2 * MINUTE);

        assertEquals(1, emitted().size());
        assertEquals(0, emitted().get(0).revision);
        assertEquals(1, emitted().get(0).inventory.files);
        assertEquals(2, emitted().get(0).series.get(0).count);
    }

    @Test
    void aLateFilesRevisionGoesOutWithoutValuesThatNeverCome() throws Exception {
        file(landed("llm/a.csv", Long.MIN_VALUE));
        statsOf("gemma3", 0, 2, MINUTE - 1);
        harness.processWatermark(4 * MINUTE);
        file(landed("llm/late.csv", 5 * MINUTE));

        for (int i = 1; i <= SuiteWindowRevisions.MAX_WAITS; i++) {
            harness.processWatermark(5 * MINUTE + i);
        }
        assertEquals(1, emitted().size(), "waiting, a watermark at a time");
        harness.processWatermark(5 * MINUTE + SuiteWindowRevisions.MAX_WAITS + 1);

        assertEquals(List.of(0, 1), emitted().stream().map(s -> s.revision).toList());
        assertEquals(2, emitted().get(1).inventory.files);
        assertEquals(0, emitted().get(1).revisionAdded.values);
    }

    @Test
    void aWithdrawnAlertLeavesTheRevisedSummary() throws Exception {
        statsOf("gemma3", 0, 2, MINUTE - 1);
        alert(Alert.REGRESSION, 0, MINUTE - 1);
        harness.processWatermark(MINUTE - 1);
        assertEquals(1, emitted().get(0).alerts.size());

        statsOf("gemma3", 1, 3, 3 * MINUTE + 1);
        alert(Alert.WITHDRAWN, 1, 3 * MINUTE + 1);
        harness.processWatermark(3 * MINUTE + 1);

        assertEquals(List.of(), emitted().get(1).alerts);
        assertEquals(1, emitted().get(1).revision);
    }

    @Test
    void theWindowIsForgottenWithItsTimersOnceTheHorizonHasPassed() throws Exception {
        file(landed("llm/a.csv", Long.MIN_VALUE));
        statsOf("gemma3", 0, 2, MINUTE - 1);
        harness.processWatermark(WINDOWS.expiryTime(0) - 1);
        assertTrue(harness.numKeyedStateEntries() > 0, "kept for revisions until the horizon");

        harness.processWatermark(WINDOWS.expiryTime(0));

        assertEquals(0, harness.numKeyedStateEntries());
        assertEquals(0, harness.numEventTimeTimers());
        assertEquals(1, emitted().size());
    }

    @Test
    void aLateFileReadAgainAfterARestoreStillSaysWhatTheRevisionAdded() throws Exception {
        file(landed("llm/a.csv", Long.MIN_VALUE));
        statsOf("gemma3", 0, 2, MINUTE - 1);
        harness.processWatermark(2 * MINUTE);
        OperatorSubtaskState snapshot = harness.snapshot(1L, 0L);
        harness.close();
        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();

        // Read again after the restore, before any watermark: revision 0 is out, so this revises.
        FileLanded late = landed("llm/late.csv", Long.MIN_VALUE);
        late.rows = 1;
        late.events = 1;
        file(late);
        statsOf("gemma3", 1, 3, 2 * MINUTE + 1);
        harness.processWatermark(2 * MINUTE + 1);

        WindowSummary revised = emitted().stream()
                .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), list -> {
                    assertEquals(1, list.size(), list.toString());
                    return list.get(0);
                }));
        assertEquals(1, revised.revision);
        assertEquals(List.of("llm/late.csv"), revised.revisionAdded.sources);
        assertEquals(1, revised.revisionAdded.values);
    }
}
