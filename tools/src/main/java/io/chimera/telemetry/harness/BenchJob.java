package io.chimera.telemetry.harness;

import io.chimera.telemetry.aggregate.CombineFileValues;
import io.chimera.telemetry.jobs.JobSettings;
import io.chimera.telemetry.jobs.Pipelines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The production telemetry job (source, topology, file sinks, as {@link Pipelines} builds them) on a local
 * MiniCluster, with its report events going to a {@link ReportRecorder}, started without waiting for its end and
 * cancelled on close: a continuous job never ends by itself.
 */
final class BenchJob implements AutoCloseable {

    /**
     * Task managers report accumulators with their heartbeats, every 10 s by default: too coarse to time an
     * ingestion of a few seconds, so the bench asks for them four times a second.
     */
    static final Duration HEARTBEAT = Duration.ofMillis(250);

    private static final Duration START_TIMEOUT = Duration.ofMinutes(1);

    private final JobClient client;
    private final Path checkpoints;

    private BenchJob(JobClient client, Path checkpoints) {
        this.client = client;
        this.checkpoints = checkpoints;
    }

    static BenchJob start(JobSettings settings, ReportRecorder recorder, String name) throws Exception {
        StreamExecutionEnvironment env = Pipelines.localEnvironment(settings);
        Configuration benchConfiguration = new Configuration();
        benchConfiguration.setString("heartbeat.interval", String.valueOf(HEARTBEAT.toMillis()));
        // Not under the output folder, which a bench empties between runs while Flink may still be deleting the
        // last run's checkpoints there.
        Path checkpoints = Files.createTempDirectory("chimera-bench-checkpoints-");
        benchConfiguration.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        env.configure(benchConfiguration);
        Pipelines.telemetryJob(settings, Pipelines.fileSinks(settings).withReports(recorder))
                .build(env);
        BenchJob job = new BenchJob(env.executeAsync(name), checkpoints);
        job.awaitRunning();
        return job;
    }

    private void awaitRunning() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (client.getJobStatus().get(10, TimeUnit.SECONDS) != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the job did not start within " + START_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    /** Files accounted for and metric events read so far, as of the last heartbeat. */
    Progress progress() throws Exception {
        Map<String, Object> accumulators = client.getAccumulators().get(10, TimeUnit.SECONDS);
        return new Progress(
                System.currentTimeMillis(),
                count(accumulators, CombineFileValues.FILES_DONE_ACCUMULATOR),
                count(accumulators, CombineFileValues.EVENTS_ACCUMULATOR));
    }

    record Progress(long atMillis, long files, long events) {}

    static long count(Map<String, Object> accumulators, String name) {
        Object value = accumulators.get(name);
        return value instanceof Number number ? number.longValue() : 0;
    }

    @Override
    public void close() throws Exception {
        JobStatus status = client.getJobStatus().get(10, TimeUnit.SECONDS);
        if (!status.isGloballyTerminalState()) {
            client.cancel().get(1, TimeUnit.MINUTES);
        }
        try {
            client.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException cancelled) {
            // A cancelled job ends with an exception: the expected end of a continuous run.
        }
        BenchFarm.emptied(checkpoints);
        Files.deleteIfExists(checkpoints);
    }
}
