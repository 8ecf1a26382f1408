package io.chimera.telemetry.records;

import io.chimera.telemetry.aggregate.SeriesAccumulator;
import org.apache.flink.api.java.tuple.Tuple3;

/**
 * One file's values of one series in one window, already combined: what the series window merges. A file
 * sends one of these per series and window it touches instead of one record per value.
 *
 * <p>A Flink POJO: public no-arg constructor and public fields.
 */
public class SeriesPartial {

    /** The 128-bit hash of the series' key string (its name travels in {@link #values}). */
    public long keyHigh;

    public long keyLow;
    /** Epoch milliseconds. */
    public long windowStart;

    public String suite;
    /** The file the values came from; null for the values of many files combined in a bounded run. */
    public String sourcePath;

    public SeriesAccumulator values;
    /** See {@link FileLanded#arrivalWatermark}. */
    public long arrivalWatermark = Long.MIN_VALUE;

    public SeriesPartial() {}

    /** The series window's key: the series and the window. */
    public Tuple3<Long, Long, Long> key() {
        return Tuple3.of(keyHigh, keyLow, windowStart);
    }

    @Override
    public String toString() {
        return "SeriesPartial{" + (values == null ? null : values.series()) + " @" + windowStart + " from " + sourcePath
                + "}";
    }
}
