package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.parse.Timestamps;
import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.records.Inventory;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.SummaryInput;
import io.chimera.telemetry.records.WindowSummary;
import java.util.Comparator;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** One summary per suite and window: the inventory of the files that landed plus every series' statistics. */
public final class WindowSummaryFunction
        extends ProcessWindowFunction<SummaryInput, WindowSummary, String, TimeWindow> {

    private transient Counter windowsClosed;

    @Override
    public void open(OpenContext openContext) {
        windowsClosed = getRuntimeContext().getMetricGroup().addGroup("chimera").counter("summaryWindowsClosed");
    }

    @Override
    public void process(String suite, Context context, Iterable<SummaryInput> inputs, Collector<WindowSummary> out) {
        windowsClosed.inc();
        out.collect(summarise(suite, context.window(), inputs));
    }

    static WindowSummary summarise(String suite, TimeWindow window, Iterable<SummaryInput> inputs) {
        WindowSummary summary = new WindowSummary();
        summary.suite = suite;
        summary.windowStart = Timestamps.iso(window.getStart());
        summary.windowEnd = Timestamps.iso(window.getEnd());
        Inventory inventory = summary.inventory;
        TreeSet<String> folders = new TreeSet<>();
        long latestModified = Long.MIN_VALUE;
        for (SummaryInput input : inputs) {
            if (input.stats != null) {
                summary.series.add(input.stats);
                continue;
            }
            if (input.alert != null) {
                summary.alerts.add(input.alert);
                continue;
            }
            FileLanded file = input.file;
            inventory.files++;
            inventory.filesByFormat.merge(file.format, 1, Integer::sum);
            inventory.bytes += file.bytes;
            latestModified = Math.max(latestModified, file.modifiedTime);
            folders.add(file.folder());
            inventory.rows += file.rows;
            inventory.failedRows += file.failedRows;
            inventory.events += file.events;
            if (file.isDeadLetter()) {
                inventory.deadLetters++;
                inventory.deadLetterReasons.add(file.sourcePath + ": " + file.reason);
            } else {
                inventory.parsed++;
            }
        }
        inventory.folders.addAll(folders);
        inventory.deadLetterReasons.sort(Comparator.naturalOrder());
        inventory.latestModified = latestModified == Long.MIN_VALUE ? null : Timestamps.iso(latestModified);
        summary.alerts.sort(Comparator.comparing((io.chimera.telemetry.records.Alert a) -> a.kind)
                .thenComparingDouble(a -> -Math.abs(a.changePercent)));
        summary.series.sort(Comparator.comparing((SeriesStats s) -> s.metric).thenComparing(s -> s.series.toString()));
        return summary;
    }
}
