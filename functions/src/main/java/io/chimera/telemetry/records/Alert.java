package io.chimera.telemetry.records;

import java.util.Map;
import java.util.TreeMap;

/** A series whose window mean moved past both the relative and the statistical threshold of its baseline. */
public class Alert {

    public static final String REGRESSION = "regression";
    public static final String IMPROVEMENT = "improvement";

    public String suite;
    public Map<String, String> series = new TreeMap<>();
    public String metric;
    public String unit;
    public String windowStart;
    public String windowEnd;
    /** {@link #REGRESSION} or {@link #IMPROVEMENT}. */
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
