package io.chimera.telemetry.harness;

import io.chimera.telemetry.aggregate.CombineFileValues;
import io.chimera.telemetry.jobs.JobArguments;
import io.chimera.telemetry.jobs.JobSettings;
import io.chimera.telemetry.jobs.Pipelines;
import io.chimera.telemetry.source.ArtifactListing;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * {@code bin/chimera bench --source-state}: how the continuous source's checkpoint and the heap grow with the
 * number of files discovered. For each farm size it runs the production source (with the file accounting
 * stage, nothing downstream) in continuous mode until every file is read, lets two more checkpoints complete,
 * and reports the newest checkpoint's bytes on disk and the heap in use after a full GC. Run it under a heap
 * limit (CHIMERA_JAVA_OPTS=-Xmx512m) to show the job fits.
 */
public final class SourceStateBench {

    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);
    private static final Duration PER_FARM_LIMIT = Duration.ofMinutes(30);

    private final PrintStream out;

    public SourceStateBench(PrintStream out) {
        this.out = out;
    }

    /**
     * @param filesPerHour the farm's arrival rate: a farm of N files spans N / rate hours, so the sizes are one
     *     farm's history at three ages, and what the source may remember (the lookback's files) stays the same
     */
    public void run(Iterable<Integer> sizes, int filesPerHour, Duration lookback, int parallelism, Path work)
            throws Exception {
        out.println("Continuous source, parallelism " + parallelism + ", a farm landing " + filesPerHour
                + " files an hour (modification times), lookback " + lookback.toMinutes() + " min, checkpoint every "
                + CHECKPOINT_INTERVAL.toSeconds() + " s; heap limit "
                + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MB");
        out.println();
        out.println("| files | history | one listing (s) | seconds to read all | files/s | files in the lookback "
                + "| checkpoint bytes | heap after GC (MB) |");
        out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int files : sizes) {
            Duration period = Duration.ofMillis((long) files * 3_600_000L / filesPerHour);
            Path farm = BenchFarm.generated(
                    work.resolve("state-farm-" + files + "-at-" + filesPerHour + "-per-hour"), files, 1, period);
            measure(farm, work.resolve("state-checkpoints-" + files), files, period, lookback, parallelism);
        }
    }

    private void measure(Path farm, Path checkpoints, int files, Duration period, Duration lookback, int parallelism)
            throws Exception {
        BenchFarm.emptied(checkpoints);
        JobSettings settings = JobArguments.parse(new String[] {
            "--watch",
            "--input",
            farm.toString(),
            "--output",
            checkpoints.resolve("out").toString(),
            "--parallelism",
            String.valueOf(parallelism),
            "--discovery-interval",
            "2s",
            "--discovery-lookback",
            lookback.toSeconds() + "s",
            "--settle-time",
            "0s",
            "--web-ui-port",
            "0"
        });
        Configuration conf = new Configuration();
        // As a local run: no Kerberos or cloud credentials to obtain, which Flink would warn of.
        conf.set(SecurityOptions.DELEGATION_TOKENS_ENABLED, false);
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                checkpoints.toAbsolutePath().toUri().toString());
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.setString("heartbeat.interval", String.valueOf(BenchJob.HEARTBEAT.toMillis()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        env.enableCheckpointing(CHECKPOINT_INTERVAL.toMillis());
        env.fromSource(Pipelines.fileSource(settings), WatermarkStrategy.noWatermarks(), "artifacts")
                .uid("artifact-source")
                .process(new CombineFileValues(
                        settings.eventTime().basis(), settings.eventTime().windows()))
                .uid("combine-file-values")
                .sinkTo(new DiscardingSink<>());
        long start = System.nanoTime();
        JobClient job = env.executeAsync("source-state-bench");
        try {
            long deadline = System.nanoTime() + PER_FARM_LIMIT.toNanos();
            while (filesDone(job) < files) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "read " + filesDone(job) + " of " + files + " files in " + PER_FARM_LIMIT);
                }
                Thread.sleep(200);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(3 * CHECKPOINT_INTERVAL.toMillis());
            long listingStart = System.nanoTime();
            ArtifactListing.list(
                    List.of(new org.apache.flink.core.fs.Path(
                            farm.toAbsolutePath().toUri())),
                    Long.MIN_VALUE);
            double listing = (System.nanoTime() - listingStart) / 1e9;
            Path newest = newestCheckpoint(checkpoints)
                    .orElseThrow(() -> new IllegalStateException("no completed checkpoint under " + checkpoints));
            long bytes = sizeOf(newest);
            long heap = heapAfterGc();
            out.println(String.format(
                    Locale.ROOT,
                    "| %d | %.1f d | %.1f | %.1f | %.0f | %d | %d | %d |",
                    files,
                    period.toHours() / 24.0,
                    listing,
                    seconds,
                    files / seconds,
                    trackedBound(files, period, lookback),
                    bytes,
                    heap >> 20));
            out.flush();
        } finally {
            job.cancel().get();
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long filesDone(JobClient job) throws Exception {
        return BenchJob.count(job.getAccumulators().get(), CombineFileValues.FILES_DONE_ACCUMULATOR);
    }

    /** Files of the farm modified within the lookback of its newest: what the source may remember. */
    private static long trackedBound(int files, Duration period, Duration lookback) {
        if (files <= 1 || period.isZero()) {
            return files;
        }
        return Math.min(files, 1 + lookback.toMillis() * (files - 1) / period.toMillis());
    }

    private static Optional<Path> newestCheckpoint(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .max(Comparator.comparingLong(
                            p -> Long.parseLong(p.getFileName().toString().substring(4))));
        }
    }

    private static long sizeOf(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }
}
