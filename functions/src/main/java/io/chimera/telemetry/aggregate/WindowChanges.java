package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.records.SeriesChange;
import io.chimera.telemetry.records.SeriesKey;
import io.chimera.telemetry.records.SeriesMean;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.WindowSummary;
import java.time.Duration;
import java.util.Comparator;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Adds to each suite summary how every series' mean moved since that series' previous window, largest move
 * first. Keeps one mean per series; series quiet for longer than the retention are forgotten (state TTL).
 */
public final class WindowChanges extends KeyedProcessFunction<String, WindowSummary, WindowSummary> {

    private final Duration retention;
    private transient MapState<String, SeriesMean> previous;

    public WindowChanges(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, SeriesMean> descriptor = new MapStateDescriptor<>(
                "previous-means", Types.STRING, TypeInformation.of(SeriesMean.class));
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(retention)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        previous = getRuntimeContext().getMapState(descriptor);
    }

    @Override
    public void processElement(WindowSummary summary, Context context, Collector<WindowSummary> out)
            throws Exception {
        summary.changes.clear();
        for (SeriesStats stats : summary.series) {
            if (stats.count == 0 || !Double.isFinite(stats.mean)) {
                continue;
            }
            String key = SeriesIdentity.encode(new SeriesKey(stats.suite, stats.series, stats.metric, stats.unit));
            SeriesMean before = previous.get(key);
            if (before != null && before.mean != 0.0 && !before.windowStart.equals(stats.windowStart)) {
                SeriesChange change = new SeriesChange();
                change.series = new TreeMap<>(stats.series);
                change.metric = stats.metric;
                change.unit = stats.unit;
                change.previousWindowStart = before.windowStart;
                change.previousMean = before.mean;
                change.mean = stats.mean;
                change.changePercent = (stats.mean - before.mean) / Math.abs(before.mean) * 100.0;
                summary.changes.add(change);
            }
            previous.put(key, new SeriesMean(stats.windowStart, stats.mean));
        }
        summary.changes.sort(Comparator.comparingDouble((SeriesChange c) -> -Math.abs(c.changePercent)));
        out.collect(summary);
    }
}
