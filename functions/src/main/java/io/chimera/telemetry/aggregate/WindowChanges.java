package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.parse.Timestamps;
import io.chimera.telemetry.records.Baseline;
import io.chimera.telemetry.records.BaselineWindow;
import io.chimera.telemetry.records.SeriesChange;
import io.chimera.telemetry.records.SeriesKey;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.WindowSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Adds to each suite summary how every series' mean moved since that series' previous window, largest move
 * first. Keeps each series' last {@value #KEPT_WINDOWS} window means, so that a revision of a window (or a window
 * that first arrives late) is compared with the window before it, not with itself or a later one. Series quiet for
 * longer than the retention are forgotten (state TTL).
 */
public final class WindowChanges extends KeyedProcessFunction<String, WindowSummary, WindowSummary> {

    static final int KEPT_WINDOWS = 8;

    private final Duration retention;
    private transient MapState<String, Baseline> recent;

    public WindowChanges(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, Baseline> descriptor =
                new MapStateDescriptor<>("recent-means", Types.STRING, TypeInformation.of(Baseline.class));
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(retention)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        recent = getRuntimeContext().getMapState(descriptor);
    }

    @Override
    public void processElement(WindowSummary summary, Context context, Collector<WindowSummary> out) throws Exception {
        summary.changes.clear();
        long windowStart = Instant.parse(summary.windowStart).toEpochMilli();
        for (SeriesStats stats : summary.series) {
            if (stats.count == 0 || !Double.isFinite(stats.mean)) {
                continue;
            }
            String key = SeriesIdentity.encode(new SeriesKey(stats.suite, stats.series, stats.metric, stats.unit));
            Baseline means = recent.get(key);
            if (means == null) {
                means = new Baseline();
            }
            BaselineWindow before = means.previous(windowStart);
            if (before != null && before.mean != 0.0) {
                SeriesChange change = new SeriesChange();
                change.series = new TreeMap<>(stats.series);
                change.metric = stats.metric;
                change.unit = stats.unit;
                change.previousWindowStart = Timestamps.iso(before.windowStart);
                change.previousMean = before.mean;
                change.mean = stats.mean;
                change.changePercent = (stats.mean - before.mean) / Math.abs(before.mean) * 100.0;
                summary.changes.add(change);
            }
            means.put(windowStart, stats.mean, KEPT_WINDOWS);
            recent.put(key, means);
        }
        summary.changes.sort(Comparator.comparingDouble((SeriesChange c) -> -Math.abs(c.changePercent)));
        out.collect(summary);
    }
}
