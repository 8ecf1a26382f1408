package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.ArtifactRecord;
import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.records.MetricEvent;
import io.chimera.telemetry.records.SeriesPartial;
import io.chimera.telemetry.records.SummaryInput;
import io.chimera.telemetry.records.TooLate;
import io.chimera.telemetry.records.WindowSummary;
import io.chimera.telemetry.time.TimeBasis;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CombineFileValuesTest {

    private static final long MINUTE = 60_000L;
    /** 1-minute windows, revisable for 10 minutes after they close. */
    private static final RevisionWindows WINDOWS = new RevisionWindows(MINUTE, 10 * MINUTE);
    /** The file landed at 10:30 into the first hour; its rows were measured from 10:00 on. */
    private static final long LANDED = 30 * MINUTE + 5_000;

    private OneInputStreamOperatorTestHarness<ArtifactRecord, SeriesPartial> harness;

    private void open(TimeBasis basis) throws Exception {
        harness = ProcessFunctionTestHarnesses.forProcessFunction(new CombineFileValues(basis, WINDOWS));
    }

    @AfterEach
    void closeHarness() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private static MetricEvent event(String model, String metric, double value, long measuredAt, boolean failed) {
        return new MetricEvent(
                "bench",
                "bench/run.csv",
                "csv",
                Map.of("model", model, "prompt", "p"),
                metric,
                value,
                "ms",
                measuredAt,
                "timestamp",
                failed,
                failed ? "boom" : null);
    }

    private static MetricEvent event(int row, String metric, double value, long measuredAt, boolean failed) {
        MetricEvent event = event("llama3", metric, value, measuredAt, failed);
        event.row = row;
        return event;
    }

    /** {@code window: rows/failedRows events} of every inventory entry, in output order. */
    private List<String> inventoryEntries() {
        return side(CombineFileValues.FILES).stream()
                .map(f -> f.sourcePath + "@" + f.windowStart / MINUTE + ": " + f.rows + "/" + f.failedRows + " rows "
                        + f.events + " events")
                .toList();
    }

    private static ArtifactRecord file(String reason, MetricEvent... events) {
        FileLanded file = new FileLanded();
        file.suite = "bench";
        file.sourcePath = "bench/run.csv";
        file.format = "csv";
        file.bytes = 123;
        file.modifiedTime = LANDED;
        file.status = reason == null ? "parsed" : "dead_letter";
        file.reason = reason;
        file.events = events.length;
        file.eventTime =
                List.of(events).stream().mapToLong(e -> e.eventTime).max().orElse(LANDED);
        return ArtifactRecord.of(file, new ArrayList<>(List.of(events)));
    }

    private void send(ArtifactRecord record, long watermark) throws Exception {
        harness.processWatermark(watermark);
        harness.processElement(record, record.file.modifiedTime);
    }

    private <T> List<T> side(OutputTag<T> tag) {
        Collection<StreamRecord<T>> records = harness.getSideOutput(tag);
        return records == null
                ? List.of()
                : records.stream().map(StreamRecord::getValue).toList();
    }

    /** {@code series@window: count/failed mean} for every partial, in output order. */
    private List<String> partials() {
        return harness.extractOutputValues().stream()
                .map(p -> SeriesIdentity.decode(p.values.series()).series.get("model") + " "
                        + SeriesIdentity.decode(p.values.series()).metric + "@" + p.windowStart / MINUTE
                        + ": " + p.values.count() + "/" + p.values.failed() + " " + p.values.mean())
                .toList();
    }

    @Test
    void aFilesValuesAreCombinedPerSeriesInTheWindowItLanded() throws Exception {
        open(TimeBasis.LANDED);

        ArtifactRecord record = file(
                null,
                event("llama3", "latency_ms", 10, 0, false),
                event("llama3", "latency_ms", 20, 25 * MINUTE, false),
                event("llama3", "latency_ms", 99, 26 * MINUTE, true),
                event("llama3", "ttft_ms", 3, 0, false),
                event("gemma3", "latency_ms", 7, 0, false));
        record.file.rows = 4;
        record.file.failedRows = 1;
        send(record, Long.MIN_VALUE);

        assertEquals(
                List.of(
                        "llama3 latency_ms@30: 2/1 15.0",
                        "llama3 ttft_ms@30: 1/0 3.0",
                        "gemma3 latency_ms@30: 1/0 7.0"),
                partials(),
                "the rows' own times do not split a file");
        assertEquals(
                List.of("bench/run.csv@30: 4/1 rows 5 events"),
                inventoryEntries(),
                "one inventory entry, the whole file's");
        SeriesPartial first = harness.extractOutputValues().get(0);
        assertEquals(0, first.values.firstEventTime(), "the rows' own times stay with the values");
        assertEquals(26 * MINUTE, first.values.lastEventTime());
        assertEquals("bench/run.csv", first.sourcePath);
        assertEquals(SeriesIdentity.hash(first.values.series()), Tuple2.of(first.keyHigh, first.keyLow));
    }

    @Test
    void byMeasuredTimeAFilesValuesGoToTheWindowsOfTheirRows() throws Exception {
        open(TimeBasis.MEASURED);

        send(
                file(
                        null,
                        event("llama3", "latency_ms", 10, 0, false),
                        event("llama3", "latency_ms", 20, 25 * MINUTE + 1, false),
                        event("llama3", "latency_ms", 30, 25 * MINUTE + 2, false)),
                Long.MIN_VALUE);

        assertEquals(List.of("llama3 latency_ms@0: 1/0 10.0", "llama3 latency_ms@25: 2/0 25.0"), partials());
    }

    @Test
    void byMeasuredTimeAFileIsInventoriedInEveryWindowItGivesValuesToWithItsRowsThere() throws Exception {
        open(TimeBasis.MEASURED);
        ArtifactRecord record = file(
                null,
                event(0, "latency_ms", 10, 0, false),
                event(0, "ttft_ms", 1, 0, false),
                event(1, "latency_ms", 20, 25 * MINUTE + 1, false),
                event(2, "latency_ms", 99, 25 * MINUTE + 2, true));
        // A fourth row failed without a number: it gives no window a value.
        record.file.rows = 4;
        record.file.failedRows = 2;

        send(record, Long.MIN_VALUE);

        assertEquals(
                List.of("bench/run.csv@0: 1/0 rows 2 events", "bench/run.csv@25: 3/2 rows 2 events"),
                inventoryEntries(),
                "the row without a number counts with the file's newest row");
        assertTrue(
                side(CombineFileValues.FILES).stream()
                        .allMatch(
                                f -> f.arrivalWatermark == Long.MIN_VALUE && f.bytes == 123 && f.format.equals("csv")),
                "each entry is the file's, read at its watermark");
    }

    private static KeyedOneInputStreamOperatorTestHarness<Tuple2<String, Long>, SummaryInput, WindowSummary>
            suiteStage() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SuiteWindowRevisions(WINDOWS)),
                SummaryInput::key,
                Types.TUPLE(Types.STRING, Types.LONG));
    }

    /** The inventory entries the combining stage emitted, into the suite stage; what it emitted, sorted. */
    private List<String> throughSuiteStage(
            KeyedOneInputStreamOperatorTestHarness<Tuple2<String, Long>, SummaryInput, WindowSummary> suite,
            long watermark)
            throws Exception {
        for (FileLanded entry : side(CombineFileValues.FILES)) {
            suite.processElement(new StreamRecord<>(SummaryInput.of(entry), entry.modifiedTime));
        }
        // Only inventory entries go in here, no statistics: enough watermarks for a summary's wait for its files'
        // values to end (after a restore, the stage's remembered watermark comes first).
        for (int i = 0; i <= 3 * SuiteWindowRevisions.MAX_WAITS; i++) {
            suite.processWatermark(watermark + i);
        }
        return suite.extractOutputValues().stream()
                .map(s -> s.windowStart.substring(11, 16) + " r" + s.revision + " files " + s.inventory.files
                        + " added " + s.revisionAdded.files + " " + s.revisionAdded.sources)
                .sorted()
                .toList();
    }

    @Test
    void byMeasuredTimeALateFileCountsOnceInEachWindowItRevisesAlsoWhenReadAgainAfterARestore() throws Exception {
        open(TimeBasis.MEASURED);
        send(
                file(
                        null,
                        event(0, "latency_ms", 10, 20 * MINUTE, false),
                        event(1, "latency_ms", 20, 25 * MINUTE, false)),
                Long.MIN_VALUE);
        OperatorSubtaskState snapshot;
        try (var suite = suiteStage()) {
            suite.open();
            assertEquals(
                    List.of("00:20 r0 files 1 added 0 []", "00:25 r0 files 1 added 0 []"),
                    throughSuiteStage(suite, 26 * MINUTE));
            snapshot = suite.snapshot(1L, 26 * MINUTE);
        }

        // Read (again) after the restore: the combining stage has no watermark yet.
        harness.close();
        open(TimeBasis.MEASURED);
        ArtifactRecord late = file(
                null,
                event(0, "latency_ms", 30, 20 * MINUTE + 1, false),
                event(1, "latency_ms", 40, 25 * MINUTE + 1, false));
        late.file.sourcePath = "bench/late.csv";
        send(late, Long.MIN_VALUE);
        try (var suite = suiteStage()) {
            suite.initializeState(snapshot);
            suite.open();
            assertEquals(
                    List.of("00:20 r1 files 2 added 1 [bench/late.csv]", "00:25 r1 files 2 added 1 [bench/late.csv]"),
                    throughSuiteStage(suite, 26 * MINUTE + 1));
        }
    }

    @Test
    void byMeasuredTimeAFileWithoutValuesIsInventoriedWhereItLanded() throws Exception {
        open(TimeBasis.MEASURED);

        send(file("line 2: unterminated quoted field"), Long.MIN_VALUE);

        assertEquals(List.of("bench/run.csv@30: 0/0 rows 0 events"), inventoryEntries());
    }

    @Test
    void theLandedFileGoesToTheInventoryWithItsWindowAndTheWatermarkItWasReadAt() throws Exception {
        open(TimeBasis.LANDED);

        send(file(null, event("llama3", "latency_ms", 10, 0, false)), 29 * MINUTE);

        FileLanded landed = side(CombineFileValues.FILES).get(0);
        assertEquals(30 * MINUTE, landed.windowStart);
        assertEquals(29 * MINUTE, landed.arrivalWatermark);
        assertEquals(29 * MINUTE, harness.extractOutputValues().get(0).arrivalWatermark);
        assertTrue(side(CombineFileValues.DEAD_LETTERS).isEmpty());
        assertTrue(side(CombineFileValues.TOO_LATE).isEmpty());
    }

    @Test
    void aDeadLetterGoesToTheDeadLettersAndToTheInventory() throws Exception {
        open(TimeBasis.LANDED);

        send(file("line 2: unterminated quoted field"), Long.MIN_VALUE);

        assertEquals(
                List.of(new DeadLetter(
                        "bench", "bench/run.csv", "csv", "line 2: unterminated quoted field", 123, LANDED)),
                side(CombineFileValues.DEAD_LETTERS));
        assertEquals(1, side(CombineFileValues.FILES).size());
        assertTrue(harness.extractOutputValues().isEmpty());
    }

    @Test
    void aFileStillWithinTheHorizonIsNotTooLate() throws Exception {
        open(TimeBasis.LANDED);

        send(file(null, event("llama3", "latency_ms", 10, 0, false)), WINDOWS.expiryTime(30 * MINUTE) - 1);

        assertEquals(1, harness.extractOutputValues().size());
        assertEquals(1, side(CombineFileValues.FILES).size());
        assertTrue(side(CombineFileValues.TOO_LATE).isEmpty());
    }

    @Test
    void aFilePastTheHorizonGoesToTheTooLateOutputCountedNeverAveraged() throws Exception {
        open(TimeBasis.LANDED);

        send(
                file(
                        null,
                        event("llama3", "latency_ms", 10, 0, false),
                        event("llama3", "latency_ms", 10, 0, true),
                        event("gemma3", "latency_ms", 7, 0, false)),
                WINDOWS.expiryTime(30 * MINUTE));

        assertTrue(harness.extractOutputValues().isEmpty());
        assertTrue(side(CombineFileValues.FILES).isEmpty());
        TooLate late = side(CombineFileValues.TOO_LATE).get(0);
        assertEquals(
                List.of("bench/run.csv 1970-01-01T00:30:00Z-1970-01-01T00:31:00Z values 2 failed 1 file true"),
                List.of(late.sourcePath + " " + late.windowStart + "-" + late.windowEnd + " values " + late.values
                        + " failed " + late.failedValues + " file " + late.file));
        assertEquals(1, side(CombineFileValues.TOO_LATE).size());
    }

    @Test
    void byMeasuredTimeOnlyTheRowsPastTheHorizonAreTooLate() throws Exception {
        open(TimeBasis.MEASURED);

        send(
                file(null, event(0, "latency_ms", 10, 0, false), event(1, "latency_ms", 20, 25 * MINUTE, false)),
                WINDOWS.expiryTime(0));

        assertEquals(List.of("llama3 latency_ms@25: 1/0 20.0"), partials());
        TooLate late = side(CombineFileValues.TOO_LATE).get(0);
        assertEquals(1, side(CombineFileValues.TOO_LATE).size());
        assertEquals("1970-01-01T00:00:00Z", late.windowStart);
        assertEquals(1, late.values);
        assertEquals(true, late.file, "the file's inventory entry of that window is too late with its values");
        assertEquals(List.of("bench/run.csv@25: 1/0 rows 1 events"), inventoryEntries());
    }
}
