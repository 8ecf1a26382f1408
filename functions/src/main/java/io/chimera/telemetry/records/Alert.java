package io.chimera.telemetry.records;

import java.util.Map;
import java.util.TreeMap;

/**
 * A series whose window mean moved past both the relative and the statistical threshold of its baseline. When a
 * revision of the window changes the verdict, the alert is emitted again with the next revision; a verdict that
 * no longer holds is emitted as {@link #WITHDRAWN}.
 */
public class Alert {

    public static final String REGRESSION = "regression";
    public static final String IMPROVEMENT = "improvement";
    /** A revision of the window took back an earlier alert on it. */
    public static final String WITHDRAWN = "withdrawn";

    public String suite;
    public Map<String, String> series = new TreeMap<>();
    public String metric;
    public String unit;
    public String windowStart;
    public String windowEnd;
    /** 0 for the first verdict on the window; one more each time a revision of the window changed it. */
    public int revision;
    /** {@link #REGRESSION}, {@link #IMPROVEMENT} or {@link #WITHDRAWN}. */
    public String kind;
    /** {@code higher_is_better} or {@code lower_is_better}. */
    public String direction;

    public double mean;
    public double baselineMean;
    public double baselineStddev;
    /** Windows in the baseline the mean was compared with. */
    public int baselineWindows;

    public double changePercent;
    /** (mean − baseline mean) / (baseline stddev × √(1 + 1/n)); ±Infinity when the baseline never varied. */
    public double zScore;

    public double relativeThresholdPercent;
    public double zThreshold;

    public Alert() {}
}
