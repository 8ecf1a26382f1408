package io.chimera.telemetry.records;

/** One window of a series' {@link Baseline}: its mean. */
public class BaselineWindow {

    /** Epoch milliseconds. */
    public long windowStart;
    public double mean;

    public BaselineWindow() {}

    public BaselineWindow(long windowStart, double mean) {
        this.windowStart = windowStart;
        this.mean = mean;
    }
}
