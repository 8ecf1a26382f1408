package io.chimera.telemetry.records;

/** One window of a series' {@link Baseline}: its mean and the verdict last given on it. */
public class BaselineWindow {

    /** Epoch milliseconds. */
    public long windowStart;
    public double mean;
    /** The kind of the last alert emitted on this window, or null when none was (or it was withdrawn). */
    public String alertKind;
    /** Alerts emitted on this window so far: the next one's revision. */
    public int alerts;

    public BaselineWindow() {}

    public BaselineWindow(long windowStart, double mean) {
        this.windowStart = windowStart;
        this.mean = mean;
    }
}
