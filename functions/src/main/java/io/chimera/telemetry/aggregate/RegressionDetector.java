package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.Baseline;
import io.chimera.telemetry.records.SeriesStats;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Judges each window of a series against its rolling baseline (the last N window means before it) and sends
 * regressions and improvements to the {@link #ALERTS} side output; the statistics pass through unchanged. A
 * revision of a window replaces that window's mean in the baseline (no window counts twice) and is judged again,
 * against the same baseline as before if newer windows have pushed it out: a verdict that changes goes out as the
 * alert's next revision, one that no longer holds as {@link Alert#WITHDRAWN}. State per series: at most N + 1 means,
 * and the verdicts of windows that had an alert; forgotten when the series stops reporting (TTL).
 */
public final class RegressionDetector extends KeyedProcessFunction<String, SeriesStats, SeriesStats> {

    public static final OutputTag<Alert> ALERTS = new OutputTag<>("alerts") {};

    private final RegressionSettings settings;

    private transient ValueState<Baseline> baseline;
    private transient MapState<Long, WindowVerdict> verdicts;
    private transient BaselineResets resets;
    private transient Counter regressions;
    private transient Counter improvements;

    public RegressionDetector(RegressionSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Baseline> descriptor = new ValueStateDescriptor<>("baseline", Baseline.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(settings.retention())
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        baseline = getRuntimeContext().getState(descriptor);
        MapStateDescriptor<Long, WindowVerdict> verdictDescriptor = new MapStateDescriptor<>("verdicts", Types.LONG,
                TypeInformation.of(WindowVerdict.class));
        verdictDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(settings.retention())
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        verdicts = getRuntimeContext().getMapState(verdictDescriptor);
        resets = new BaselineResets(settings.resetFile());
        var metrics = getRuntimeContext().getMetricGroup().addGroup("chimera");
        regressions = metrics.counter("regressions");
        improvements = metrics.counter("improvements");
    }

    @Override
    public void processElement(SeriesStats stats, Context context, Collector<SeriesStats> out) throws Exception {
        out.collect(stats);
        if (stats.count == 0 || !Double.isFinite(stats.mean)) {
            return;
        }
        Baseline history = baseline.value();
        if (history == null) {
            history = new Baseline();
        }
        long resetTime = resets.resetTime(stats.suite, stats.metric);
        forgetBefore(history, resetTime);
        long windowStart = Instant.parse(stats.windowStart).toEpochMilli();
        if (windowStart < resetTime) {
            // A window from before a reset neither is judged nor joins the baseline.
            return;
        }
        List<Double> before = history.meansBefore(windowStart);
        before = before.subList(Math.max(0, before.size() - settings.baselineWindows()), before.size());
        WindowVerdict verdict = verdicts.get(windowStart);
        // A revision of a window whose baseline newer windows have pushed out is judged against that same baseline.
        Alert alert = verdict != null && verdict.baselineWindows > before.size()
                ? judge(stats, verdict.baselineMean, verdict.baselineStddev, verdict.baselineWindows, settings)
                : judge(stats, before, settings);
        String previous = verdict == null ? null : verdict.kind;
        if (alert != null && (previous == null || stats.revision > 0)) {
            if (previous == null) {
                (Alert.REGRESSION.equals(alert.kind) ? regressions : improvements).inc();
            }
            verdict = verdict == null ? new WindowVerdict() : verdict;
            alert.revision = verdict.alerts++;
            verdict.kind = alert.kind;
            verdict.baselineMean = alert.baselineMean;
            verdict.baselineStddev = alert.baselineStddev;
            verdict.baselineWindows = alert.baselineWindows;
            verdicts.put(windowStart, verdict);
            context.output(ALERTS, alert);
        } else if (alert == null && previous != null) {
            context.output(ALERTS, withdrawn(stats, verdict.alerts++));
            verdict.kind = null;
            verdicts.put(windowStart, verdict);
        }
        history.put(windowStart, stats.mean, settings.baselineWindows() + 1);
        baseline.update(history);
    }

    private static void forgetBefore(Baseline history, long resetTime) {
        if (resetTime != Long.MIN_VALUE) {
            history.windows.removeIf(window -> window.windowStart < resetTime);
        }
    }

    private static Alert withdrawn(SeriesStats stats, int revision) {
        Alert alert = alertOn(stats, Alert.WITHDRAWN);
        alert.revision = revision;
        return alert;
    }

    /** An alert of this kind on the series' window, with its mean; the verdict's numbers are the caller's. */
    private static Alert alertOn(SeriesStats stats, String kind) {
        Alert alert = new Alert();
        alert.suite = stats.suite;
        alert.series = new TreeMap<>(stats.series);
        alert.metric = stats.metric;
        alert.unit = stats.unit;
        alert.windowStart = stats.windowStart;
        alert.windowEnd = stats.windowEnd;
        alert.kind = kind;
        alert.mean = stats.mean;
        return alert;
    }

    /** The verdict on one window against the baseline before it; null when nothing is to be said. */
    static Alert judge(SeriesStats stats, List<Double> baselineMeans, RegressionSettings settings) {
        int n = baselineMeans.size();
        if (n < Math.max(2, settings.minBaseline())) {
            return null;
        }
        double sum = 0;
        for (double mean : baselineMeans) {
            sum += mean;
        }
        double center = sum / n;
        double squares = 0;
        for (double mean : baselineMeans) {
            squares += (mean - center) * (mean - center);
        }
        return judge(stats, center, Math.sqrt(squares / (n - 1)), n, settings);
    }

    /** The verdict on one window against a baseline of {@code n} window means with this center and spread. */
    static Alert judge(SeriesStats stats, double center, double spread, int n, RegressionSettings settings) {
        if (n < settings.minBaseline() || center == 0.0) {
            return null;
        }
        RegressionSettings.Rule rule = settings.ruleFor(stats.metric);
        MetricDirection direction = rule.direction() != null
                ? rule.direction()
                : MetricDirection.of(stats.metric, stats.unit);
        if (direction == MetricDirection.UNKNOWN) {
            return null;
        }
        double difference = stats.mean - center;
        double relative = difference / Math.abs(center);
        // A prediction interval: the new mean's own noise is as large as one baseline window's.
        double z = spread > 0 ? difference / (spread * Math.sqrt(1.0 + 1.0 / n))
                : difference == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, difference);
        if (Math.abs(relative) < rule.relativeThreshold() || Math.abs(z) < rule.zThreshold()) {
            return null;
        }
        boolean worse = direction == MetricDirection.HIGHER_IS_BETTER ? difference < 0 : difference > 0;
        Alert alert = alertOn(stats, worse ? Alert.REGRESSION : Alert.IMPROVEMENT);
        alert.direction = direction.label();
        alert.baselineMean = center;
        alert.baselineStddev = spread;
        alert.baselineWindows = n;
        alert.changePercent = relative * 100.0;
        alert.zScore = z;
        alert.relativeThresholdPercent = rule.relativeThreshold() * 100.0;
        alert.zThreshold = rule.zThreshold();
        return alert;
    }
}
