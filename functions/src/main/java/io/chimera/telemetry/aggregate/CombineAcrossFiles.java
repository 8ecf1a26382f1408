package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.records.SeriesPartial;
import org.apache.flink.api.java.tuple.Tuple3;

/**
 * A bounded run's partials of many files merged per series and window in the source task (see
 * {@link CombineInSourceTask}). The result does not depend on which files were merged together: a
 * {@link SeriesAccumulator}'s numbers are the same bits in any grouping and order.
 */
public final class CombineAcrossFiles
        extends CombineInSourceTask<SeriesPartial, Tuple3<Long, Long, Long>, SeriesPartial, SeriesPartial> {

    private static final long serialVersionUID = 1L;

    public CombineAcrossFiles(int maxHeld) {
        super(maxHeld);
    }

    @Override
    Tuple3<Long, Long, Long> keyOf(SeriesPartial partial) {
        return partial.key();
    }

    @Override
    SeriesPartial first(SeriesPartial partial) {
        partial.sourcePath = null;
        return partial;
    }

    @Override
    void add(SeriesPartial combined, SeriesPartial partial) {
        combined.values.merge(partial.values);
        combined.arrivalWatermark = Math.max(combined.arrivalWatermark, partial.arrivalWatermark);
    }

    @Override
    SeriesPartial result(Tuple3<Long, Long, Long> key, SeriesPartial combined) {
        return combined;
    }
}
