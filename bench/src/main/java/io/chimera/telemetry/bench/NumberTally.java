package io.chimera.telemetry.bench;

/** How many numbers the raw loop found, and their sum so the JIT cannot drop the parsing. */
public final class NumberTally {

    private long count;
    private double sum;

    void add(double value) {
        count++;
        sum += value;
    }

    public long count() {
        return count;
    }

    public double sum() {
        return sum;
    }
}
