package io.chimera.telemetry.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlushingWatermarkGeneratorTest {

    private static final long WALL_START = 1_700_000_000_000L;

    private final AtomicLong clock = new AtomicLong(WALL_START);
    private final RecordingOutput output = new RecordingOutput();

    /** What the generator told Flink, in order: a watermark's timestamp, or IDLE / ACTIVE. */
    private static final class RecordingOutput implements WatermarkOutput {
        final List<Object> calls = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            calls.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            calls.add("IDLE");
        }

        @Override
        public void markActive() {
            calls.add("ACTIVE");
        }

        Object last() {
            return calls.get(calls.size() - 1);
        }
    }

    private FlushingWatermarkGenerator<String> generator(long outOfOrdernessMillis, long flushTimeoutMillis) {
        return new FlushingWatermarkGenerator<>(
                Duration.ofMillis(outOfOrdernessMillis), Duration.ofMillis(flushTimeoutMillis), clock::get);
    }

    /** The watermark emitted at the current clock. */
    private long emit(FlushingWatermarkGenerator<String> generator) {
        int before = output.calls.size();
        generator.onPeriodicEmit(output);
        assertEquals(before + 1, output.calls.size(), "one call per periodic emit");
        Object last = output.last();
        assertTrue(last instanceof Long, "expected a watermark, got " + last);
        return (Long) last;
    }

    @Test
    void idleBeforeAnyEvent() {
        FlushingWatermarkGenerator<String> generator = generator(5_000, 30_000);

        generator.onPeriodicEmit(output);
        clock.addAndGet(3_600_000L);
        generator.onPeriodicEmit(output);

        assertEquals(List.of("IDLE", "IDLE"), output.calls);
    }

    @Test
    void watermarkTrailsTheLargestTimestampWhileEventsFlow() {
        FlushingWatermarkGenerator<String> generator = generator(5_000, 30_000);

        generator.onEvent("a", 10_000L, output);
        assertEquals(10_000L - 5_000 - 1, emit(generator));

        clock.addAndGet(200);
        generator.onEvent("b", 25_000L, output);
        assertEquals(25_000L - 5_000 - 1, emit(generator));

        clock.addAndGet(200);
        generator.onEvent("c", 18_000L, output); // out of order: does not pull the watermark back
        assertEquals(25_000L - 5_000 - 1, emit(generator));

        clock.addAndGet(29_999);
        assertEquals(25_000L - 5_000 - 1, emit(generator), "quiet, but not yet for the flush timeout");
    }

    @Test
    void afterTheFlushTimeoutTheWatermarkAdvancesByTheQuietTime() {
        FlushingWatermarkGenerator<String> generator = generator(5_000, 30_000);
        generator.onEvent("a", 100_000L, output);
        long base = 100_000L - 5_000 - 1;

        clock.set(WALL_START + 30_000);
        assertEquals(base + 30_000, emit(generator));
        clock.set(WALL_START + 45_000);
        assertEquals(base + 45_000, emit(generator));
        clock.set(WALL_START + 600_000);
        assertEquals(base + 600_000, emit(generator));
    }

    @Test
    void quietTimeCountsFromTheLatestEvent() {
        FlushingWatermarkGenerator<String> generator = generator(5_000, 30_000);
        generator.onEvent("a", 100_000L, output);
        clock.addAndGet(10_000);
        generator.onEvent("b", 101_000L, output);
        clock.addAndGet(29_999);
        assertEquals(101_000L - 5_001, emit(generator), "a new event restarts the quiet time");
        clock.addAndGet(1);
        assertEquals(101_000L - 5_001 + 30_000, emit(generator));
    }

    @Test
    void aLateEventHoldsTheFlushedWatermarkForTheFlushTimeoutThenItGoesOnFromWhereItWas() {
        FlushingWatermarkGenerator<String> generator = generator(5_000, 30_000);
        generator.onEvent("a", 100_000L, output);
        clock.addAndGet(40_000);
        long flushed = emit(generator);
        assertEquals(100_000L - 5_001 + 40_000, flushed);

        generator.onEvent("older than the watermark", 101_000L, output);
        clock.addAndGet(29_999);
        assertEquals(flushed, emit(generator), "held, not pulled back");
        clock.addAndGet(1);
        assertEquals(
                flushed + 30_000,
                emit(generator),
                "goes on from the flushed watermark, not from the late event's time (which would hold it 40 s more)");
    }

    @Test
    void timeTheTaskWasNotRunningIsNotQuiet() {
        FlushingWatermarkGenerator<String> generator = generator(5_000, 30_000);
        generator.onEvent("a", 100_000L, output);
        clock.addAndGet(10_000);
        assertEquals(100_000L - 5_001, emit(generator));

        clock.addAndGet(60_000);
        generator.notRunningFor(60_000);
        assertEquals(100_000L - 5_001, emit(generator), "10 s of quiet, not 70 s: no flush yet");
        clock.addAndGet(20_000);
        assertEquals(100_000L - 5_001 + 30_000, emit(generator));
    }

    @Test
    void eventsNeverMakeItIdleAgain() {
        FlushingWatermarkGenerator<String> generator = generator(0, 1_000);
        generator.onPeriodicEmit(output);
        generator.onEvent("a", 5_000L, output);
        generator.onPeriodicEmit(output);
        clock.addAndGet(10_000_000L);
        generator.onPeriodicEmit(output);

        assertEquals(List.of("IDLE", 4_999L, 4_999L + 10_000_000L), output.calls);
    }

    /**
     * A window [start, end) closes when the watermark reaches end - 1. Its last event at {@code last} must close
     * it after (end - last) + out-of-orderness of quiet, or after the flush timeout when that is longer.
     */
    @ParameterizedTest(name = "window [{0}, {1}), last event {2}, out-of-orderness {3}, flush {4}: closes after {5} ms")
    @CsvSource({
        // (end - last) + ooo >= flush: closes after exactly (end - last) + ooo
        "0, 60000, 50000, 5000, 10000, 15000",
        "0, 60000, 1000, 5000, 30000, 64000",
        "120000, 180000, 120000, 0, 1000, 60000",
        // (end - last) + ooo < flush: never before the flush timeout
        "0, 60000, 59000, 5000, 30000, 30000",
        "0, 60000, 59999, 0, 1000, 1000"
    })
    void windowClosesWithinItsRemainderPlusOutOfOrdernessButNeverBeforeTheFlushTimeout(
            long start, long end, long last, long outOfOrderness, long flush, long expectedQuiet) {
        FlushingWatermarkGenerator<String> generator = generator(outOfOrderness, flush);
        generator.onEvent("first", start, output);
        clock.addAndGet(100);
        generator.onEvent("last", last, output);
        long lastEventWall = clock.get();

        long closedAfter = -1;
        for (long quiet = 0; quiet <= 10 * (end - start + outOfOrderness + flush); quiet++) {
            clock.set(lastEventWall + quiet);
            if (emit(generator) >= end - 1) {
                closedAfter = quiet;
                break;
            }
        }

        assertEquals(expectedQuiet, closedAfter);
        assertTrue(closedAfter >= flush, "closed before the flush timeout");
        assertTrue(closedAfter <= Math.max(flush, (end - last) + outOfOrderness));
    }
}
