package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.parse.Timestamps;
import io.chimera.telemetry.records.SeriesKey;
import io.chimera.telemetry.records.SeriesStats;
import java.util.TreeMap;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Names the finished accumulator with its series (which it carries: the key is only a hash) and window. */
public final class SeriesStatsWindowFunction
        extends ProcessWindowFunction<SeriesAccumulator, SeriesStats, Tuple2<Long, Long>, TimeWindow> {

    @Override
    public void process(Tuple2<Long, Long> key, Context context, Iterable<SeriesAccumulator> results,
            Collector<SeriesStats> out) {
        for (SeriesAccumulator accumulator : results) {
            out.collect(toStats(SeriesIdentity.decode(accumulator.series()), context.window(), accumulator));
        }
    }

    static SeriesStats toStats(SeriesKey key, TimeWindow window, SeriesAccumulator accumulator) {
        SeriesStats stats = new SeriesStats();
        stats.suite = key.suite;
        stats.series = new TreeMap<>(key.series);
        stats.metric = key.metric;
        stats.unit = key.unit.isEmpty() ? null : key.unit;
        stats.windowStart = Timestamps.iso(window.getStart());
        stats.windowEnd = Timestamps.iso(window.getEnd());
        stats.count = accumulator.count();
        stats.failed = accumulator.failed();
        stats.sum = accumulator.sum();
        stats.mean = accumulator.mean();
        stats.min = accumulator.min();
        stats.max = accumulator.max();
        stats.stddev = accumulator.stddev();
        stats.p50 = accumulator.percentile(0.50);
        stats.p90 = accumulator.percentile(0.90);
        stats.p95 = accumulator.percentile(0.95);
        stats.p99 = accumulator.percentile(0.99);
        stats.exactPercentiles = accumulator.hasExactValues();
        stats.firstEventTime = Timestamps.iso(accumulator.firstEventTime());
        stats.lastEventTime = Timestamps.iso(accumulator.lastEventTime());
        return stats;
    }
}
