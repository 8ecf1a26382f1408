package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ExactSumTest {

    /** The exact sum by BigDecimal, rounded once to the nearest double. */
    private static double exactlyRounded(List<Double> values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double value : values) {
            sum = sum.add(new BigDecimal(value));
        }
        return sum.round(MathContext.UNLIMITED).doubleValue();
    }

    private static double sumOf(List<Double> values) {
        ExactSum sum = new ExactSum();
        values.forEach(sum::add);
        return sum.value();
    }

    /** Magnitudes from 1e-20 to 1e20 and both signs: a naive sum loses most of the small ones. */
    private static List<Double> wideValues(long seed, int n) {
        Random random = new Random(seed);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add((random.nextBoolean() ? 1 : -1) * Math.pow(10, random.nextInt(41) - 20) * random.nextDouble());
        }
        return values;
    }

    @Test
    void theSumIsTheExactSumCorrectlyRounded() {
        for (long seed = 1; seed <= 50; seed++) {
            List<Double> values = wideValues(seed, 200);
            assertEquals(exactlyRounded(values), sumOf(values), "seed " + seed);
        }
        // Where a naive sum is wrong: 1 + 1e100 − 1e100 is 1, not 0.
        assertEquals(1.0, sumOf(List.of(1.0, 1e100, -1e100)));
        assertEquals(0.30000000000000004, sumOf(List.of(0.1, 0.2)), "one rounding, as 0.1 + 0.2 has");
    }

    @Test
    void theSameBitsInAnyOrderOfAdditionsAndMerges() {
        List<Double> values = wideValues(7, 300);
        double expected = sumOf(values);
        Random random = new Random(11);
        for (int trial = 0; trial < 30; trial++) {
            List<Double> shuffled = new ArrayList<>(values);
            Collections.shuffle(shuffled, random);
            // Split into parts of random sizes, summed apart and merged in a random order.
            List<ExactSum> parts = new ArrayList<>();
            int from = 0;
            while (from < shuffled.size()) {
                int to = Math.min(shuffled.size(), from + 1 + random.nextInt(40));
                ExactSum part = new ExactSum();
                shuffled.subList(from, to).forEach(part::add);
                parts.add(part);
                from = to;
            }
            Collections.shuffle(parts, random);
            ExactSum merged = new ExactSum();
            parts.forEach(merged::addAll);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(merged.value()));
        }
    }

    @Test
    void halfwayCasesRoundToEvenAsTheExactSumSays() {
        // 1 + 2^-53 is exactly half-way between 1 and the next double: ties to even (1); a tiny extra decides up.
        double half = Math.ulp(1.0) / 2;
        assertEquals(1.0, sumOf(List.of(1.0, half)));
        assertEquals(Math.nextUp(1.0), sumOf(List.of(1.0, half, 1e-300)));
        assertEquals(1.0, sumOf(List.of(1.0, half, -1e-300)));
    }

    @Test
    void productsAreAddedWithTheirRoundingError() {
        double x = 1.0 + Math.ulp(1.0);
        ExactSum sum = new ExactSum();
        sum.addProduct(x, x);
        sum.add(-(1.0 + 2 * Math.ulp(1.0)));
        // x² = 1 + 2u + u², so what is left is u² exactly, which x*x alone rounds away.
        assertEquals(Math.ulp(1.0) * Math.ulp(1.0), sum.value());
    }

    @Test
    void infiniteAndNanValuesAreTheSumOnceThere() {
        assertEquals(Double.POSITIVE_INFINITY, sumOf(List.of(1.0, Double.POSITIVE_INFINITY, 2.0)));
        assertTrue(Double.isNaN(sumOf(List.of(Double.POSITIVE_INFINITY, 1.0, Double.NEGATIVE_INFINITY))));
        assertTrue(Double.isNaN(sumOf(List.of(Double.NaN, 1.0))));
        assertEquals(Double.POSITIVE_INFINITY, sumOf(List.of(Double.MAX_VALUE, Double.MAX_VALUE)), "overflow");
        assertEquals(0.0, sumOf(List.of()));
    }

    @Test
    void aSerializedSumReadsBackToTheSameValue() throws Exception {
        ExactSum sum = new ExactSum();
        wideValues(3, 100).forEach(sum::add);
        sum.add(Double.NEGATIVE_INFINITY);
        ExactSum finite = new ExactSum();
        wideValues(4, 100).forEach(finite::add);
        for (ExactSum original : List.of(sum, finite, new ExactSum())) {
            DataOutputSerializer out = new DataOutputSerializer(64);
            original.writeTo(out);
            DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
            ExactSum back = ExactSum.readFrom(in);
            assertEquals(0, in.available());
            assertEquals(Double.doubleToRawLongBits(original.value()), Double.doubleToRawLongBits(back.value()));
            ExactSum more = back.copy();
            more.add(1.0);
            original.add(1.0);
            assertEquals(original.value(), more.value(), "the parts, not only the value, come back");
        }
    }
}
