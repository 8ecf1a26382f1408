package io.chimera.telemetry.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Nearest rank, worked by hand: the p-th percentile of n values is the ceil(p/100 · n)-th smallest. */
class PercentilesTest {

    @Test
    void oneToAHundredInAnyOrder() {
        List<Long> values =
                new ArrayList<>(LongStream.rangeClosed(1, 100).boxed().toList());
        Collections.shuffle(values, new java.util.Random(3));

        assertEquals(new Percentiles(100, 50, 99, 100), Percentiles.of(values));
    }

    @Test
    void fewValuesTakeTheRankAboveNotAnInterpolation() {
        // n = 10: p50 is the 5th smallest, p99 the ceil(9.9) = 10th.
        List<Long> values = List.of(900L, 100L, 800L, 200L, 700L, 300L, 600L, 400L, 500L, 10_000L);

        assertEquals(new Percentiles(10, 500, 10_000, 10_000), Percentiles.of(values));
    }

    @Test
    void oneValueIsEveryPercentile() {
        assertEquals(new Percentiles(1, 42, 42, 42), Percentiles.of(List.of(42L)));
    }

    @Test
    void nothingMeasuredPrintsDashes() {
        Percentiles none = Percentiles.of(List.of());

        assertEquals(0, none.count());
        assertEquals("| x | 0 | - | - | - |", none.row("x"));
    }

    @Test
    void rowsAreInSeconds() {
        assertEquals(
                "| x | 2 | 1.50 | 2.25 | 2.25 |",
                Percentiles.of(List.of(2250L, 1500L)).row("x"));
    }
}
