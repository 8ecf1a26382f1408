package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.Baseline;
import io.chimera.telemetry.records.BaselineWindow;
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
 * Judges each window of a series against its baseline and sends regressions and improvements to the
 * {@link #ALERTS} side output; the statistics pass through unchanged. The baseline is the series' current level:
 * the means of its last N windows since its last change. A window whose mean moves past both thresholds, and whose
 * median moves past the relative one the same way, is a change: alerted once, and the level it starts is the
 * baseline of the windows after it (with the old level's spread until it has windows enough), so a step is one
 * alert and a step back, such as a fix, another. The median keeps a single outlying value from passing for a
 * change; the window's own spread keeps a noisier window from passing for one. A revision of a window replaces
 * that window's mean in the baseline (no window counts twice) and is judged again, against the same baseline as
 * before if newer windows have pushed it out: a verdict that changes goes out as the alert's next revision, one
 * that no longer holds as {@link Alert#WITHDRAWN}. State per series: at most N + 1 windows, and the verdicts of
 * windows that had an alert; forgotten when the series stops reporting (TTL).
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
        MapStateDescriptor<Long, WindowVerdict> verdictDescriptor =
                new MapStateDescriptor<>("verdicts", Types.LONG, TypeInformation.of(WindowVerdict.class));
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
        WindowVerdict verdict = verdicts.get(windowStart);
        Placement placement = place(stats, history.windowsBefore(windowStart), windowStart);
        Level level = placement.level();
        // A revision of a window whose baseline newer windows have pushed out is judged against that same baseline.
        if (verdict != null && verdict.baselineWindows > (level == null ? 0 : level.windows)) {
            level = new Level(
                    verdict.baselineMean, verdict.baselineStddev, verdict.baselineWindows, verdict.baselineMedian);
        }
        Alert alert = level == null ? null : judge(stats, level, settings);
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
            verdict.baselineMedian = level.median;
            verdicts.put(windowStart, verdict);
            context.output(ALERTS, alert);
        } else if (alert == null && previous != null) {
            context.output(ALERTS, withdrawn(stats, verdict.alerts++));
            verdict.kind = null;
            verdicts.put(windowStart, verdict);
        }
        BaselineWindow entry = history.put(windowStart, stats.mean, settings.baselineWindows() + 1);
        entry.median = stats.p50;
        // A change starts a level of its own; otherwise the window joins the level it was judged against.
        entry.levelStart = alert != null ? windowStart : placement.levelStart();
        baseline.update(history);
    }

    /**
     * The level a window is judged against, and the level it belongs to unless it is a change itself: the last N
     * windows of the level the window before it is in. A level that a change started has fewer windows than the
     * minimum at first: it is judged with the spread of the level before. The window right after a change, if
     * closer to the level before than to the change, says the change did not hold (one run's excursion): it is
     * judged against, and joins, the level before; once two windows hold the new level, a way back is a change.
     * The series' first windows, before it has the minimum, are not judged.
     */
    private Placement place(SeriesStats stats, List<BaselineWindow> before, long windowStart) throws Exception {
        if (before.isEmpty()) {
            return new Placement(null, windowStart);
        }
        long current = before.get(before.size() - 1).levelStart;
        List<BaselineWindow> level = windowsOf(before, current);
        if (level.size() >= Math.max(2, settings.minBaseline())) {
            return new Placement(Level.of(level, Double.NaN), current);
        }
        WindowVerdict change = verdicts.get(current);
        List<BaselineWindow> earlier = new java.util.ArrayList<>();
        for (BaselineWindow window : before) {
            if (window.windowStart < current) {
                earlier.add(window);
            }
        }
        if (change == null || change.kind == null || earlier.isEmpty()) {
            return new Placement(null, current);
        }
        long previous = earlier.get(earlier.size() - 1).levelStart;
        List<BaselineWindow> previousLevel = windowsOf(earlier, previous);
        Level fresh = Level.of(level, change.baselineStddev);
        if (level.size() == 1 && previousLevel.size() >= Math.max(2, settings.minBaseline())) {
            Level old = Level.of(previousLevel, Double.NaN);
            if (Math.abs(stats.mean - old.center()) < Math.abs(stats.mean - fresh.center())) {
                return new Placement(old, previous);
            }
        }
        return new Placement(fresh, current);
    }

    /** The last N of these windows that belong to the level starting then. */
    private List<BaselineWindow> windowsOf(List<BaselineWindow> windows, long levelStart) {
        List<BaselineWindow> level = new java.util.ArrayList<>();
        for (BaselineWindow window : windows) {
            if (window.levelStart == levelStart) {
                level.add(window);
            }
        }
        return level.subList(Math.max(0, level.size() - settings.baselineWindows()), level.size());
    }

    /** What a window is judged against (null: nothing yet), and the level it joins unless it is a change. */
    private record Placement(Level level, long levelStart) {}

    /**
     * A series' level: the mean and median of its window means and medians, the spread of the means, over how
     * many windows.
     */
    record Level(double center, double spread, int windows, double median) {

        /** @param spread the spread to use, or NaN for the windows' own */
        static Level of(List<BaselineWindow> windows, double spread) {
            int n = windows.size();
            double sum = 0;
            double medians = 0;
            boolean allMedians = true;
            for (BaselineWindow window : windows) {
                sum += window.mean;
                medians += window.median;
                allMedians &= Double.isFinite(window.median);
            }
            double center = sum / n;
            if (Double.isNaN(spread)) {
                double squares = 0;
                for (BaselineWindow window : windows) {
                    squares += (window.mean - center) * (window.mean - center);
                }
                spread = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
            }
            return new Level(center, spread, n, allMedians ? medians / n : Double.NaN);
        }
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

    /** The verdict on one window against a level; null when nothing is to be said. */
    static Alert judge(SeriesStats stats, Level level, RegressionSettings settings) {
        double center = level.center();
        double spread = level.spread();
        int n = level.windows();
        if (n < 1 || center == 0.0) {
            return null;
        }
        RegressionSettings.Rule rule = settings.ruleFor(stats.metric);
        MetricDirection direction =
                rule.direction() != null ? rule.direction() : MetricDirection.of(stats.metric, stats.unit);
        if (direction == MetricDirection.UNKNOWN) {
            return null;
        }
        double difference = stats.mean - center;
        double relative = difference / Math.abs(center);
        // A prediction interval: the new mean's own noise is as large as one baseline window's, or as its own
        // values' spread says where that is larger (a noisier window is no change of level).
        double own = stats.count > 1 && Double.isFinite(stats.stddev) ? stats.stddev * stats.stddev / stats.count : 0;
        double noise = Math.sqrt(spread * spread / n + Math.max(spread * spread, own));
        double z = noise > 0
                ? difference / noise
                : difference == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, difference);
        if (Math.abs(relative) < rule.relativeThreshold() || Math.abs(z) < rule.zThreshold()) {
            return null;
        }
        if (Double.isFinite(level.median()) && Double.isFinite(stats.p50) && level.median() != 0.0) {
            double medianMove = (stats.p50 - level.median()) / Math.abs(level.median());
            if (Math.abs(medianMove) < rule.relativeThreshold() || Math.signum(medianMove) != Math.signum(relative)) {
                // The mean moved, the median did not: one outlying value, not a change of level.
                return null;
            }
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
