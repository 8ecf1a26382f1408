package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.records.LateArrival;
import io.chimera.telemetry.records.LateTally;
import io.chimera.telemetry.records.WindowSummary;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts a suite's late arrivals and reports them in its next summary, so that nothing is dropped silently.
 * The tally is cleared as soon as a summary carries it: state per suite is one small record at most.
 */
public final class LateArrivalCounter
        extends KeyedCoProcessFunction<String, WindowSummary, LateArrival, WindowSummary> {

    private transient ValueState<LateTally> pending;
    private transient Counter lateEvents;
    private transient Counter lateFiles;

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>("late-tally", LateTally.class));
        var metrics = getRuntimeContext().getMetricGroup().addGroup("chimera");
        lateEvents = metrics.counter("lateEvents");
        lateFiles = metrics.counter("lateFiles");
    }

    @Override
    public void processElement1(WindowSummary summary, Context context, Collector<WindowSummary> out)
            throws Exception {
        LateTally tally = pending.value();
        if (tally != null) {
            summary.late = tally;
            pending.clear();
        }
        out.collect(summary);
    }

    @Override
    public void processElement2(LateArrival arrival, Context context, Collector<WindowSummary> out)
            throws Exception {
        LateTally tally = pending.value();
        if (tally == null) {
            tally = new LateTally();
        }
        tally.add(arrival);
        (arrival.file ? lateFiles : lateEvents).inc();
        pending.update(tally);
    }
}
