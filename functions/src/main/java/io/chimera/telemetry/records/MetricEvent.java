package io.chimera.telemetry.records;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One numeric observation read from a benchmark artifact.
 *
 * <p>A Flink POJO (public no-arg constructor, public fields of types Flink serializes natively) so that it never
 * falls back to Kryo; {@code MetricEventTypeTest} guards that.
 */
public class MetricEvent {

    /** First folder level under the watched root; the root's own name for files directly in it. */
    public String suite;
    /** Path of the artifact relative to the watched root, with '/' separators. */
    public String sourcePath;
    /** The recogniser that read the file ({@code jmh-json}, …), else the generic format ({@code csv}, …). */
    public String format;
    /** Non-metric fields of the row: names of models, benchmarks, configurations, parameters, free text. */
    public Map<String, String> dimensions;

    public String metric;
    public double value;
    /** As the artifact states it ({@code ms}, {@code tok/s}); null when the artifact does not say. */
    public String unit;
    /** Epoch milliseconds. */
    public long eventTime;
    /** Where {@link #eventTime} came from: the field's name, or {@code file-modified}. */
    public String eventTimeSource;
    /** The row reported an error: counted, never averaged. */
    public boolean failed;

    public String error;
    /**
     * Which row of its file it came from (the parser's 0-based count): a row's values share one time and so one
     * window, and a window's inventory counts the rows that gave it values.
     */
    public int row;

    public MetricEvent() {
        dimensions = new HashMap<>();
    }

    public MetricEvent(
            String suite,
            String sourcePath,
            String format,
            Map<String, String> dimensions,
            String metric,
            double value,
            String unit,
            long eventTime,
            String eventTimeSource,
            boolean failed,
            String error) {
        this.suite = suite;
        this.sourcePath = sourcePath;
        this.format = format;
        this.dimensions = dimensions;
        this.metric = metric;
        this.value = value;
        this.unit = unit;
        this.eventTime = eventTime;
        this.eventTimeSource = eventTimeSource;
        this.failed = failed;
        this.error = error;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MetricEvent other)) {
            return false;
        }
        return Double.compare(value, other.value) == 0
                && eventTime == other.eventTime
                && failed == other.failed
                && row == other.row
                && Objects.equals(suite, other.suite)
                && Objects.equals(sourcePath, other.sourcePath)
                && Objects.equals(format, other.format)
                && Objects.equals(dimensions, other.dimensions)
                && Objects.equals(metric, other.metric)
                && Objects.equals(unit, other.unit)
                && Objects.equals(eventTimeSource, other.eventTimeSource)
                && Objects.equals(error, other.error);
    }

    @Override
    public int hashCode() {
        return Objects.hash(suite, sourcePath, metric, value, eventTime);
    }

    @Override
    public String toString() {
        return "MetricEvent{" + sourcePath + " " + metric + "=" + value + (unit == null ? "" : " " + unit) + " "
                + dimensions + (failed ? " FAILED: " + error : "") + "}";
    }
}
