package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.records.MetricEvent;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Folds a window's events of one series into a constant-size {@link SeriesAccumulator}, one event at a time. */
public final class SeriesStatsAggregate implements AggregateFunction<MetricEvent, SeriesAccumulator, SeriesAccumulator> {

    @Override
    public SeriesAccumulator createAccumulator() {
        return new SeriesAccumulator();
    }

    @Override
    public SeriesAccumulator add(MetricEvent event, SeriesAccumulator accumulator) {
        if (accumulator.series() == null) {
            accumulator.nameSeries(SeriesIdentity.keyString(event));
        }
        accumulator.add(event.value, event.eventTime, event.failed);
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
