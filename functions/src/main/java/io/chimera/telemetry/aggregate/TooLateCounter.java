package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.records.TooLate;
import io.chimera.telemetry.records.TooLateTally;
import io.chimera.telemetry.records.WindowSummary;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Names a suite's too-late values (beyond the revision horizon) in its next summary, so that nothing is dropped
 * silently. The tally is cleared as soon as a summary carries it: state per suite is one small record at most.
 */
public final class TooLateCounter extends KeyedCoProcessFunction<String, WindowSummary, TooLate, WindowSummary> {

    private transient ValueState<TooLateTally> pending;

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>("too-late-tally", TooLateTally.class));
    }

    @Override
    public void processElement1(WindowSummary summary, Context context, Collector<WindowSummary> out)
            throws Exception {
        TooLateTally tally = pending.value();
        if (tally != null) {
            summary.tooLate = tally;
            pending.clear();
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
