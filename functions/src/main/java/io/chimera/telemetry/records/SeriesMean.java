package io.chimera.telemetry.records;

/** A series' mean in one window: what the next window is compared with. */
public class SeriesMean {

    public String windowStart;
    public double mean;

    public SeriesMean() {}

    public SeriesMean(String windowStart, double mean) {
        this.windowStart = windowStart;
        this.mean = mean;
    }
}
