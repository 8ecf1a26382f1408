package io.chimera.telemetry.narrate;

import io.chimera.telemetry.records.Report;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Lets a window's reports out in revision order only: narration finishes in any order (a revision that finds the LLM
 * busy leaves at once, while the one before it still waits for its answer), and a compacted topic, or any reader
 * keeping the last report of a window, must end with the newest. A report older than one already out is dropped:
 * the newer one holds all it had. Keyed by suite and window; the highest revision out is kept a while (TTL).
 */
public final class DropSupersededRevisions extends KeyedProcessFunction<Tuple2<String, String>, Report, Report> {

    private final Duration keep;

    private transient ValueState<Integer> highest;
    private transient Counter superseded;

    /** @param keep how long a window's highest revision is remembered: its revision horizon and a little more */
    public DropSupersededRevisions(Duration keep) {
        this.keep = keep;
    }

    public static Tuple2<String, String> key(Report report) {
        return Tuple2.of(report.suite, report.windowStart);
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Integer> descriptor = new ValueStateDescriptor<>("highest-revision-out", Types.INT);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(keep)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        highest = getRuntimeContext().getState(descriptor);
        superseded = getRuntimeContext().getMetricGroup().addGroup("chimera").counter("supersededReports");
    }

    @Override
    public void processElement(Report report, Context context, Collector<Report> out) throws Exception {
        Integer newestOut = highest.value();
        if (newestOut != null && report.revision <= newestOut) {
            superseded.inc();
            return;
        }
        highest.update(report.revision);
        out.collect(report);
    }
}
