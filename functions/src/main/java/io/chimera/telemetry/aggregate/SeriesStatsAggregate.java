package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.records.SeriesValue;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Folds a window's values of one series into a constant-size {@link SeriesAccumulator}, one event at a time. */
public final class SeriesStatsAggregate implements AggregateFunction<SeriesValue, SeriesAccumulator, SeriesAccumulator> {

    @Override
    public SeriesAccumulator createAccumulator() {
        return new SeriesAccumulator();
    }

    @Override
    public SeriesAccumulator add(SeriesValue value, SeriesAccumulator accumulator) {
        if (accumulator.series() == null) {
            accumulator.nameSeries(value.series);
        }
        accumulator.add(value.value, value.eventTime, value.failed);
        return accumulator;
    }

    @Override
    public SeriesAccumulator getResult(SeriesAccumulator accumulator) {
        return accumulator;
    }

    @Override
    public SeriesAccumulator merge(SeriesAccumulator a, SeriesAccumulator b) {
        return a.merge(b);
    }
}
