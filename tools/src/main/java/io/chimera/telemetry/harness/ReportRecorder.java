package io.chimera.telemetry.harness;

import io.chimera.telemetry.records.Report;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A report sink that notes the wall-clock time each report reaches it, for the benchmark runner in the same JVM
 * (a local MiniCluster): the sink is serialised into the job, so what it sees goes through a static registry by
 * name. Only what latency and status counts need is kept, not the reports.
 */
public final class ReportRecorder implements Sink<Report> {

    private static final long serialVersionUID = 1L;
    private static final Map<String, Queue<Arrival>> ARRIVALS = new ConcurrentHashMap<>();

    /**
     * @param emittedAtMillis wall clock when the report reached the sink
     * @param folders the run folders its inventory counts (relative to the watched root)
     * @param status {@code ok}, {@code narration_pending}, {@code superseded}, {@code llm_timeout}, …
     */
    public record Arrival(
            long emittedAtMillis,
            String suite,
            Instant windowStart,
            Instant windowEnd,
            List<String> folders,
            String status,
            int revision,
            long revisionFiles) {}

    private final String name;

    private ReportRecorder(String name) {
        this.name = name;
    }

    /** A fresh recorder; a name already used starts empty again. */
    public static ReportRecorder named(String name) {
        ARRIVALS.put(name, new ConcurrentLinkedQueue<>());
        return new ReportRecorder(name);
    }

    public List<Arrival> arrivals() {
        return new ArrayList<>(ARRIVALS.get(name));
    }

    /** Forgets what was recorded, so that a long bench does not keep every run's arrivals. */
    public void discard() {
        ARRIVALS.remove(name);
    }

    @Override
    public SinkWriter<Report> createWriter(WriterInitContext context) {
        Queue<Arrival> queue = ARRIVALS.get(name);
        if (queue == null) {
            throw new IllegalStateException("report recorder '" + name + "' runs outside the JVM that made it");
        }
        return new SinkWriter<>() {
            @Override
            public void write(Report report, Context context) {
                long now = System.currentTimeMillis();
                queue.add(new Arrival(
                        now,
                        report.suite,
                        Instant.parse(report.windowStart),
                        Instant.parse(report.windowEnd),
                        List.copyOf(report.inventory.folders),
                        report.status,
                        report.revision,
                        report.revisionAdded.files));
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
