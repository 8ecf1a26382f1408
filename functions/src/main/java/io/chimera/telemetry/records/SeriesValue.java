package io.chimera.telemetry.records;

import org.apache.flink.api.java.tuple.Tuple2;

/**
 * One value on its way into the series window: what the window needs of a {@link MetricEvent} and no more. The
 * BATCH-mode sort copies every record into and out of its buffers, and an event's dimension map (prompt texts
 * included) was most of those bytes; the series' name is computed once, in the parsing task, for both the key
 * and the window's accumulator ({@code SeriesIdentity.value} builds it).
 *
 * <p>A Flink POJO: public no-arg constructor and public fields.
 */
public class SeriesValue {

    /** The 128-bit hash of {@link #series}: the window's key. */
    public long keyHigh;
    public long keyLow;
    /** The series' canonical key string (SeriesIdentity.keyString of the event). */
    public String series;
    public String suite;
    public String sourcePath;
    public double value;
    public long eventTime;
    public boolean failed;

    public SeriesValue() {}

    public Tuple2<Long, Long> key() {
        return Tuple2.of(keyHigh, keyLow);
    }
}
