package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.ArtifactRecord;
import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.records.MetricEvent;
import io.chimera.telemetry.records.SeriesPartial;
import io.chimera.telemetry.records.TooLate;
import io.chimera.telemetry.time.TimeBasis;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
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
        return new MetricEvent("bench", "bench/run.csv", "csv", Map.of("model", model, "prompt", "p"), metric,
                value, "ms", measuredAt, "timestamp", failed, failed ? "boom" : null);
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
        file.eventTime = List.of(events).stream().mapToLong(e -> e.eventTime).max().orElse(LANDED);
        return ArtifactRecord.of(file, new ArrayList<>(List.of(events)));
    }

    private void send(ArtifactRecord record, long watermark) throws Exception {
        harness.processWatermark(watermark);
        harness.processElement(record, record.file.modifiedTime);
    }

    private <T> List<T> side(OutputTag<T> tag) {
        Collection<StreamRecord<T>> records = harness.getSideOutput(tag);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }

    /** {@code series@window: count/failed mean} for every partial, in output order. */
    private List<String> partials() {
        return harness.extractOutputValues().stream().map(p -> SeriesIdentity.decode(p.values.series()).series
                .get("model") + " " + SeriesIdentity.decode(p.values.series()).metric + "@" + p.windowStart / MINUTE
                + ": " + p.values.count() + "/" + p.values.failed() + " " + p.values.mean()).toList();
    }

    @Test
    void aFilesValuesAreCombinedPerSeriesInTheWindowItLanded() throws Exception {
        open(TimeBasis.LANDED);

        send(file(null,
                event("llama3", "latency_ms", 10, 0, false),
                event("llama3", "latency_ms", 20, 25 * MINUTE, false),
                event("llama3", "latency_ms", 99, 26 * MINUTE, true),
                event("llama3", "ttft_ms", 3, 0, false),
                event("gemma3", "latency_ms", 7, 0, false)), Long.MIN_VALUE);

        assertEquals(List.of("llama3 latency_ms@30: 2/1 15.0", "llama3 ttft_ms@30: 1/0 3.0",
                "gemma3 latency_ms@30: 1/0 7.0"), partials(), "the rows' own times do not split a file");
        SeriesPartial first = harness.extractOutputValues().get(0);
        assertEquals(0, first.values.firstEventTime(), "the rows' own times stay with the values");
        assertEquals(26 * MINUTE, first.values.lastEventTime());
        assertEquals("bench/run.csv", first.sourcePath);
        assertEquals(SeriesIdentity.hash(first.values.series()), org.apache.flink.api.java.tuple.Tuple2.of(
                first.keyHigh, first.keyLow));
    }

    @Test
    void byMeasuredTimeAFilesValuesGoToTheWindowsOfTheirRows() throws Exception {
        open(TimeBasis.MEASURED);

        send(file(null,
                event("llama3", "latency_ms", 10, 0, false),
                event("llama3", "latency_ms", 20, 25 * MINUTE + 1, false),
                event("llama3", "latency_ms", 30, 25 * MINUTE + 2, false)), Long.MIN_VALUE);

        assertEquals(List.of("llama3 latency_ms@0: 1/0 10.0", "llama3 latency_ms@25: 2/0 25.0"), partials());
        assertEquals(25 * MINUTE, side(CombineFileValues.FILES).get(0).windowStart,
                "the inventory entry sits with the newest row");
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

        assertEquals(List.of(new DeadLetter("bench", "bench/run.csv", "csv", "line 2: unterminated quoted field", 123,
                LANDED)), side(CombineFileValues.DEAD_LETTERS));
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

        send(file(null,
                event("llama3", "latency_ms", 10, 0, false),
                event("llama3", "latency_ms", 10, 0, true),
                event("gemma3", "latency_ms", 7, 0, false)), WINDOWS.expiryTime(30 * MINUTE));

        assertTrue(harness.extractOutputValues().isEmpty());
        assertTrue(side(CombineFileValues.FILES).isEmpty());
        TooLate late = side(CombineFileValues.TOO_LATE).get(0);
        assertEquals(List.of("bench/run.csv 1970-01-01T00:30:00Z-1970-01-01T00:31:00Z values 2 failed 1 file true"),
                List.of(late.sourcePath + " " + late.windowStart + "-" + late.windowEnd + " values " + late.values
                        + " failed " + late.failedValues + " file " + late.file));
        assertEquals(1, side(CombineFileValues.TOO_LATE).size());
    }

    @Test
    void byMeasuredTimeOnlyTheRowsPastTheHorizonAreTooLate() throws Exception {
        open(TimeBasis.MEASURED);

        send(file(null,
                event("llama3", "latency_ms", 10, 0, false),
                event("llama3", "latency_ms", 20, 25 * MINUTE, false)), WINDOWS.expiryTime(0));

        assertEquals(List.of("llama3 latency_ms@25: 1/0 20.0"), partials());
        TooLate late = side(CombineFileValues.TOO_LATE).get(0);
        assertEquals("1970-01-01T00:00:00Z", late.windowStart);
        assertEquals(1, late.values);
        assertEquals(false, late.file, "the file's inventory entry sits in the window of its newest row");
        assertEquals(1, side(CombineFileValues.FILES).size());
    }

    @Test
    void deadLetterReasonsFallIntoAFewLabelsThatSayWhatToDo() {
        assertEquals("encoding", CombineFileValues.reasonClass(
                "UTF-16 text without a valid byte order mark (NUL at every other byte); save it as UTF-8"));
        assertEquals("binary", CombineFileValues.reasonClass("binary content, not text (NUL byte at offset 3)"));
        assertEquals("empty", CombineFileValues.reasonClass("empty file"));
        assertEquals("too_large", CombineFileValues.reasonClass("larger than the 33554432-byte cap"));
        assertEquals("malformed", CombineFileValues.reasonClass("csv: line 2: 3 cells, header has 2"));
    }
}
