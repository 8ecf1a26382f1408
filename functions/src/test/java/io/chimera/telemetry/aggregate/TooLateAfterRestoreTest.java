package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chimera.telemetry.records.ArtifactRecord;
import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.records.MetricEvent;
import io.chimera.telemetry.records.SeriesPartial;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.TooLate;
import io.chimera.telemetry.time.TimeBasis;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The case this guards: "values for windows past the horizon go to the too-late output, decided in CombineFileValues on
 * its own watermark, which is never behind the stages after it". By measured time (a file landing now with rows
 * measured more than the horizon ago), after a restore (and on a parallel reader that has
 * not read a file yet) CombineFileValues has no watermark (Long.MIN_VALUE), so nothing is too late: a file whose
 * window the series stage forgot long ago is accepted, the window is created afresh and goes out again as revision
 * 0, with only the late file's values. A consumer that keeps the highest revision drops it silently; a compacted
 * topic (which keeps the last record per key) replaces the window's full statistics with it.
 */
class TooLateAfterRestoreTest {

    private static final long MINUTE = 60_000L;
    /** 1-minute windows, revisable for 10 minutes after they close. */
    private static final RevisionWindows WINDOWS = new RevisionWindows(MINUTE, 10 * MINUTE);

    private static ArtifactRecord file(String path, long modified, double value, long measuredAt) {
        MetricEvent event = new MetricEvent(
                "llm",
                path,
                "csv",
                Map.of("model", "gemma3"),
                "tokens_s",
                value,
                "tok/s",
                measuredAt,
                "timestamp",
                false,
                null);
        FileLanded landed = new FileLanded();
        landed.suite = "llm";
        landed.sourcePath = path;
        landed.format = "csv";
        landed.bytes = 42;
        landed.modifiedTime = modified;
        landed.status = "parsed";
        landed.events = 1;
        landed.eventTime = measuredAt;
        return ArtifactRecord.of(landed, new ArrayList<>(List.of(event)));
    }

    private static KeyedOneInputStreamOperatorTestHarness<Tuple3<Long, Long, Long>, SeriesPartial, SeriesStats>
            seriesStage() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SeriesWindowRevisions(WINDOWS)),
                SeriesPartial::key,
                Types.TUPLE(Types.LONG, Types.LONG, Types.LONG));
    }

    /** Runs a file through a combining stage at a watermark (null: none yet) and returns partials and too-late. */
    private static List<Object> combine(ArtifactRecord record, Long watermark) throws Exception {
        try (OneInputStreamOperatorTestHarness<ArtifactRecord, SeriesPartial> combine =
                ProcessFunctionTestHarnesses.forProcessFunction(new CombineFileValues(TimeBasis.MEASURED, WINDOWS))) {
            if (watermark != null) {
                combine.processWatermark(watermark);
            }
            combine.processElement(record, record.file.modifiedTime);
            List<Object> out = new ArrayList<>(combine.extractOutputValues());
            Collection<StreamRecord<TooLate>> late = combine.getSideOutput(CombineFileValues.TOO_LATE);
            if (late != null) {
                late.forEach(r -> out.add(r.getValue()));
            }
            return out;
        }
    }

    @Test
    void aFileForAnExpiredWindowIsTooLateAlsoRightAfterARestore() throws Exception {
        // The job ran: window 0 got two files, closed, and its state expired with the horizon (watermark at 30 min).
        OperatorSubtaskState snapshot;
        try (var series = seriesStage()) {
            series.open();
            for (Object out : combine(file("llm/run_1.csv", 10_000, 100, 10_000), Long.MIN_VALUE)) {
                series.processElement(new StreamRecord<>((SeriesPartial) out, 10_000));
            }
            for (Object out : combine(file("llm/run_2.csv", 20_000, 200, 20_000), Long.MIN_VALUE)) {
                series.processElement(new StreamRecord<>((SeriesPartial) out, 20_000));
            }
            series.processWatermark(30 * MINUTE);
            assertEquals(
                    List.of("r0 count 2 mean 150.0"),
                    series.extractOutputValues().stream()
                            .map(s -> "r" + s.revision + " count " + s.count + " mean " + s.mean)
                            .toList());
            snapshot = series.snapshot(1L, 30 * MINUTE);
        }
        // Control: while the job runs, a file that lands now (30 min) with a row measured in window 0 is too late.
        ArtifactRecord copied = file("llm/run_3.csv", 30 * MINUTE, 999, 30_000);
        List<Object> running = combine(copied, 30 * MINUTE);
        assertEquals(1, running.size());
        assertEquals(TooLate.class, running.get(0).getClass(), "past the horizon while the job runs");

        // After a restore from that checkpoint the same file is read before the first watermark: the combining
        // stage has no watermark yet and lets it through; the restored series stage remembers how far its
        // watermark had come and sends it to the too-late output instead of bringing the window back.
        List<Object> restored = combine(file("llm/run_3.csv", 30 * MINUTE, 999, 30_000), null);
        List<String> emitted = new ArrayList<>();
        List<TooLate> tooLate = new ArrayList<>();
        try (var series = seriesStage()) {
            series.initializeState(snapshot);
            series.open();
            for (Object out : restored) {
                if (out instanceof SeriesPartial partial) {
                    series.processElement(new StreamRecord<>(partial, 30_000));
                }
            }
            series.processWatermark(31 * MINUTE);
            series.extractOutputValues()
                    .forEach(s ->
                            emitted.add(s.windowStart + " r" + s.revision + " count " + s.count + " mean " + s.mean));
            var side = series.getSideOutput(SeriesWindowRevisions.TOO_LATE);
            if (side != null) {
                side.forEach(r -> tooLate.add(r.getValue()));
            }
            assertEquals(0, series.numKeyedStateEntries(), "the forgotten window stays forgotten");
        }
        assertEquals(List.of(), emitted, "window 0 is past the horizon after the restore too");
        assertEquals(
                List.of("llm/run_3.csv 1970-01-01T00:00:00Z 1"),
                tooLate.stream()
                        .map(t -> t.sourcePath + " " + t.windowStart + " " + t.values)
                        .toList());
    }
}
