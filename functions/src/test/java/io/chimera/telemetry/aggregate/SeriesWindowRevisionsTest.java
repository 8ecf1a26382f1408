package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.SeriesKey;
import io.chimera.telemetry.records.SeriesPartial;
import io.chimera.telemetry.records.SeriesStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The series window: statistics from the accumulator, revisions on late files, state kept to the horizon. */
class SeriesWindowRevisionsTest {

    private static final long START = Instant.parse("2025-09-30T10:00:00Z").toEpochMilli();
    private static final long END = START + 3_600_000L;

    private static final SeriesKey KEY =
            new SeriesKey("baseline", Map.of("model", "llama3", "num_ctx", "2048"), "latency_ms", "ms");

    @Test
    void statsAreNamedByTheKeyAndWindowAndFilledFromTheAccumulator() {
        SeriesAccumulator accumulator = new SeriesAccumulator();
        // sorted 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum to 32
        double[] values = {4, 9, 2, 5, 4, 7, 4, 5};
        for (int i = 0; i < values.length; i++) {
            accumulator.add(values[i], START + 60_000L * (i + 1), false);
        }
        accumulator.add(1_000, START + 30_000L, true);

        SeriesStats stats = SeriesWindowRevisions.toStats(KEY, START, END, accumulator);

        assertEquals("baseline", stats.suite);
        assertEquals(Map.of("model", "llama3", "num_ctx", "2048"), stats.series);
        assertEquals("latency_ms", stats.metric);
        assertEquals("ms", stats.unit);
        assertEquals("2025-09-30T10:00:00Z", stats.windowStart);
        assertEquals("2025-09-30T11:00:00Z", stats.windowEnd);
        assertEquals(8, stats.count);
        assertEquals(1, stats.failed);
        assertEquals(40.0, stats.sum, 1e-12);
        assertEquals(5.0, stats.mean, 1e-12);
        assertEquals(2.0, stats.min, 0.0);
        assertEquals(9.0, stats.max, 0.0);
        assertEquals(Math.sqrt(32.0 / 7), stats.stddev, 1e-12);
        assertEquals(4.5, stats.p50, 1e-12); // rank 3.5: (4 + 5) / 2
        assertEquals(7.6, stats.p90, 1e-12); // rank 6.3: 7 + 0.3 * (9 - 7)
        assertEquals(8.3, stats.p95, 1e-12); // rank 6.65: 7 + 0.65 * 2
        assertEquals(8.86, stats.p99, 1e-12); // rank 6.93: 7 + 0.93 * 2
        assertTrue(stats.exactPercentiles);
        assertEquals("2025-09-30T10:00:30Z", stats.firstEventTime); // the failed row's time counts too
        assertEquals("2025-09-30T10:08:00Z", stats.lastEventTime);
    }

    @Test
    void seriesWithoutUnitHasNullUnit() {
        SeriesAccumulator accumulator = new SeriesAccumulator();
        accumulator.add(1.0, START, false);

        SeriesStats stats = SeriesWindowRevisions.toStats(
                new SeriesKey("s", Map.of("file", "run"), "score", null), START, END, accumulator);

        assertNull(stats.unit);
        assertEquals(Map.of("file", "run"), stats.series);
    }

    @Test
    void manyValuesAreMarkedAsSketchPercentiles() {
        SeriesAccumulator accumulator = new SeriesAccumulator();
        for (int i = 1; i <= 1_000; i++) {
            accumulator.add(i, START + i, false);
        }

        SeriesStats stats = SeriesWindowRevisions.toStats(KEY, START, END, accumulator);

        assertFalse(stats.exactPercentiles);
        assertEquals(1_000, stats.count);
        assertEquals(500.5, stats.mean, 1e-9);
        // exact p50 of 1..1000 is 500.5, p99 is 990.01
        assertEquals(500.5, stats.p50, 500.5 * 0.01);
        assertEquals(990.01, stats.p99, 990.01 * 0.01);
    }

    @Test
    void keyDecodedFromItsStringNamesTheStats() {
        SeriesAccumulator accumulator = new SeriesAccumulator();
        accumulator.add(3.0, START, false);

        SeriesStats stats = SeriesWindowRevisions.toStats(
                SeriesIdentity.decode(SeriesIdentity.encode(KEY)), START, END, accumulator);

        assertEquals(KEY.series, stats.series);
        assertEquals("latency_ms", stats.metric);
        assertEquals("ms", stats.unit);
    }

    // --- the operator, on Flink's keyed harness: 1-minute windows revisable for 10 minutes ---

    private static final long MINUTE = 60_000L;
    private static final RevisionWindows WINDOWS = new RevisionWindows(MINUTE, 10 * MINUTE);
    private static final SeriesKey TOKENS = new SeriesKey("llm", Map.of("model", "gemma3"), "tokens_s", "tok/s");

    private KeyedOneInputStreamOperatorTestHarness<Tuple3<Long, Long, Long>, SeriesPartial, SeriesStats> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = newHarness();
        harness.open();
    }

    private static KeyedOneInputStreamOperatorTestHarness<Tuple3<Long, Long, Long>, SeriesPartial, SeriesStats>
            newHarness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SeriesWindowRevisions(WINDOWS)),
                SeriesPartial::key,
                Types.TUPLE(Types.LONG, Types.LONG, Types.LONG));
    }

    /** As after a lost TaskManager: a new operator restored from the snapshot, its watermark back at nothing. */
    private void restore(OperatorSubtaskState snapshot) throws Exception {
        harness.close();
        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    /** One file's values of the series in the window starting at {@code windowStart}, read at a watermark. */
    private static SeriesPartial file(String path, long windowStart, long arrivalWatermark, double... values) {
        SeriesAccumulator accumulator = new SeriesAccumulator();
        accumulator.nameSeries(SeriesIdentity.encode(TOKENS));
        for (double value : values) {
            accumulator.add(value, windowStart + 1_000, false);
        }
        var hash = SeriesIdentity.hash(accumulator.series());
        SeriesPartial partial = new SeriesPartial();
        partial.keyHigh = hash.f0;
        partial.keyLow = hash.f1;
        partial.windowStart = windowStart;
        partial.suite = "llm";
        partial.sourcePath = path;
        partial.values = accumulator;
        partial.arrivalWatermark = arrivalWatermark;
        return partial;
    }

    private void read(SeriesPartial partial) throws Exception {
        harness.processElement(new StreamRecord<>(partial, partial.windowStart + 1_000));
    }

    private List<SeriesStats> emitted() {
        return harness.extractOutputValues();
    }

    @Test
    void aWindowGoesOutOnceWhenTheWatermarkClosesItWithEveryFilesValues() throws Exception {
        read(file("llm/a.csv", 0, Long.MIN_VALUE, 100, 110));
        read(file("llm/b.csv", 0, Long.MIN_VALUE, 120));
        harness.processWatermark(MINUTE - 2);
        assertEquals(List.of(), emitted(), "open until its last millisecond");

        harness.processWatermark(MINUTE - 1);
        harness.processWatermark(3 * MINUTE);

        SeriesStats stats = emitted().stream().collect(single());
        assertEquals(0, stats.revision);
        assertEquals(3, stats.count);
        assertEquals(110.0, stats.mean, 1e-12);
        assertEquals("1970-01-01T00:00:00Z", stats.windowStart);
    }

    @Test
    void aLateFileRevisesItsWindowOnceAtTheNextWatermarkWithAllItsValues() throws Exception {
        read(file("llm/a.csv", 0, Long.MIN_VALUE, 100));
        harness.processWatermark(2 * MINUTE);
        // Two files read at the same watermark: one revision for both.
        read(file("llm/late-1.csv", 0, 2 * MINUTE, 130));
        read(file("llm/late-2.csv", 0, 2 * MINUTE, 160));
        assertEquals(1, emitted().size(), "the revision waits for the watermark after the files");

        harness.processWatermark(2 * MINUTE + 1);
        harness.processWatermark(3 * MINUTE);

        List<SeriesStats> all = emitted();
        assertEquals(List.of(0, 1), all.stream().map(s -> s.revision).toList());
        SeriesStats revised = all.get(1);
        assertEquals(3, revised.count);
        assertEquals(130.0, revised.mean, 1e-12);
        assertEquals(100.0, revised.min);
        assertEquals(160.0, revised.max);
        assertEquals(
                2 * MINUTE + 1,
                harness.getOutput().stream()
                        .filter(r -> r instanceof StreamRecord<?> record && record.getValue() == revised)
                        .map(r -> ((StreamRecord<?>) r).getTimestamp())
                        .findFirst()
                        .orElseThrow(),
                "stamped with the revision's time, for the stages after it");
    }

    @Test
    void aWindowThatFirstGetsValuesLateGoesOutAsRevisionZero() throws Exception {
        harness.processWatermark(5 * MINUTE);
        read(file("llm/copied.csv", MINUTE, 5 * MINUTE, 90));
        harness.processWatermark(5 * MINUTE + 1);

        SeriesStats stats = emitted().stream().collect(single());
        assertEquals(0, stats.revision);
        assertEquals("1970-01-01T00:01:00Z", stats.windowStart);
        assertEquals(90.0, stats.mean);
    }

    @Test
    void valuesReadAfterTheirWindowClosedGoOutAtTheRevisionsTimeEvenWhileThisStageLagsBehind() throws Exception {
        harness.processWatermark(MINUTE / 2);
        read(file("llm/late.csv", 0, 5 * MINUTE, 90));
        harness.processWatermark(MINUTE);
        assertEquals(List.of(), emitted(), "the summary stage times this file by its reading, so must this stage");

        harness.processWatermark(5 * MINUTE + 1);

        SeriesStats stats = emitted().stream().collect(single());
        assertEquals(0, stats.revision);
        assertEquals(
                5 * MINUTE + 1,
                harness.getOutput().stream()
                        .filter(r -> r instanceof StreamRecord<?> record && record.getValue() == stats)
                        .map(r -> ((StreamRecord<?>) r).getTimestamp())
                        .findFirst()
                        .orElseThrow());
    }

    @Test
    void filesMergeInPathOrderSoAnyLandingOrderGivesTheSameBits() throws Exception {
        // (0.1 + 0.2) + 0.3 and (0.3 + 0.2) + 0.1 differ in the last bit; path order makes them one.
        read(file("llm/c.csv", 0, Long.MIN_VALUE, 0.3));
        read(file("llm/b.csv", 0, Long.MIN_VALUE, 0.2));
        read(file("llm/a.csv", 0, Long.MIN_VALUE, 0.1));
        harness.processWatermark(MINUTE - 1);
        SeriesStats reversed = emitted().get(0);

        SeriesAccumulator inPathOrder = new SeriesAccumulator();
        for (double value : new double[] {0.1, 0.2, 0.3}) {
            SeriesAccumulator one = new SeriesAccumulator();
            one.add(value, 0, false);
            inPathOrder.merge(one);
        }
        assertEquals(Double.doubleToLongBits(inPathOrder.sum()), Double.doubleToLongBits(reversed.sum));
        assertEquals(Double.doubleToLongBits(inPathOrder.mean()), Double.doubleToLongBits(reversed.mean));
        assertEquals(Double.doubleToLongBits(inPathOrder.stddev()), Double.doubleToLongBits(reversed.stddev));
    }

    @Test
    void theWindowIsKeptUntilTheHorizonAndThenForgottenWithItsTimers() throws Exception {
        read(file("llm/a.csv", 0, Long.MIN_VALUE, 100));
        harness.processWatermark(MINUTE - 1);
        assertTrue(harness.numKeyedStateEntries() > 0, "kept for revisions");

        harness.processWatermark(WINDOWS.expiryTime(0) - 1);
        assertTrue(harness.numKeyedStateEntries() > 0, "still revisable just before the horizon");
        harness.processWatermark(WINDOWS.expiryTime(0));

        assertEquals(0, harness.numKeyedStateEntries());
        assertEquals(0, harness.numEventTimeTimers());
        assertEquals(1, emitted().size(), "forgetting emits nothing");
    }

    @Test
    void withoutWatermarksUntilTheEndAsInABoundedRunEachWindowGoesOutOnce() throws Exception {
        read(file("llm/b.csv", MINUTE, Long.MIN_VALUE, 2));
        read(file("llm/a.csv", 0, Long.MIN_VALUE, 1));
        read(file("llm/c.csv", MINUTE, Long.MIN_VALUE, 4));
        harness.processWatermark(Long.MAX_VALUE);

        assertEquals(
                List.of("1970-01-01T00:00:00Z 0 1", "1970-01-01T00:01:00Z 0 2"),
                emitted().stream()
                        .map(s -> s.windowStart + " " + s.revision + " " + s.count)
                        .sorted()
                        .toList());
        assertEquals(0, harness.numKeyedStateEntries());
    }

    @Test
    void aRevisionUnderWayAtACheckpointGoesOutOnceAfterTheRestore() throws Exception {
        read(file("llm/a.csv", 0, Long.MIN_VALUE, 100));
        harness.processWatermark(2 * MINUTE);
        read(file("llm/late.csv", 0, 2 * MINUTE, 130));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 0L);

        restore(snapshot);
        harness.processWatermark(2 * MINUTE + 1);
        harness.processWatermark(3 * MINUTE);

        SeriesStats revised = emitted().stream().collect(single());
        assertEquals(1, revised.revision);
        assertEquals(2, revised.count);
    }

    @Test
    void aLateFileReadAgainAfterARestoreMakesTheSameRevisionOnce() throws Exception {
        read(file("llm/a.csv", 0, Long.MIN_VALUE, 100));
        harness.processWatermark(2 * MINUTE);
        OperatorSubtaskState snapshot = harness.snapshot(1L, 0L);

        // The late file was read after the checkpoint: the restored job reads it again, before any watermark.
        restore(snapshot);
        read(file("llm/late.csv", 0, Long.MIN_VALUE, 130));
        harness.processWatermark(2 * MINUTE);
        assertEquals(List.of(), emitted(), "not before the watermark moves past where it was at the checkpoint");
        harness.processWatermark(2 * MINUTE + 1);

        SeriesStats revised = emitted().stream().collect(single());
        assertEquals(1, revised.revision, "revision 0 went out before the checkpoint");
        assertEquals(2, revised.count);
    }

    private static <T> java.util.stream.Collector<T, ?, T> single() {
        return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), list -> {
            assertEquals(1, list.size(), list.toString());
            return list.get(0);
        });
    }
}
