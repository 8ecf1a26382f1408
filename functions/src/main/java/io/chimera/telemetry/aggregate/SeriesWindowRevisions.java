package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.parse.Timestamps;
import io.chimera.telemetry.records.SeriesKey;
import io.chimera.telemetry.records.SeriesPartial;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.TooLate;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The statistics of one series in one window (the key is both), revised by late values. The window's statistics go
 * out when the watermark closes it (revision 0); a file that lands in it later adds its values and the window goes
 * out again, whole, as the next revision, once per late file (or per batch of files read together). The window is
 * kept until the revision horizon has passed, as the files' combined values: merged in the order of their paths,
 * so a bounded run and a watching job that read the same files in any order agree to the last bit.
 */
public final class SeriesWindowRevisions
        extends KeyedProcessFunction<Tuple3<Long, Long, Long>, SeriesPartial, SeriesStats>
        implements CheckpointedFunction {

    /** Values that reach this stage after their window's horizon (see {@link WatermarkMemory}). */
    public static final OutputTag<TooLate> TOO_LATE = new OutputTag<>("series-too-late") {};

    private final RevisionWindows windows;
    private final WatermarkMemory watermarks = new WatermarkMemory();

    private transient ListState<SeriesPartial> partials;
    private transient ValueState<RevisionState> revision;
    private transient Counter windowsClosed;
    private transient Counter windowRevisions;

    public SeriesWindowRevisions(RevisionWindows windows) {
        this.windows = windows;
    }

    @Override
    public void open(OpenContext openContext) {
        partials = getRuntimeContext()
                .getListState(new ListStateDescriptor<>("file-values", TypeInformation.of(SeriesPartial.class)));
        revision = getRuntimeContext().getState(new ValueStateDescriptor<>("revision", RevisionState.class));
        var metrics = getRuntimeContext().getMetricGroup().addGroup("chimera");
        windowsClosed = metrics.counter("seriesWindowsClosed");
        windowRevisions = metrics.counter("seriesWindowRevisions");
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
    public void processElement(SeriesPartial partial, Context context, Collector<SeriesStats> out) throws Exception {
        long watermark = watermarks.effective(context.timerService().currentWatermark());
        if (windows.isTooLate(partial.windowStart, watermark)) {
            context.output(TOO_LATE, tooLate(partial, watermark));
            return;
        }
        partials.add(partial);
        RevisionState state = revision.value();
        if (state == null) {
            state = new RevisionState(partial.windowStart);
            context.timerService().registerEventTimeTimer(windows.expiryTime(partial.windowStart));
        }
        // Emitted before means closed, even while the watermark starts again from nothing after a restore. Closed
        // at the combining stage means closed too: the summary stage judges the file by that watermark as well, and
        // both must time its revision alike, or the summary's would go out without these statistics.
        boolean closed = state.emitted > 0
                || windows.isClosed(partial.windowStart, Math.max(watermark, partial.arrivalWatermark));
        context.timerService()
                .registerEventTimeTimer(
                        closed
                                ? RevisionWindows.revisionTime(partial.arrivalWatermark, watermark)
                                : windows.closeTime(partial.windowStart));
        state.pending = true;
        revision.update(state);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<SeriesStats> out) throws Exception {
        watermarks.effective(context.timerService().currentWatermark());
        RevisionState state = revision.value();
        if (state == null) {
            return;
        }
        if (state.pending) {
            out.collect(stats(state));
            (state.emitted == 0 ? windowsClosed : windowRevisions).inc();
            state.emitted++;
            state.pending = false;
        }
        if (timestamp >= windows.expiryTime(state.windowStart)) {
            partials.clear();
            revision.clear();
        } else {
            revision.update(state);
        }
    }

    private SeriesStats stats(RevisionState state) throws Exception {
        // In arrival order: the accumulator's numbers do not depend on the order of merges.
        SeriesAccumulator merged = new SeriesAccumulator();
        for (SeriesPartial file : partials.get()) {
            merged.merge(file.values);
        }
        SeriesStats stats = toStats(
                SeriesIdentity.decode(merged.series()), state.windowStart, windows.endOf(state.windowStart), merged);
        stats.revision = state.emitted;
        return stats;
    }

    private TooLate tooLate(SeriesPartial partial, long watermark) {
        TooLate late = new TooLate();
        late.suite = partial.suite;
        late.sourcePath = partial.sourcePath;
        late.windowStart = Timestamps.iso(partial.windowStart);
        late.windowEnd = Timestamps.iso(windows.endOf(partial.windowStart));
        late.values = partial.values.count();
        late.failedValues = partial.values.failed();
        late.watermark = Timestamps.iso(watermark);
        return late;
    }

    static SeriesStats toStats(SeriesKey key, long windowStart, long windowEnd, SeriesAccumulator accumulator) {
        SeriesStats stats = new SeriesStats();
        stats.suite = key.suite;
        stats.series = new TreeMap<>(key.series);
        stats.metric = key.metric;
        stats.unit = key.unit.isEmpty() ? null : key.unit;
        stats.windowStart = Timestamps.iso(windowStart);
        stats.windowEnd = Timestamps.iso(windowEnd);
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
