package io.chimera.telemetry.jobs;

import io.chimera.telemetry.emit.KafkaOutputs;
import io.chimera.telemetry.emit.RerunOutputs;
import io.chimera.telemetry.emit.TelemetrySinks;
import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.parse.ParseSettings;
import io.chimera.telemetry.render.JsonLinesEncoder;
import io.chimera.telemetry.render.ReportFileSink;
import io.chimera.telemetry.rerun.RerunLedger;
import io.chimera.telemetry.source.ArtifactFileReader;
import io.chimera.telemetry.source.ArtifactSource;
import io.chimera.telemetry.source.DiscoverySettings;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/** Builds the production source, sinks and environment from {@link JobSettings}. */
public final class Pipelines {

    private Pipelines() {}

    public static ArtifactSource fileSource(JobSettings settings) {
        List<Path> roots =
                settings.inputs().stream().map(Pipelines::absolutePath).toList();
        ArtifactParser parser = new ArtifactParser(ParseSettings.defaults().withMaxFileBytes(settings.maxFileBytes()));
        DiscoverySettings discovery = settings.bounded()
                ? DiscoverySettings.bounded(settings.settleTime())
                : DiscoverySettings.continuous(
                                settings.discoveryInterval(), settings.settleTime(), settings.discoveryLookback())
                        .withFullListingInterval(settings.fullListingInterval());
        return new ArtifactSource(
                roots, new ArtifactFileReader(roots, parser), discovery.withSelection(settings.selection()));
    }

    public static <T> FileSink<T> jsonLines(String output, String kind) {
        return jsonLines(output, kind, kind);
    }

    private static <T> FileSink<T> jsonLines(String output, String folder, String partPrefix) {
        return FileSink.forRowFormat(new Path(absolutePath(output), folder), new JsonLinesEncoder<T>())
                .withOutputFileConfig(OutputFileConfig.builder()
                        .withPartPrefix(partPrefix)
                        .withPartSuffix(".jsonl")
                        .build())
                // Readers see finished files at every checkpoint, not after the default 60 s rollover.
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .build();
    }

    public static TelemetryJob telemetryJob(JobSettings settings) {
        return telemetryJob(settings, fileSinks(settings));
    }

    /** The production job with other sinks: the benchmark runner watches reports leave through its own. */
    public static TelemetryJob telemetryJob(JobSettings settings, TelemetrySinks sinks) {
        TelemetryJob job = new TelemetryJob(fileSource(settings), sinks, settings.eventTime(), settings.llm())
                .withRegression(settings.regression())
                .withSeriesNaming(settings.seriesNaming());
        if (settings.bounded()) {
            job = job.withRerunLedger(new RerunOutputs(
                    new RerunLedger(java.nio.file.Path.of(settings.output())
                            .toAbsolutePath()
                            .normalize()
                            .resolve(RerunLedger.FOLDER)
                            .toString()),
                    jsonLines(settings.output(), RerunLedger.FOLDER, "ledger")));
        }
        return settings.kafka() == null ? job : job.withKafka(KafkaOutputs.of(settings.kafka()));
    }

    public static TelemetrySinks fileSinks(JobSettings settings) {
        return new TelemetrySinks(
                jsonLines(settings.output(), "stats"),
                jsonLines(settings.output(), "summaries"),
                jsonLines(settings.output(), "reports"),
                new ReportFileSink(java.nio.file.Path.of(settings.output(), "reports")
                        .toAbsolutePath()
                        .toString()),
                jsonLines(settings.output(), "dead-letters"),
                jsonLines(settings.output(), "alerts"),
                jsonLines(settings.output(), "too-late"));
    }

    /** A local environment (a MiniCluster in this JVM), with the Web UI in continuous mode. */
    public static StreamExecutionEnvironment localEnvironment(JobSettings settings) {
        return localEnvironment(settings, null);
    }

    /**
     * A local environment whose continuous job resumes from {@code resumeFrom} (a savepoint or retained checkpoint;
     * null for none). The job takes ownership of that snapshot and deletes it once newer checkpoints replace it, so
     * a farm's output folder holds one job's worth of snapshots, whatever the number of restarts.
     */
    public static StreamExecutionEnvironment localEnvironment(JobSettings settings, java.nio.file.Path resumeFrom) {
        Configuration conf = new Configuration();
        // Small hand-over queue: with the default, bounded runs often stall 30 s in the source reader's close.
        conf.setString("source.reader.element.queue.capacity", "16");
        closedToTheNetwork(conf);
        // A local run has no Kerberos or cloud credentials to obtain and renew; asking for them only warns.
        conf.set(SecurityOptions.DELEGATION_TOKENS_ENABLED, false);
        StreamExecutionEnvironment env;
        if (!settings.bounded()) {
            // Checkpoints on disk beside the outputs: revisable windows are kept for days, and the JobManager's
            // in-memory checkpoint storage refuses any operator state over 5 MB, which a busy farm soon reaches.
            java.nio.file.Path output =
                    java.nio.file.Path.of(settings.output()).toAbsolutePath().normalize();
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    output.resolve(RunFolder.CHECKPOINTS).toUri().toString());
            conf.set(
                    CheckpointingOptions.SAVEPOINT_DIRECTORY,
                    output.resolve(RunFolder.SAVEPOINTS).toUri().toString());
            // A run that is cancelled or dies keeps its last checkpoint: the next run with this output resumes there.
            conf.set(
                    CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            useRocksDb(conf, output.resolve(RunFolder.STATE));
            if (resumeFrom != null) {
                conf.set(StateRecoveryOptions.SAVEPOINT_PATH, resumeFrom.toUri().toString());
                conf.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
            }
        }
        if (!settings.bounded() && settings.webUiPort() > 0) {
            conf.set(
                    RestOptions.PORT,
                    settings.webUiBind().equals(JobSettings.LOOPBACK) ? settings.webUiPort() : freeLoopbackPort());
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        } else {
            env = StreamExecutionEnvironment.createLocalEnvironment(settings.parallelism(), conf);
        }
        configure(env, settings);
        return env;
    }

    /**
     * The dashboard of a local run where {@code --web-ui-bind} puts it: on the loopback address Flink's own, on
     * any other a {@link ReadOnlyDashboard} in front of it. Closing it closes the read-only one.
     */
    public static AutoCloseable openDashboard(JobSettings settings, StreamExecutionEnvironment env)
            throws java.io.IOException {
        if (settings.bounded()
                || settings.webUiPort() <= 0
                || settings.webUiBind().equals(JobSettings.LOOPBACK)) {
            return () -> {};
        }
        return ReadOnlyDashboard.open(
                settings.webUiBind(),
                settings.webUiPort(),
                env.getConfiguration().get(RestOptions.PORT));
    }

    private static int freeLoopbackPort() {
        try (java.net.ServerSocket probe =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(JobSettings.LOOPBACK))) {
            return probe.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A local run sits on a benchmark farm's host, beside GPUs and credentials: every port it opens (REST API,
     * RPC, blob server, data exchange) listens on the loopback address only, and the dashboard takes no jars.
     * Flink's REST API accepts job graphs with jars on {@code POST /jobs} regardless, so it never leaves the
     * loopback address: {@code --web-ui-bind} opens a {@link ReadOnlyDashboard} in front of it instead.
     */
    static void closedToTheNetwork(Configuration conf) {
        String loopback = JobSettings.LOOPBACK;
        conf.set(RestOptions.BIND_ADDRESS, loopback);
        conf.set(RestOptions.ADDRESS, loopback);
        conf.set(WebOptions.SUBMIT_ENABLE, false);
        conf.set(JobManagerOptions.ADDRESS, loopback);
        conf.set(JobManagerOptions.BIND_HOST, loopback);
        conf.set(TaskManagerOptions.HOST, loopback);
        conf.set(TaskManagerOptions.BIND_HOST, loopback);
    }

    /**
     * Keyed state in RocksDB under {@code workingFolder}, checkpointed incrementally. A farm of 10 files a minute
     * and 200 series keeps about 190 MB of revisable windows a day of horizon (docs/BENCHMARKS.md): on the heap,
     * every checkpoint would write all of it (1.3 GB every 10 s for the default 7 days); RocksDB keeps it on disk and
     * a checkpoint writes only the files written since the last. Bloom filters, because most lookups are of a
     * window's first value, a key not there yet, which would otherwise read every level.
     */
    public static void useRocksDb(Configuration conf, java.nio.file.Path workingFolder) {
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.setString(
                "state.backend.rocksdb.localdir",
                workingFolder.toAbsolutePath().normalize().toString());
        conf.setString("state.backend.rocksdb.use-bloom-filter", "true");
    }

    public static void configure(StreamExecutionEnvironment env, JobSettings settings) {
        env.setParallelism(settings.parallelism());
        if (settings.bounded()) {
            // A backfill: every window is computed over all its data, whatever order the files come in.
            env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        } else {
            env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
            env.enableCheckpointing(settings.checkpointInterval().toMillis());
        }
        // Every record type has a Flink serializer of its own; a Kryo fallback would be a bug, so fail instead.
        Configuration noKryo = new Configuration();
        noKryo.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(noKryo);
    }

    private static Path absolutePath(String path) {
        return new Path(java.nio.file.Path.of(path).toAbsolutePath().normalize().toUri());
    }
}
