package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeriesAccumulatorTest {

    private static final double[] QUANTILES = {0.50, 0.90, 0.95, 0.99};

    /** Sorted: 1, 3, 4, 7, 8, 15, 16, 23, 42, 108. */
    private static final double[] TEN = {15, 3, 42, 8, 23, 4, 16, 108, 1, 7};

    private static SeriesAccumulator accumulate(double... values) {
        SeriesAccumulator accumulator = new SeriesAccumulator();
        for (int i = 0; i < values.length; i++) {
            accumulator.add(values[i], 1_000L + i, false);
        }
        return accumulator;
    }

    /** numpy's default ("linear") percentile, written independently of the production code. */
    private static double exactPercentile(double[] values, double quantile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = quantile * (sorted.length - 1);
        int below = (int) position;
        if (below + 1 >= sorted.length) {
            return sorted[sorted.length - 1];
        }
        double fraction = position - below;
        return sorted[below] * (1 - fraction) + sorted[below + 1] * fraction;
    }

    private static double[] logNormal(int n, long seed) {
        Random random = new Random(seed);
        return generate(n, () -> Math.exp(3.0 + 1.0 * random.nextGaussian()));
    }

    /** Three quarters fast (around 20), one quarter slow (around 400): cache hits and misses. */
    private static double[] bimodal(int n, long seed) {
        Random random = new Random(seed);
        return generate(
                n,
                () -> random.nextDouble() < 0.75
                        ? Math.exp(Math.log(20) + 0.3 * random.nextGaussian())
                        : Math.exp(Math.log(400) + 0.5 * random.nextGaussian()));
    }

    private static double[] generate(int n, DoubleSupplier supplier) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = supplier.getAsDouble();
        }
        return values;
    }

    private static int serializedSize(SeriesAccumulator accumulator) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        SeriesAccumulatorSerializer.INSTANCE.serialize(accumulator, out);
        return out.length();
    }

    private static void assertRelativelyClose(double expected, double actual, double tolerance, String what) {
        double error = Math.abs(actual - expected) / Math.abs(expected);
        assertTrue(
                error <= tolerance,
                what + ": expected " + expected + ", got " + actual + " (relative error " + error + " > " + tolerance
                        + ")");
    }

    @Test
    void exactPercentilesForFewValuesInterpolateLinearlyBetweenRanks() {
        SeriesAccumulator accumulator = accumulate(TEN);

        assertTrue(accumulator.hasExactValues());
        // rank = q * (n - 1); sorted 1, 3, 4, 7, 8, 15, 16, 23, 42, 108
        assertEquals(11.5, accumulator.percentile(0.50), 1e-12); // rank 4.5: 8 + 0.5 * (15 - 8)
        assertEquals(48.6, accumulator.percentile(0.90), 1e-12); // rank 8.1: 42 + 0.1 * (108 - 42)
        assertEquals(78.3, accumulator.percentile(0.95), 1e-12); // rank 8.55: 42 + 0.55 * 66
        assertEquals(102.06, accumulator.percentile(0.99), 1e-12); // rank 8.91: 42 + 0.91 * 66
        assertEquals(1.0, accumulator.percentile(0.0), 0.0);
        assertEquals(108.0, accumulator.percentile(1.0), 0.0);
    }

    @Test
    void momentsAndExtremesOfFewValues() {
        SeriesAccumulator accumulator = accumulate(TEN);

        assertEquals(10, accumulator.count());
        assertEquals(0, accumulator.failed());
        assertEquals(227.0, accumulator.sum(), 1e-12);
        assertEquals(22.7, accumulator.mean(), 1e-12);
        assertEquals(1.0, accumulator.min(), 0.0);
        assertEquals(108.0, accumulator.max(), 0.0);
        // sum of squares 14577, minus n * mean^2 = 5152.9, over n - 1 = 9
        assertEquals(Math.sqrt(9424.1 / 9), accumulator.stddev(), 1e-9);
        assertEquals(1_000L, accumulator.firstEventTime());
        assertEquals(1_009L, accumulator.lastEventTime());
    }

    @Test
    void oneValueHasZeroStddevAndIsEveryPercentile() {
        SeriesAccumulator accumulator = accumulate(42.5);

        assertEquals(1, accumulator.count());
        assertEquals(0.0, accumulator.stddev(), 0.0);
        for (double q : QUANTILES) {
            assertEquals(42.5, accumulator.percentile(q), 0.0);
        }
    }

    @Test
    void emptyAccumulatorReportsNoNumbers() {
        SeriesAccumulator accumulator = new SeriesAccumulator();

        assertEquals(0, accumulator.count());
        assertTrue(Double.isNaN(accumulator.mean()));
        assertTrue(Double.isNaN(accumulator.min()));
        assertTrue(Double.isNaN(accumulator.max()));
        assertTrue(Double.isNaN(accumulator.percentile(0.5)));
        assertEquals(0.0, accumulator.stddev(), 0.0);
    }

    @Test
    void failedValuesAreCountedButNeverInTheStatistics() {
        SeriesAccumulator accumulator = new SeriesAccumulator();
        accumulator.add(10, 1_000L, false);
        accumulator.add(1e9, 1_001L, true);
        accumulator.add(20, 1_002L, false);
        accumulator.add(-5e6, 1_003L, true);
        accumulator.add(30, 1_004L, false);

        assertEquals(3, accumulator.count());
        assertEquals(2, accumulator.failed());
        assertEquals(60.0, accumulator.sum(), 1e-12);
        assertEquals(20.0, accumulator.mean(), 1e-12);
        assertEquals(10.0, accumulator.min(), 0.0);
        assertEquals(30.0, accumulator.max(), 0.0);
        assertEquals(10.0, accumulator.stddev(), 1e-12); // deviations -10, 0, 10: sqrt(200 / 2)
        assertTrue(accumulator.hasExactValues());
        assertEquals(20.0, accumulator.percentile(0.5), 0.0);
        assertEquals(30.0, accumulator.percentile(1.0), 0.0);
    }

    @Test
    void onlyFailedValuesLeaveTheStatisticsEmpty() {
        SeriesAccumulator accumulator = new SeriesAccumulator();
        accumulator.add(7, 1_000L, true);
        accumulator.add(8, 1_001L, true);

        assertEquals(0, accumulator.count());
        assertEquals(2, accumulator.failed());
        assertTrue(Double.isNaN(accumulator.mean()));
        assertTrue(Double.isNaN(accumulator.percentile(0.5)));
    }

    @Test
    void exactValuesAreKeptUpToTheLimitAndDroppedBeyond() {
        SeriesAccumulator accumulator = new SeriesAccumulator();
        double[] values = logNormal(SeriesAccumulator.EXACT_LIMIT + 1, 7);
        for (int i = 0; i < SeriesAccumulator.EXACT_LIMIT; i++) {
            accumulator.add(values[i], i, false);
        }
        assertTrue(accumulator.hasExactValues());
        double[] first = Arrays.copyOf(values, SeriesAccumulator.EXACT_LIMIT);
        for (double q : QUANTILES) {
            assertEquals(exactPercentile(first, q), accumulator.percentile(q), 1e-9 * exactPercentile(first, q));
        }

        accumulator.add(values[SeriesAccumulator.EXACT_LIMIT], SeriesAccumulator.EXACT_LIMIT, false);

        assertFalse(accumulator.hasExactValues());
        assertEquals(SeriesAccumulator.EXACT_LIMIT + 1, accumulator.count());
    }

    @ParameterizedTest(name = "{0} values, {1}")
    @CsvSource({
        "10, log-normal", "1000, log-normal", "1000000, log-normal",
        "10, bimodal", "1000, bimodal", "1000000, bimodal"
    })
    void percentilesWithinOnePercentOfExactOnSkewedData(int n, String shape) {
        double[] values = shape.equals("bimodal") ? bimodal(n, 11) : logNormal(n, 13);

        SeriesAccumulator accumulator = accumulate(values);

        assertEquals(
                n <= SeriesAccumulator.EXACT_LIMIT,
                accumulator.hasExactValues(),
                "exact path expected only up to " + SeriesAccumulator.EXACT_LIMIT + " values");
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (double q : QUANTILES) {
            assertRelativelyClose(
                    exactPercentile(sorted, q),
                    accumulator.percentile(q),
                    0.01,
                    "p" + Math.round(q * 100) + " of " + n + " " + shape + " values");
        }
    }

    @ParameterizedTest(name = "{0} + {1} values")
    @CsvSource({"5, 5", "100, 100", "200, 100", "256, 1", "500, 500", "50000, 70000"})
    void mergeOfTwoPartsEqualsOneAccumulatorOverAllValues(int left, int right) {
        double[] values = logNormal(left + right, 17);
        SeriesAccumulator whole = accumulate(values);
        SeriesAccumulator first = accumulate(Arrays.copyOfRange(values, 0, left));
        SeriesAccumulator second = accumulate(Arrays.copyOfRange(values, left, values.length));

        SeriesAccumulator merged = first.merge(second);

        assertEquals(left + right, merged.count());
        assertRelativelyClose(whole.mean(), merged.mean(), 1e-9, "mean");
        assertRelativelyClose(whole.stddev(), merged.stddev(), 1e-9, "stddev");
        assertRelativelyClose(whole.sum(), merged.sum(), 1e-9, "sum");
        assertEquals(whole.min(), merged.min(), 0.0);
        assertEquals(whole.max(), merged.max(), 0.0);
        assertEquals(
                left + right <= SeriesAccumulator.EXACT_LIMIT,
                merged.hasExactValues(),
                "exact values kept exactly while the merged count fits in " + SeriesAccumulator.EXACT_LIMIT);
        for (double q : QUANTILES) {
            assertRelativelyClose(whole.percentile(q), merged.percentile(q), 0.01, "p" + Math.round(q * 100));
        }
    }

    @ParameterizedTest(name = "{0} values")
    @CsvSource({"100", "1000"})
    void anyGroupingAndOrderOfMergesGivesTheSameBits(int n) {
        double[] values = logNormal(n, 23);
        SeriesAccumulator whole = accumulate(values);
        java.util.Random random = new java.util.Random(5);
        for (int trial = 0; trial < 20; trial++) {
            java.util.List<Double> shuffled = new java.util.ArrayList<>();
            for (double value : values) {
                shuffled.add(value);
            }
            java.util.Collections.shuffle(shuffled, random);
            java.util.List<SeriesAccumulator> parts = new java.util.ArrayList<>();
            int from = 0;
            while (from < n) {
                int to = Math.min(n, from + 1 + random.nextInt(n / 4));
                parts.add(accumulate(shuffled.subList(from, to).stream()
                        .mapToDouble(Double::doubleValue)
                        .toArray()));
                from = to;
            }
            java.util.Collections.shuffle(parts, random);
            SeriesAccumulator merged = new SeriesAccumulator();
            parts.forEach(merged::merge);

            String where = "trial " + trial + ", " + parts.size() + " parts";
            assertEquals(bits(whole.sum()), bits(merged.sum()), where + ": sum");
            assertEquals(bits(whole.mean()), bits(merged.mean()), where + ": mean");
            assertEquals(bits(whole.stddev()), bits(merged.stddev()), where + ": stddev");
            for (double q : QUANTILES) {
                assertEquals(bits(whole.percentile(q)), bits(merged.percentile(q)), where + ": p" + q);
            }
        }
    }

    private static long bits(double value) {
        return Double.doubleToRawLongBits(value);
    }

    @Test
    void stddevStaysAccurateWhenTheMeanDwarfsTheSpread() {
        // Timestamps-like values: a mean of 1e12 and a spread of about 1; the squares are 1e24.
        double[] values = new double[1000];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < values.length; i++) {
            values[i] = 1e12 + random.nextGaussian();
        }
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        for (double value : values) {
            sum = sum.add(new java.math.BigDecimal(value));
        }
        java.math.MathContext context = new java.math.MathContext(40);
        java.math.BigDecimal mean = sum.divide(java.math.BigDecimal.valueOf(values.length), context);
        java.math.BigDecimal squares = java.math.BigDecimal.ZERO;
        for (double value : values) {
            java.math.BigDecimal deviation = new java.math.BigDecimal(value).subtract(mean);
            squares = squares.add(deviation.multiply(deviation));
        }
        double expected = Math.sqrt(squares.divide(java.math.BigDecimal.valueOf(values.length - 1), context)
                .doubleValue());

        assertRelativelyClose(expected, accumulate(values).stddev(), 1e-9, "stddev around 1e12");
    }

    @Test
    void mergeWithinTheExactLimitGivesExactPercentilesOfAllValues() {
        double[] values = bimodal(200, 19);
        SeriesAccumulator merged =
                accumulate(Arrays.copyOfRange(values, 0, 120)).merge(accumulate(Arrays.copyOfRange(values, 120, 200)));

        assertTrue(merged.hasExactValues());
        for (double q : QUANTILES) {
            double expected = exactPercentile(values, q);
            assertEquals(expected, merged.percentile(q), 1e-12 * expected);
        }
    }

    @Test
    void mergeAcrossTheExactLimitStaysWithinOnePercentOfExact() {
        double[] values = logNormal(1_000, 23);
        SeriesAccumulator merged = accumulate(Arrays.copyOfRange(values, 0, 200))
                .merge(accumulate(Arrays.copyOfRange(values, 200, 1_000)));

        assertFalse(merged.hasExactValues());
        for (double q : QUANTILES) {
            assertRelativelyClose(exactPercentile(values, q), merged.percentile(q), 0.01, "p" + Math.round(q * 100));
        }
    }

    @Test
    void mergeAddsFailedCountsAndWidensEventTimes() {
        SeriesAccumulator a = new SeriesAccumulator();
        a.add(1, 5_000L, false);
        a.add(2, 6_000L, true);
        SeriesAccumulator b = new SeriesAccumulator();
        b.add(3, 2_000L, true);
        b.add(4, 9_000L, true);

        a.merge(b);

        assertEquals(1, a.count());
        assertEquals(3, a.failed());
        assertEquals(1.0, a.mean(), 0.0);
        assertEquals(2_000L, a.firstEventTime());
        assertEquals(9_000L, a.lastEventTime());
    }

    @Test
    void mergeIntoAnEmptyAccumulatorTakesTheOtherAsItIs() {
        SeriesAccumulator merged = new SeriesAccumulator().merge(accumulate(TEN));

        assertEquals(10, merged.count());
        assertEquals(22.7, merged.mean(), 1e-12);
        assertEquals(Math.sqrt(9424.1 / 9), merged.stddev(), 1e-9);
        assertTrue(merged.hasExactValues());
        assertEquals(11.5, merged.percentile(0.5), 1e-12);
    }

    @Test
    void serializedStateStaysConstantSizeWhateverTheCount() throws Exception {
        double[] values = logNormal(1_000_000, 29);
        SeriesAccumulator accumulator = new SeriesAccumulator();
        int after100k = 0;
        for (int i = 0; i < values.length; i++) {
            accumulator.add(values[i], i, false);
            if (i + 1 == 100_000) {
                after100k = serializedSize(accumulator);
            }
        }
        int after1m = serializedSize(accumulator);

        assertTrue(after1m < 40 * 1024, "state after 1,000,000 values is " + after1m + " bytes");
        assertTrue(
                after1m <= after100k * 1.5,
                "state grew from " + after100k + " bytes (100,000 values) to " + after1m + " bytes (1,000,000)");
    }
}
