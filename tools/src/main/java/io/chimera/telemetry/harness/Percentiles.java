package io.chimera.telemetry.harness;

import java.util.Collection;
import java.util.Locale;

/**
 * p50, p99 and max of a set of durations by the nearest-rank method: the p-th percentile is the smallest value
 * with at least p % of the values at or below it. No interpolation, so every figure printed is a latency that
 * was actually observed.
 *
 * @param count how many values
 * @param p50 median, milliseconds
 * @param p99 99th percentile, milliseconds
 * @param max largest, milliseconds
 */
public record Percentiles(int count, long p50, long p99, long max) {

    public static Percentiles of(Collection<Long> millis) {
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Percentiles(0, 0, 0, 0);
        }
        return new Percentiles(
                sorted.length, nearestRank(sorted, 50), nearestRank(sorted, 99), sorted[sorted.length - 1]);
    }

    /** Of values sorted ascending. */
    static long nearestRank(long[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** {@code | what | count | p50 | p99 | max |} in seconds, or dashes when nothing was measured. */
    public String row(String what) {
        if (count == 0) {
            return "| " + what + " | 0 | - | - | - |";
        }
        return String.format(
                Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f |", what, count, p50 / 1000.0, p99 / 1000.0, max / 1000.0);
    }
}
