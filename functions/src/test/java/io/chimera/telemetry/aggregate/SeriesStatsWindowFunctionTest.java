package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.SeriesKey;
import io.chimera.telemetry.records.SeriesStats;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.junit.jupiter.api.Test;

class SeriesStatsWindowFunctionTest {

    private static final long START = Instant.parse("2025-09-30T10:00:00Z").toEpochMilli();
    private static final TimeWindow WINDOW = new TimeWindow(START, START + 3_600_000L);

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

        SeriesStats stats = SeriesStatsWindowFunction.toStats(KEY, WINDOW, accumulator);

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

        SeriesStats stats = SeriesStatsWindowFunction.toStats(
                new SeriesKey("s", Map.of("file", "run"), "score", null), WINDOW, accumulator);

        assertNull(stats.unit);
        assertEquals(Map.of("file", "run"), stats.series);
    }

    @Test
    void manyValuesAreMarkedAsSketchPercentiles() {
        SeriesAccumulator accumulator = new SeriesAccumulator();
        for (int i = 1; i <= 1_000; i++) {
            accumulator.add(i, START + i, false);
        }

        SeriesStats stats = SeriesStatsWindowFunction.toStats(KEY, WINDOW, accumulator);

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

        SeriesStats stats = SeriesStatsWindowFunction.toStats(
                SeriesIdentity.decode(SeriesIdentity.encode(KEY)), WINDOW, accumulator);

        assertEquals(KEY.series, stats.series);
        assertEquals("latency_ms", stats.metric);
        assertEquals("ms", stats.unit);
    }
}
