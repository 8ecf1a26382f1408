package io.chimera.telemetry.aggregate;

import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A sum of doubles kept without rounding: Shewchuk's non-overlapping expansion, as Python's {@code math.fsum}
 * keeps it, rounded once when read. The value read is the exact sum correctly rounded, so it is the same bits
 * whatever the order of the additions and merges: a window's statistics do not depend on which files were
 * combined first, in which task, or in which run. Usually one to three parts.
 *
 * <p>Infinite and NaN values are summed apart (their sum does not depend on order either) and, once there is
 * one, are the value. A finite sum past the largest double becomes infinite in the same way.
 */
final class ExactSum {

    private double[] parts = new double[2];
    private int size;
    private double nonFinite;
    private boolean hasNonFinite;

    void add(double value) {
        if (!Double.isFinite(value)) {
            addNonFinite(value);
            return;
        }
        double x = value;
        int kept = 0;
        for (int j = 0; j < size; j++) {
            double y = parts[j];
            if (Math.abs(x) < Math.abs(y)) {
                double swap = x;
                x = y;
                y = swap;
            }
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0) {
                parts[kept++] = lo;
            }
            x = hi;
        }
        if (!Double.isFinite(x)) {
            size = kept;
            addNonFinite(x);
            return;
        }
        if (kept == parts.length) {
            parts = Arrays.copyOf(parts, parts.length * 2);
        }
        parts[kept++] = x;
        size = kept;
    }

    /** Adds {@code a × b} exactly: the rounded product and its rounding error (by a fused multiply-add). */
    void addProduct(double a, double b) {
        double product = a * b;
        add(product);
        if (Double.isFinite(product)) {
            add(Math.fma(a, b, -product));
        }
    }

    void addAll(ExactSum other) {
        for (int i = 0; i < other.size; i++) {
            add(other.parts[i]);
        }
        if (other.hasNonFinite) {
            addNonFinite(other.nonFinite);
        }
    }

    /** Adds {@code factor ×} the other's exact value. */
    void addScaled(ExactSum other, double factor) {
        for (int i = 0; i < other.size; i++) {
            addProduct(other.parts[i], factor);
        }
        if (other.hasNonFinite) {
            addNonFinite(other.nonFinite * factor);
        }
    }

    private void addNonFinite(double value) {
        nonFinite = hasNonFinite ? nonFinite + value : value;
        hasNonFinite = true;
    }

    /** The exact sum, correctly rounded (half to even), as {@code math.fsum} rounds it. */
    double value() {
        if (hasNonFinite) {
            return nonFinite;
        }
        if (size == 0) {
            return 0.0;
        }
        int n = size - 1;
        double hi = parts[n];
        double lo = 0.0;
        while (n > 0) {
            double x = hi;
            double y = parts[--n];
            hi = x + y;
            double rounded = hi - x;
            lo = y - rounded;
            if (lo != 0.0) {
                break;
            }
        }
        // Half-way: what was dropped below lo decides the rounding of hi + lo.
        if (n > 0 && ((lo < 0.0 && parts[n - 1] < 0.0) || (lo > 0.0 && parts[n - 1] > 0.0))) {
            double y = lo * 2.0;
            double x = hi + y;
            double rounded = x - hi;
            if (y == rounded) {
                hi = x;
            }
        }
        return hi;
    }

    ExactSum copy() {
        ExactSum copy = new ExactSum();
        copy.parts = Arrays.copyOf(parts, Math.max(2, size));
        copy.size = size;
        copy.nonFinite = nonFinite;
        copy.hasNonFinite = hasNonFinite;
        return copy;
    }

    static ExactSum of(double value) {
        ExactSum sum = new ExactSum();
        sum.add(value);
        return sum;
    }

    void writeTo(DataOutputView target) throws IOException {
        target.writeInt(size);
        for (int i = 0; i < size; i++) {
            target.writeDouble(parts[i]);
        }
        target.writeBoolean(hasNonFinite);
        if (hasNonFinite) {
            target.writeDouble(nonFinite);
        }
    }

    static ExactSum readFrom(DataInputView source) throws IOException {
        ExactSum sum = new ExactSum();
        int size = source.readInt();
        if (size < 0 || size > 4096) {
            throw new IOException("an exact sum of " + size + " parts: not a series accumulator");
        }
        sum.parts = new double[Math.max(2, size)];
        for (int i = 0; i < size; i++) {
            sum.parts[i] = source.readDouble();
        }
        sum.size = size;
        sum.hasNonFinite = source.readBoolean();
        if (sum.hasNonFinite) {
            sum.nonFinite = source.readDouble();
        }
        return sum;
    }
}
