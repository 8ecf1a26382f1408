package io.chimera.telemetry.records;

import java.util.Map;
import java.util.TreeMap;

/** How a series moved since its previous window: the narrator's "what changed". */
public class SeriesChange {

    public Map<String, String> series = new TreeMap<>();
    public String metric;
    public String unit;
    public String previousWindowStart;
    public double previousMean;
    public double mean;
    /** (mean − previous) / |previous| × 100; NaN-free: a zero previous mean gives no change record. */
    public double changePercent;

    public SeriesChange() {}
}
