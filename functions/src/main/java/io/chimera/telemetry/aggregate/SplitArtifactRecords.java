package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.records.ArtifactRecord;
import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.records.MetricEvent;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Metric events go on; landed files go to the inventory side output, and dead letters to theirs as well. */
public final class SplitArtifactRecords extends ProcessFunction<ArtifactRecord, MetricEvent> {

    public static final OutputTag<FileLanded> FILES = new OutputTag<>("files-landed") {};
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    @Override
    public void processElement(ArtifactRecord record, Context context, Collector<MetricEvent> out) {
        if (record.event != null) {
            out.collect(record.event);
            return;
        }
        FileLanded file = record.file;
        context.output(FILES, file);
        if (file.isDeadLetter()) {
            context.output(DEAD_LETTERS, new DeadLetter(file.suite, file.sourcePath, file.format, file.reason,
                    file.bytes, file.modifiedTime));
        }
    }
}
