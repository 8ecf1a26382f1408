package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.records.ArtifactRecord;
import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.records.MetricEvent;
import java.util.HashMap;
import org.apache.flink.api.common.accumulators.LongCounter;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Metric events go on; landed files go to the inventory side output, and dead letters to theirs as well. */
public final class SplitArtifactRecords extends ProcessFunction<ArtifactRecord, MetricEvent> {

    public static final OutputTag<FileLanded> FILES = new OutputTag<>("files-landed") {};
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};
    /** Files accounted for so far, readable while the job runs (the command line's progress line). */
    public static final String FILES_DONE_ACCUMULATOR = "chimera-files-done";
    /** Metric events read so far (the benchmark runner's events/s). */
    public static final String EVENTS_ACCUMULATOR = "chimera-events";

    private transient MetricGroup metrics;
    private transient Counter filesDiscovered;
    private transient Counter filesParsed;
    private transient Counter metricEvents;
    private transient Counter failedRows;
    private transient Map<String, Counter> deadLettersByReason;
    private transient LongCounter filesDone;
    private transient LongCounter eventsDone;

    @Override
    public void open(OpenContext openContext) {
        metrics = getRuntimeContext().getMetricGroup().addGroup("chimera");
        filesDiscovered = metrics.counter("filesDiscovered");
        filesParsed = metrics.counter("filesParsed");
        metricEvents = metrics.counter("metricEvents");
        failedRows = metrics.counter("failedRows");
        deadLettersByReason = new HashMap<>();
        filesDone = getRuntimeContext().getLongCounter(FILES_DONE_ACCUMULATOR);
        eventsDone = getRuntimeContext().getLongCounter(EVENTS_ACCUMULATOR);
    }

    @Override
    public void processElement(ArtifactRecord record, Context context, Collector<MetricEvent> out) {
        if (record.event != null) {
            metricEvents.inc();
            eventsDone.add(1L);
            out.collect(record.event);
            return;
        }
        FileLanded file = record.file;
        filesDiscovered.inc();
        filesDone.add(1L);
        failedRows.inc(file.failedRows);
        context.output(FILES, file);
        if (!file.isDeadLetter()) {
            filesParsed.inc();
        } else {
            deadLettersByReason.computeIfAbsent(reasonClass(file.reason),
                    reason -> metrics.addGroup("reason", reason).counter("filesDeadLettered")).inc();
            context.output(DEAD_LETTERS, new DeadLetter(file.suite, file.sourcePath, file.format, file.reason,
                    file.bytes, file.modifiedTime));
        }
    }

    /** A small fixed set of labels for the dead-letter counter, so that reasons do not explode its series. */
    static String reasonClass(String reason) {
        String r = reason == null ? "" : reason;
        if (r.startsWith("empty file") || r.startsWith("blank file")) {
            return "empty";
        }
        if (r.contains("binary") || r.contains("UTF-16")) {
            return "binary";
        }
        if (r.contains("-byte cap")) {
            return "too_large";
        }
        if (r.startsWith("cannot read")) {
            return "unreadable";
        }
        return "malformed";
    }
}
