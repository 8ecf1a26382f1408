package io.chimera.telemetry.records;

import java.util.Map;
import java.util.TreeMap;

/**
 * Statistics of one series over one window. Times are ISO-8601 instants. A window is emitted when it closes
 * (revision 0) and again, as revision 1, 2, …, whenever late values join it: the highest revision of a series'
 * window is the one that counts.
 */
public class SeriesStats {

    public String suite;
    public Map<String, String> series = new TreeMap<>();
    public String metric;
    public String unit;
    public String windowStart;
    public String windowEnd;
    /** 0 when the window closed; one more each time late values revised it. */
    public int revision;
    /** Values averaged: rows that did not fail. */
    public long count;
    /** Values of failed rows: counted here, never part of the statistics. */
    public long failed;

    public double sum;
    public double mean;
    public double min;
    public double max;
    /** Sample standard deviation (n − 1); 0 for a single value. */
    public double stddev;

    public double p50;
    public double p90;
    public double p95;
    public double p99;
    /** Whether the percentiles are exact (few values) or from the sketch (≤ 1 % relative error). */
    public boolean exactPercentiles;
    /** The rows' own times, whatever the time basis that placed them in this window. */
    public String firstEventTime;

    public String lastEventTime;

    public SeriesStats() {}

    @Override
    public String toString() {
        return "SeriesStats{" + suite + " " + series + " " + metric + " [" + windowStart + ", " + windowEnd + ") r"
                + revision + " count=" + count + " mean=" + mean + "}";
    }
}
