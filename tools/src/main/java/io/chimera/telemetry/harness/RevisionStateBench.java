package io.chimera.telemetry.harness;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.aggregate.CombineFileValues;
import io.chimera.telemetry.aggregate.RevisionWindows;
import io.chimera.telemetry.emit.TelemetrySinks;
import io.chimera.telemetry.jobs.JobArguments;
import io.chimera.telemetry.jobs.JobSettings;
import io.chimera.telemetry.jobs.Pipelines;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.management.ObjectName;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * {@code bin/chimera bench --revision-state}: what keeping every window revisable for the horizon costs, as state
 * and checkpoint bytes, by days of history and by revision horizon.
 *
 * <p>The farm: {@value #SUITES} suites each landing one CSV a minute (files 6 s apart, so 10 a minute), each file
 * {@value #VALUES_PER_SERIES} rows per model for {@value #MODELS} models and two metrics: {@value #SERIES} series,
 * every one touched in every minute. Modification times span the history and end shortly before the farm was
 * written; farms are generated once per history and kept. The job is the production one ({@link Pipelines}:
 * the file source reading the farm from disk, the whole topology, landing time, continuous mode) on a local
 * MiniCluster with filesystem checkpoints; only its sinks discard, since writing millions of statistics lines
 * and report documents would measure the disk, not the state. Once every file is read and the watermark has
 * passed the last window, the first checkpoint triggered after that is measured: its bytes on disk, the share of
 * the two revision stages (from the REST API, per job vertex), its duration, and the heap after a full GC.
 */
public final class RevisionStateBench {

    static final int SUITES = 10;
    static final int MODELS = 10;
    static final List<String> METRICS = List.of("tokens_s", "latency_ms");
    static final int VALUES_PER_SERIES = 5;
    static final int SERIES = SUITES * MODELS * 2;
    /** Each suite lands a file a minute; suites land this far apart, so the farm lands one file every 6 s. */
    static final long SUITE_SPACING_MILLIS = 6_000;

    static final long MINUTE_MILLIS = 60_000;

    static final List<String> DEFAULTS = List.of("--watch", "--web-ui-port", "0", "--parallelism", "2");
    /** The horizon is the measurement's own axis (--horizons). */
    private static final Set<String> RESERVED =
            Set.of("--input", "--output", "--once", "--config", "--revision-horizon");

    private static final Set<String> BACKENDS = Set.of("hashmap", "rocksdb");
    /** The job vertices of the two revision stages (operator names, each the head of its chain). */
    static final String SERIES_STAGE = "series-statistics";

    static final String SUMMARY_STAGE = "window-summaries";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);
    /** Flink's default checkpoint timeout: a checkpoint still under way after this has failed anyway. */
    private static final Duration CHECKPOINT_WAIT = Duration.ofMinutes(10);

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME_OF_DAY =
            DateTimeFormatter.ofPattern("HH-mm-ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final PrintStream progress;

    /** @param progress where a long run says how far it got, every 30 s (not part of the results) */
    public RevisionStateBench(PrintStream out, PrintStream progress) {
        this.out = out;
        this.progress = progress;
    }

    public void run(List<String> args) throws Exception {
        List<Duration> histories = List.of(Duration.ofDays(1), Duration.ofDays(7));
        List<Duration> horizons = List.of(Duration.ofDays(1), Duration.ofDays(7));
        List<String> backends = List.of("hashmap");
        Path work = Path.of("target", "bench");
        Duration timeLimit = Duration.ofMinutes(20);
        int histogramClasses = 0;
        List<String> jobFlags = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            switch (flag) {
                case "--history" -> histories = durations(LatencyBench.value(args, ++i, flag), flag);
                case "--horizons" -> horizons = durations(LatencyBench.value(args, ++i, flag), flag);
                case "--state-backend" ->
                    backends = List.of(LatencyBench.value(args, ++i, flag).split(","));
                case "--work" -> work = Path.of(LatencyBench.value(args, ++i, flag));
                case "--time-limit" -> timeLimit = JobArguments.duration(LatencyBench.value(args, ++i, flag), flag);
                case "--heap-histogram" -> histogramClasses = Integer.parseInt(LatencyBench.value(args, ++i, flag));
                default -> jobFlags.add(flag);
            }
        }
        for (String backend : backends) {
            if (!BACKENDS.contains(backend)) {
                throw new IllegalArgumentException(
                        "--state-backend is hashmap or rocksdb (or both, comma-separated), " + "not '" + backend + "'");
            }
        }
        for (Duration history : histories) {
            if (history.toMillis() % MINUTE_MILLIS != 0 || history.isZero()) {
                throw new IllegalArgumentException("--history takes whole minutes, not " + history);
            }
        }
        JobSettings shown = settings(jobFlags, horizons.get(0), work, work);
        out.println("Revision state: " + SUITES + " suites landing one CSV a minute each (10 files a minute, "
                + "6 s apart; " + MODELS + " models × " + METRICS.size() + " metrics × " + VALUES_PER_SERIES
                + " values), " + SERIES + " series, every one in every window");
        out.println("Job: production topology and file source, continuous mode, landing time, window "
                + JobFlags.seconds(shown.window()) + ", parallelism " + shown.parallelism() + ", checkpoint every "
                + JobFlags.seconds(shown.checkpointInterval()) + ", discovery lookback "
                + label(shown.discoveryLookback()) + ", sinks discarding");
        out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, heap limit "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB, Java " + System.getProperty("java.version"));
        out.println();
        out.println("| backend | history | horizon | files | seconds to read all | files/s | series-windows kept "
                + "| checkpoint bytes on disk | written by it | series-statistics bytes | window-summaries bytes "
                + "| bytes per series-window | bytes per suite-window | checkpoint s (last / longest) "
                + "| heap after GC (MB) | RocksDB dir (MB) |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
                + "| ---: | ---: |");
        out.flush();
        List<String> notes = new ArrayList<>();
        for (String backend : backends) {
            for (Duration history : histories) {
                Farm farm = farm(work, history, progress);
                for (Duration horizon : horizons) {
                    measure(
                            farm,
                            horizon,
                            backend,
                            settings(jobFlags, horizon, farm.root(), work.resolve("out")),
                            work,
                            timeLimit,
                            histogramClasses,
                            notes);
                }
            }
        }
        for (String note : notes) {
            out.println();
            out.println(note);
        }
        out.flush();
    }

    private static JobSettings settings(List<String> jobFlags, Duration horizon, Path input, Path output) {
        List<String> defaults = new ArrayList<>(DEFAULTS);
        defaults.addAll(List.of("--revision-horizon", horizon.toSeconds() + "s"));
        return JobFlags.settings(defaults, jobFlags, RESERVED, input, output);
    }

    private void measure(
            Farm farm,
            Duration horizon,
            String backend,
            JobSettings settings,
            Path work,
            Duration timeLimit,
            int histogramClasses,
            List<String> notes)
            throws Exception {
        String run = backend + " " + label(farm.history()) + " / " + label(horizon);
        // A folder per run: the previous run's job may still be deleting its own checkpoints after its cancel.
        Path folder = BenchFarm.emptied(
                work.resolve(("revision-run-" + run).replace(" / ", "-").replace(" ", "")));
        Path checkpoints = folder.resolve("checkpoints");
        Path rocksDb = folder.resolve("rocksdb");
        int port = FlinkRest.freePort();
        FlinkRest rest = new FlinkRest(port);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                settings.parallelism(), configuration(backend, checkpoints, rocksDb, port));
        Pipelines.configure(env, settings);
        Pipelines.telemetryJob(settings, discardingSinks()).build(env);
        RevisionWindows windows = settings.eventTime().windows();

        long start = System.nanoTime();
        JobClient job = env.executeAsync("revision-state-bench");
        String jobId = job.getJobID().toHexString();
        try {
            long deadline = start + timeLimit.toNanos();
            long nextProgress = start + PROGRESS_EVERY.toNanos();
            long read = 0;
            while (read < farm.files() && System.nanoTime() < deadline) {
                JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
                if (status.isGloballyTerminalState()) {
                    notes.add("**" + run + ": the job ended (" + status + ") after " + read + " of " + farm.files()
                            + " files: " + failure(job) + "**");
                    printFailed(backend, farm, horizon, read);
                    return;
                }
                read = filesDone(job);
                if (System.nanoTime() > nextProgress) {
                    progress(run, rest, jobId, read, farm.files(), start);
                    nextProgress += PROGRESS_EVERY.toNanos();
                }
                Thread.sleep(200);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            boolean complete = read >= farm.files();
            if (!complete) {
                notes.add(String.format(
                        Locale.ROOT,
                        "**%s: stopped at the time limit (%s) after %d of %d files; " + "measured as it stood.**",
                        run,
                        JobFlags.seconds(timeLimit),
                        read,
                        farm.files()));
            }
            // The first checkpoint that starts once the watermark has closed the last window read: by then every
            // window the horizon has passed is forgotten, and the barrier follows every record of every file.
            long quietFrom = System.currentTimeMillis() + (complete ? quietNeeded(farm, windows, settings) : 0) + 1000;
            JsonNode checkpoint = awaitCheckpointTriggeredAfter(rest, jobId, quietFrom, job);
            if (checkpoint == null) {
                notes.add("**" + run + ": no checkpoint completed within " + CHECKPOINT_WAIT.toMinutes()
                        + " minutes after the files were read.**");
                printFailed(backend, farm, horizon, read);
                return;
            }
            long id = checkpoint.path("id").asLong();
            Map<String, Long> byStage = stageBytes(rest, jobId, id);
            JsonNode overview = rest.get("/jobs/" + jobId + "/checkpoints");
            double longest = overview.path("summary")
                            .path("end_to_end_duration")
                            .path("max")
                            .asLong()
                    / 1000.0;
            long failed = overview.path("counts").path("failed").asLong();
            JsonNode latestFailed = overview.path("latest").path("failed");
            if (failed > 0 && latestFailed.isObject()) {
                notes.add(run + ": " + failed + " checkpoint(s) failed during the run; the latest, "
                        + latestFailed.path("id").asLong() + ": "
                        + latestFailed.path("failure_message").asText());
            } else if (failed > 0) {
                // Counted but never begun (no id, no history entry): a trigger while the tasks were starting.
                notes.add(run + ": " + failed + " checkpoint trigger(s) failed before the checkpoint began.");
            }
            Path jobCheckpoints = checkpoints.resolve(jobId);
            long onDisk = sizeOf(jobCheckpoints.resolve("chk-" + id))
                    + sizeOf(jobCheckpoints.resolve("shared"))
                    + sizeOf(jobCheckpoints.resolve("taskowned"));
            long heap = heapAfterGc();
            long kept = windowsKept(farm, windows, read);
            long seriesBytes = byStage.getOrDefault(SERIES_STAGE, 0L);
            long summaryBytes = byStage.getOrDefault(SUMMARY_STAGE, 0L);
            out.println(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %.1f | %.0f | %d | %d | %d | %d | %d "
                            + "| %.0f | %.0f | %.1f / %.1f | %d | %s |",
                    backend,
                    label(farm.history()),
                    label(horizon),
                    complete ? String.valueOf(farm.files()) : read + " of " + farm.files(),
                    seconds,
                    read / seconds,
                    kept * SERIES,
                    onDisk,
                    checkpoint.path("checkpointed_size").asLong(),
                    seriesBytes,
                    summaryBytes,
                    kept == 0 ? 0.0 : (double) seriesBytes / (kept * SERIES),
                    kept == 0 ? 0.0 : (double) summaryBytes / (kept * SUITES),
                    checkpoint.path("end_to_end_duration").asLong() / 1000.0,
                    longest,
                    heap >> 20,
                    "rocksdb".equals(backend) ? String.valueOf(sizeOf(rocksDb) >> 20) : "–"));
            out.flush();
            if (histogramClasses > 0) {
                notes.add("Heap after the " + run + " run, the " + histogramClasses + " largest classes (live objects, "
                        + "as jmap -histo:live):\n\n```\n" + heapHistogram(histogramClasses) + "```");
            }
        } finally {
            cancel(job);
        }
    }

    private static Configuration configuration(String backend, Path checkpoints, Path rocksDb, int port) {
        Configuration conf = new Configuration();
        // As a local run: no Kerberos or cloud credentials to obtain, which Flink would warn of.
        conf.set(SecurityOptions.DELEGATION_TOKENS_ENABLED, false);
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, String.valueOf(port));
        conf.set(RestOptions.PORT, port);
        conf.setString("heartbeat.interval", String.valueOf(BenchJob.HEARTBEAT.toMillis()));
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                checkpoints.toAbsolutePath().toUri().toString());
        if ("rocksdb".equals(backend)) {
            // As a local continuous run has it; its working files in the run's folder, so that their size is read.
            Pipelines.useRocksDb(conf, rocksDb);
        } else {
            conf.set(StateBackendOptions.STATE_BACKEND, backend);
        }
        return conf;
    }

    private static TelemetrySinks discardingSinks() {
        return new TelemetrySinks(
                new DiscardingSink<>(),
                new DiscardingSink<>(),
                new DiscardingSink<>(),
                new DiscardingSink<>(),
                new DiscardingSink<>(),
                new DiscardingSink<>(),
                new DiscardingSink<>());
    }

    /**
     * Wall-clock time after the last file until the watermark closes the last window: it trails the newest file
     * by the out-of-orderness, then, once files stop for the flush timeout, moves on with the wall clock.
     */
    static long quietNeeded(Farm farm, RevisionWindows windows, JobSettings settings) {
        long lastFile = farm.timeOf(farm.files() - 1);
        long watermarkWhenFilesStop = lastFile - settings.outOfOrderness().toMillis() - 1;
        long lastClose = windows.closeTime(windows.startOf(lastFile));
        return Math.max(settings.flushTimeout().toMillis(), lastClose - watermarkWhenFilesStop);
    }

    /**
     * The windows still revisable when the watermark has just closed the window of the newest file read: the
     * files are read oldest first, and every window of the farm has files of every suite.
     */
    static long windowsKept(Farm farm, RevisionWindows windows, long filesRead) {
        if (filesRead <= 0) {
            return 0;
        }
        long watermark = windows.closeTime(windows.startOf(farm.timeOf(filesRead - 1)));
        TreeSet<Long> starts = new TreeSet<>();
        for (long file = 0; file < filesRead; file++) {
            starts.add(windows.startOf(farm.timeOf(file)));
        }
        return starts.stream()
                .filter(start -> !windows.isTooLate(start, watermark))
                .count();
    }

    private JsonNode awaitCheckpointTriggeredAfter(FlinkRest rest, String jobId, long triggeredAfter, JobClient job)
            throws Exception {
        long deadline =
                System.currentTimeMillis() + (triggeredAfter - System.currentTimeMillis()) + CHECKPOINT_WAIT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                return null;
            }
            JsonNode latest =
                    rest.get("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
            if (!latest.isMissingNode()
                    && !latest.isNull()
                    && latest.path("trigger_timestamp").asLong() >= triggeredAfter) {
                return latest;
            }
            Thread.sleep(500);
        }
        return null;
    }

    /** Bytes of the checkpoint per revision stage: the job vertex that the stage heads. */
    private static Map<String, Long> stageBytes(FlinkRest rest, String jobId, long checkpointId) throws Exception {
        JsonNode tasks = rest.get("/jobs/" + jobId + "/checkpoints/details/" + checkpointId)
                .path("tasks");
        Map<String, Long> byStage = new java.util.HashMap<>();
        for (JsonNode vertex : rest.get("/jobs/" + jobId).path("vertices")) {
            String name = vertex.path("name").asText();
            long bytes =
                    tasks.path(vertex.path("id").asText()).path("state_size").asLong();
            for (String stage : List.of(SERIES_STAGE, SUMMARY_STAGE)) {
                if (name.startsWith(stage)) {
                    byStage.merge(stage, bytes, Long::sum);
                }
            }
        }
        return byStage;
    }

    private void progress(String run, FlinkRest rest, String jobId, long read, long files, long start) {
        String checkpoint;
        try {
            JsonNode latest =
                    rest.get("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
            checkpoint = latest.isMissingNode() || latest.isNull()
                    ? "none completed yet"
                    : String.format(
                            Locale.ROOT,
                            "%d bytes in %.1f s",
                            latest.path("state_size").asLong(),
                            latest.path("end_to_end_duration").asLong() / 1000.0);
        } catch (Exception e) {
            checkpoint = "unknown (" + e.getMessage() + ")";
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        // The farm lands SUITES files a minute: files read so far are this much of its history.
        double days = read / (double) SUITES / Duration.ofDays(1).toMinutes();
        progress.println(String.format(
                Locale.ROOT,
                "revision-state %s: %d of %d files (%.2f days) after %.0f s; " + "heap %d MB; newest checkpoint %s",
                run,
                read,
                files,
                days,
                (System.nanoTime() - start) / 1e9,
                heap >> 20,
                checkpoint));
        progress.flush();
    }

    private void printFailed(String backend, Farm farm, Duration horizon, long read) {
        out.println("| " + backend + " | " + label(farm.history()) + " | " + label(horizon) + " | " + read + " of "
                + farm.files() + " | – | – | – | – | – | – | – | – | – | – | – | – |");
        out.flush();
    }

    private static String failure(JobClient job) {
        try {
            job.getJobExecutionResult().get(1, TimeUnit.MINUTES);
            return "no error";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause.toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static void cancel(JobClient job) throws Exception {
        if (!job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
            job.cancel().get(5, TimeUnit.MINUTES);
        }
        try {
            job.getJobExecutionResult().get(5, TimeUnit.MINUTES);
        } catch (ExecutionException cancelled) {
            // A cancelled job ends with an exception: the expected end of a continuous run.
        }
    }

    private static long filesDone(JobClient job) throws Exception {
        return BenchJob.count(
                job.getAccumulators().get(10, TimeUnit.SECONDS), CombineFileValues.FILES_DONE_ACCUMULATOR);
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The JVM's own class histogram of live objects (what jmap -histo:live prints), its first lines. */
    static String heapHistogram(int classes) throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer()
                .invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "gcClassHistogram",
                        new Object[] {new String[0]},
                        new String[] {String[].class.getName()});
        StringBuilder top = new StringBuilder();
        Iterator<String> lines = histogram.lines().iterator();
        // Two header lines, then one line per class, largest first.
        for (int i = 0; i < classes + 2 && lines.hasNext(); i++) {
            top.append(lines.next()).append('\n');
        }
        return top.toString();
    }

    private static long sizeOf(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    /**
     * The farm of {@code history}, under {@code work}, generated once and kept: its files' times are read back
     * from its marker, so a farm written hours ago is measured as it is (the watermark only ever moves from the
     * files' own times).
     */
    static Farm farm(Path work, Duration history, PrintStream progress) throws IOException {
        Path root = work.resolve("revision-farm-" + label(history).replace(" ", ""));
        Path marker = root.resolve(".complete");
        int minutes = (int) (history.toMillis() / MINUTE_MILLIS);
        if (Files.exists(marker)) {
            return new Farm(
                    root, history, Long.parseLong(Files.readString(marker).trim()), minutes);
        }
        BenchFarm.emptied(root);
        long generating = System.nanoTime();
        long firstMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli() - minutes * MINUTE_MILLIS;
        Farm farm = new Farm(root, history, firstMinute, minutes);
        // Half a million small files: written in parallel, each with its time set after its bytes.
        IntStream.range(0, minutes).parallel().forEach(minute -> {
            for (int suite = 0; suite < SUITES; suite++) {
                farm.write(minute, suite);
            }
        });
        Files.writeString(marker, String.valueOf(firstMinute));
        progress.println(String.format(
                Locale.ROOT,
                "revision-state: generated %d files for %s in %.0f s",
                farm.files(),
                label(history),
                (System.nanoTime() - generating) / 1e9));
        return farm;
    }

    /**
     * A generated farm: file k (oldest first) is suite k mod 10's file of minute k / 10.
     *
     * @param firstMinuteMillis the start of the farm's first minute
     */
    record Farm(Path root, Duration history, long firstMinuteMillis, int minutes) {

        int files() {
            return minutes * SUITES;
        }

        long timeOf(long file) {
            return firstMinuteMillis + (file / SUITES) * MINUTE_MILLIS + (file % SUITES) * SUITE_SPACING_MILLIS;
        }

        void write(int minute, int suite) {
            long landed = timeOf((long) minute * SUITES + suite);
            Instant at = Instant.ofEpochMilli(landed);
            Path file = root.resolve(String.format(Locale.ROOT, "suite-%02d", suite))
                    .resolve(DAY.format(at))
                    .resolve(TIME_OF_DAY.format(at) + ".csv");
            SplittableRandom random = new SplittableRandom(suite * 100_000_000L + minute);
            StringBuilder csv = new StringBuilder(2600).append("timestamp,model,tokens_s,latency_ms\n");
            for (int value = 0; value < VALUES_PER_SERIES; value++) {
                // The rows of a run, a second apart, the last at the moment the file lands.
                String time = Instant.ofEpochMilli(landed - (VALUES_PER_SERIES - 1 - value) * 1000L)
                        .toString();
                for (int model = 0; model < MODELS; model++) {
                    double tokens = 40 + 12 * model + random.nextDouble() * 4;
                    double latency = 200 + 30 * model + random.nextDouble() * 10;
                    csv.append(time)
                            .append(",model-")
                            .append(model)
                            .append(',')
                            .append(Math.round(tokens * 100) / 100.0)
                            .append(',')
                            .append(Math.round(latency * 100) / 100.0)
                            .append('\n');
                }
            }
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, csv);
                Files.setLastModifiedTime(file, FileTime.fromMillis(landed));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static String label(Duration duration) {
        if (duration.toMillis() % Duration.ofDays(1).toMillis() == 0) {
            return duration.toDays() + " d";
        }
        if (duration.toMillis() % Duration.ofHours(1).toMillis() == 0) {
            return duration.toHours() + " h";
        }
        return duration.toMinutes() + " min";
    }

    private static List<Duration> durations(String list, String flag) {
        return Stream.of(list.split(","))
                .map(String::trim)
                .map(d -> JobArguments.duration(d, flag))
                .toList();
    }
}
