package io.chimera.telemetry.records;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a person would chart over time: suite, the dimensions that name a model, benchmark, backend or
 * configuration, the metric, and its unit (values in different units are never mixed).
 */
public class SeriesKey {

    public String suite;
    /** Sorted, so equal series have equal keys whatever order the artifact had. */
    public Map<String, String> series = new TreeMap<>();

    public String metric;
    /** Empty when the artifact states no unit. */
    public String unit = "";

    public SeriesKey() {}

    public SeriesKey(String suite, Map<String, String> series, String metric, String unit) {
        this.suite = suite;
        this.series = new TreeMap<>(series);
        this.metric = metric;
        this.unit = unit == null ? "" : unit;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SeriesKey other)) {
            return false;
        }
        return Objects.equals(suite, other.suite)
                && Objects.equals(series, other.series)
                && Objects.equals(metric, other.metric)
                && Objects.equals(unit, other.unit);
    }

    /** Built from String hash codes only, so it is the same in every JVM (Flink partitions keys by it). */
    @Override
    public int hashCode() {
        return Objects.hash(suite, series, metric, unit);
    }

    @Override
    public String toString() {
        return suite + "/" + series + "/" + metric + (unit.isEmpty() ? "" : " [" + unit + "]");
    }
}
