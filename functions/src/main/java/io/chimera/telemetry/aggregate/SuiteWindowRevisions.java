package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.parse.Timestamps;
import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.records.InventoryPartial;
import io.chimera.telemetry.records.RevisionDelta;
import io.chimera.telemetry.records.SeriesKey;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.SummaryInput;
import io.chimera.telemetry.records.TooLate;
import io.chimera.telemetry.records.WindowSummary;
import java.util.Comparator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * One summary per suite and window (the key is both): the inventory of its files (an entry for each file that
 * gave it values, or landed in it without values) plus every series' statistics and alerts. It goes out when the
 * watermark closes the window (revision 0), and again, whole, as the next revision when late files, revised
 * statistics or changed verdicts reach it, saying what the revision added. The latest revision of each series and
 * alert replaces the one before. Each summary carries the {@link Findings} of its statistics. The window is kept
 * until the revision horizon has passed.
 */
public final class SuiteWindowRevisions extends KeyedProcessFunction<Tuple2<String, Long>, SummaryInput, WindowSummary>
        implements CheckpointedFunction {

    /** Files that reach this stage after their window's horizon (see {@link WatermarkMemory}). */
    public static final OutputTag<TooLate> TOO_LATE = new OutputTag<>("summary-too-late") {};

    /** Watermarks a summary waits at most for the values of its files. */
    static final int MAX_WAITS = 20;

    private final RevisionWindows windows;
    /** Whose directions rank a window's series in its findings. */
    private final RegressionSettings regression;

    private final WatermarkMemory watermarks = new WatermarkMemory();

    private transient MapState<String, SeriesStats> series;
    private transient MapState<String, Alert> alerts;
    private transient ListState<FileLanded> files;
    /** A bounded run's inventory entries of many files, added up in the source task. */
    private transient ListState<InventoryPartial> inventories;

    private transient ValueState<RevisionState> revision;
    private transient ValueState<RevisionDelta> added;
    /**
     * How many watermarks the pending summary has waited for values its files brought: a file reaches this stage
     * straight from the reader, its values through the series stage, which may take them as late and emit them at
     * a later watermark than this stage's (each stage times a window by its own watermark).
     */
    private transient ValueState<Integer> waits;

    private transient Counter windowsClosed;
    private transient Counter windowRevisions;

    public SuiteWindowRevisions(RevisionWindows windows) {
        this(windows, RegressionSettings.defaults());
    }

    public SuiteWindowRevisions(RevisionWindows windows, RegressionSettings regression) {
        this.windows = windows;
        this.regression = regression;
    }

    @Override
    public void open(OpenContext openContext) {
        series = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("series", Types.STRING, TypeInformation.of(SeriesStats.class)));
        alerts = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("alerts", Types.STRING, TypeInformation.of(Alert.class)));
        files = getRuntimeContext()
                .getListState(new ListStateDescriptor<>("files", TypeInformation.of(FileLanded.class)));
        inventories = getRuntimeContext()
                .getListState(new ListStateDescriptor<>("inventories", TypeInformation.of(InventoryPartial.class)));
        revision = getRuntimeContext().getState(new ValueStateDescriptor<>("revision", RevisionState.class));
        added = getRuntimeContext().getState(new ValueStateDescriptor<>("revision-added", RevisionDelta.class));
        waits = getRuntimeContext().getState(new ValueStateDescriptor<>("revision-waits", Types.INT));
        var metrics = getRuntimeContext().getMetricGroup().addGroup("chimera");
        windowsClosed = metrics.counter("summaryWindowsClosed");
        windowRevisions = metrics.counter("summaryWindowRevisions");
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        watermarks.initialize(context);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        watermarks.snapshot();
    }

    @Override
    public void processElement(SummaryInput input, Context context, Collector<WindowSummary> out) throws Exception {
        long watermark = watermarks.effective(context.timerService().currentWatermark());
        if (windows.isTooLate(input.windowStart, watermark)) {
            // Statistics and alerts of a forgotten window cannot come: the stages before forgot it no later.
            if (input.file != null) {
                context.output(TOO_LATE, tooLate(input.file, watermark));
            }
            return;
        }
        RevisionState state = revision.value();
        if (state == null) {
            state = new RevisionState(input.windowStart);
            context.timerService().registerEventTimeTimer(windows.expiryTime(input.windowStart));
        }
        long arrival = input.file != null ? input.file.arrivalWatermark : arrivalOf(context, watermark);
        // Emitted before means closed, even while the watermark starts again from nothing after a restore. So does
        // input that arrived closed at the stage before: this stage may lag behind, but the statistics of a late
        // file come with its revision, at the first watermark past its arrival, not at the window's close.
        boolean closed = state.emitted > 0 || windows.isClosed(input.windowStart, Math.max(watermark, arrival));
        RevisionDelta delta = closed ? added.value() : null;
        if (closed && delta == null) {
            delta = new RevisionDelta();
        }
        if (input.stats != null) {
            String key = seriesKey(input.stats);
            if (delta != null) {
                // Read only for a revision: on RocksDB a lookup of a key not there yet is the stage's main cost.
                SeriesStats previous = series.get(key);
                delta.values += input.stats.count - (previous == null ? 0 : previous.count);
                delta.failedValues += input.stats.failed - (previous == null ? 0 : previous.failed);
            }
            series.put(key, input.stats);
        } else if (input.alert != null) {
            String key = seriesKey(input.alert);
            if (Alert.WITHDRAWN.equals(input.alert.kind)) {
                alerts.remove(key);
            } else {
                alerts.put(key, input.alert);
            }
        } else if (input.inventory != null) {
            // Only a bounded run sends these, and there no window closes before the input ends.
            inventories.add(input.inventory);
            if (delta != null) {
                delta.files += input.inventory.inventory.files;
            }
        } else {
            files.add(input.file);
            if (delta != null) {
                delta.files++;
                delta.addSource(input.file.sourcePath);
            }
        }
        if (closed) {
            context.timerService().registerEventTimeTimer(RevisionWindows.revisionTime(arrival, watermark));
            added.update(delta);
        } else {
            context.timerService().registerEventTimeTimer(windows.closeTime(input.windowStart));
        }
        state.pending = true;
        revision.update(state);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<WindowSummary> out) throws Exception {
        watermarks.effective(context.timerService().currentWatermark());
        RevisionState state = revision.value();
        if (state == null) {
            return;
        }
        if (state.pending) {
            WindowSummary summary = summarise(
                    context.getCurrentKey().f0,
                    state.windowStart,
                    windows.endOf(state.windowStart),
                    files.get(),
                    inventories.get(),
                    series.values(),
                    alerts.values());
            if (awaitsValues(summary, timestamp, state, context)) {
                return;
            }
            summary.findings = Findings.of(summary.series, summary.alerts, regression::directionOf);
            summary.revision = state.emitted;
            RevisionDelta delta = added.value();
            if (state.emitted > 0 && delta != null) {
                summary.revisionAdded = delta;
            }
            added.clear();
            waits.clear();
            out.collect(summary);
            (state.emitted == 0 ? windowsClosed : windowRevisions).inc();
            state.emitted++;
            state.pending = false;
        }
        if (timestamp >= windows.expiryTime(state.windowStart)) {
            series.clear();
            alerts.clear();
            files.clear();
            inventories.clear();
            revision.clear();
            added.clear();
            waits.clear();
        } else {
            revision.update(state);
        }
    }

    /**
     * Whether the summary waits one more watermark for values its files brought that its statistics do not count
     * yet: at most {@value #MAX_WAITS} watermarks (values the series stage found too late never come), never at the
     * end of input or past the window's horizon.
     */
    private boolean awaitsValues(WindowSummary summary, long timestamp, RevisionState state, OnTimerContext context)
            throws Exception {
        long values = 0;
        for (SeriesStats stats : summary.series) {
            values += stats.count + stats.failed;
        }
        if (values >= summary.inventory.events) {
            return false;
        }
        int waited = waits.value() == null ? 0 : waits.value();
        long watermark = Math.max(timestamp, context.timerService().currentWatermark());
        if (waited >= MAX_WAITS
                || watermark >= Long.MAX_VALUE - 1
                || watermark + 1 >= windows.expiryTime(state.windowStart)) {
            return false;
        }
        waits.update(waited + 1);
        context.timerService().registerEventTimeTimer(watermark + 1);
        return true;
    }

    private TooLate tooLate(FileLanded file, long watermark) {
        TooLate late = new TooLate();
        late.suite = file.suite;
        late.sourcePath = file.sourcePath;
        late.windowStart = Timestamps.iso(file.windowStart);
        late.windowEnd = Timestamps.iso(windows.endOf(file.windowStart));
        late.file = true;
        late.watermark = Timestamps.iso(watermark);
        return late;
    }

    /** Revised statistics and alerts carry the time of the revision that made them: that time is due here too. */
    private static long arrivalOf(Context context, long watermark) {
        Long timestamp = context.timestamp();
        return timestamp == null ? watermark : timestamp - 1;
    }

    private static String seriesKey(SeriesStats stats) {
        return SeriesIdentity.encode(new SeriesKey(stats.suite, stats.series, stats.metric, stats.unit));
    }

    private static String seriesKey(Alert alert) {
        return SeriesIdentity.encode(new SeriesKey(alert.suite, alert.series, alert.metric, alert.unit));
    }

    static WindowSummary summarise(
            String suite,
            long windowStart,
            long windowEnd,
            Iterable<FileLanded> landed,
            Iterable<SeriesStats> stats,
            Iterable<Alert> verdicts) {
        return summarise(suite, windowStart, windowEnd, landed, java.util.List.of(), stats, verdicts);
    }

    static WindowSummary summarise(
            String suite,
            long windowStart,
            long windowEnd,
            Iterable<FileLanded> landed,
            Iterable<InventoryPartial> partials,
            Iterable<SeriesStats> stats,
            Iterable<Alert> verdicts) {
        WindowSummary summary = new WindowSummary();
        summary.suite = suite;
        summary.windowStart = Timestamps.iso(windowStart);
        summary.windowEnd = Timestamps.iso(windowEnd);
        InventoryTally inventory = new InventoryTally();
        landed.forEach(inventory::add);
        if (partials != null) {
            partials.forEach(inventory::add);
        }
        summary.inventory = inventory.inventory();
        stats.forEach(summary.series::add);
        verdicts.forEach(summary.alerts::add);
        summary.alerts.sort(Comparator.comparing((Alert a) -> a.kind)
                .thenComparingDouble(a -> -Math.abs(a.changePercent))
                .thenComparing(a -> a.metric)
                .thenComparing(a -> a.series.toString()));
        summary.series.sort(Comparator.comparing((SeriesStats s) -> s.metric)
                .thenComparing(s -> s.series.toString())
                .thenComparing(s -> String.valueOf(s.unit)));
        return summary;
    }
}
