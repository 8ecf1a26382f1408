package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.records.TooLate;
import io.chimera.telemetry.records.TooLateTally;
import io.chimera.telemetry.records.WindowSummary;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Names a suite's too-late values (beyond the revision horizon) in its next summary, so that nothing is dropped
 * silently; and in every later revision of that summary's window, since a consumer keeps only the latest. Pending
 * tallies are one small record per suite; the tallies given to windows are kept a while (TTL), one per window that
 * had any.
 */
public final class TooLateCounter extends KeyedCoProcessFunction<String, WindowSummary, TooLate, WindowSummary> {

    /** How long a window's revisions go on naming the too-late values its report named by default. */
    static final Duration DEFAULT_KEEP = Duration.ofDays(8);

    private final Duration keep;

    private transient ValueState<TooLateTally> pending;
    private transient MapState<String, TooLateTally> named;

    public TooLateCounter() {
        this(DEFAULT_KEEP);
    }

    /** @param keep how long a window's later revisions repeat what its report named (its revision horizon) */
    public TooLateCounter(Duration keep) {
        this.keep = keep;
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>("too-late-tally", TooLateTally.class));
        MapStateDescriptor<String, TooLateTally> descriptor =
                new MapStateDescriptor<>("too-late-named", Types.STRING, TypeInformation.of(TooLateTally.class));
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(keep)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        named = getRuntimeContext().getMapState(descriptor);
    }

    @Override
    public void processElement1(WindowSummary summary, Context context, Collector<WindowSummary> out) throws Exception {
        TooLateTally tally = pending.value();
        TooLateTally before = named.get(summary.windowStart);
        if (tally != null) {
            if (before != null) {
                before.merge(tally);
                tally = before;
            }
            named.put(summary.windowStart, tally);
            pending.clear();
        } else {
            tally = before;
        }
        if (tally != null) {
            summary.tooLate = tally;
        }
        out.collect(summary);
    }

    @Override
    public void processElement2(TooLate late, Context context, Collector<WindowSummary> out) throws Exception {
        TooLateTally tally = pending.value();
        if (tally == null) {
            tally = new TooLateTally();
        }
        tally.add(late);
        pending.update(tally);
    }
}
