package io.chimera.telemetry.records;

/** One window of a series' {@link Baseline}: its mean and median. */
public class BaselineWindow {

    /** Epoch milliseconds. */
    public long windowStart;

    public double mean;
    /** NaN where unknown (a window kept before medians were). */
    public double median = Double.NaN;
    /**
     * The start of the level the window belongs to: the window of the change that began it, or the series'
     * first (0 for windows kept before levels were).
     */
    public long levelStart;

    public BaselineWindow() {}

    public BaselineWindow(long windowStart, double mean) {
        this.windowStart = windowStart;
        this.mean = mean;
    }
}
