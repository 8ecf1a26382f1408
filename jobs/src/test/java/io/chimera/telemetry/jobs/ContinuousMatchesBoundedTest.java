package io.chimera.telemetry.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.emit.TelemetrySinks;
import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.Inventory;
import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.TooLate;
import io.chimera.telemetry.records.WindowSummary;
import io.chimera.telemetry.source.LocalArtifacts;
import io.chimera.telemetry.testing.Corpus;
import io.chimera.telemetry.time.TimeBasis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The promise of watch mode: on the same files, whatever order they land in, the watching job's statistics (the
 * latest revision of each) equal the bounded run's, value for value, and so do its windows' inventories. The real
 * corpus (../shared/corpus: the Chimera tree and the standard tools' outputs, a dozen suites) is half in place when
 * the job starts, a farm's history; the other half lands shuffled while it runs, several suites at once, some
 * copied in with old modification times (cp -p), some older than the discovery lookback, and long runs land at
 * their end with rows spanning 30 minutes; halfway through the landing the job is stopped with a savepoint and
 * restored from it.
 */
class ContinuousMatchesBoundedTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    private static final Duration WINDOW = Duration.ofSeconds(5);
    private static final Duration HISTORY = Duration.ofMinutes(10);
    private static final long SEED = 12;

    @ParameterizedTest
    @EnumSource(TimeBasis.class)
    void theLatestRevisionOfEveryStatisticEqualsTheBoundedRun(TimeBasis basis, @TempDir Path root) throws Exception {
        Path farm = Files.createDirectories(root.resolve("farm"));
        List<Artifact> artifacts = corpusAndLongRuns(root.resolve("long-runs"));
        Collections.shuffle(artifacts, new Random(SEED));
        // One long run in the history, another landing later with rows at the same times: by measured time, the
        // later one revises the earlier one's windows.
        Collections.swap(artifacts, 0, indexOf(artifacts, "soak/run-0/soak.csv"));
        Collections.swap(artifacts, artifacts.size() - 1, indexOf(artifacts, "soak/run-1/soak.csv"));
        long now = System.currentTimeMillis();
        int half = artifacts.size() / 2;
        for (int i = 0; i < half; i++) {
            // The farm's history: in place at the start, landed over the last ten minutes.
            copy(artifacts.get(i), farm, now - HISTORY.toMillis() + i * HISTORY.toMillis() / half);
        }
        settleFolderTimes(farm);
        JobSettings watching = settings(farm, root.resolve("out-watching"), basis, false);
        Sinks continuous = new Sinks("watching-" + basis);
        int history = LocalArtifacts.under(farm).size();
        Sinks bounded = new Sinks("bounded-" + basis);
        JobClient job = start(watching, continuous);
        try {
            // The history read and reported before the rest lands, as when a job starts on a farm's folder.
            waitUntilQuiet(continuous, history);
            Random random = new Random(SEED);
            int restartAt = half + (artifacts.size() - half) / 2;
            for (int i = half; i < artifacts.size(); i++) {
                if (i == restartAt) {
                    // Stopped halfway through the landing and restored: nothing read twice, nothing lost.
                    String savepoint = Savepoints.stopWithSavepoint(job, root.resolve("savepoints-" + basis));
                    Configuration restore = new Configuration();
                    restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
                    job = start(watching, continuous, restore);
                }
                long modified = System.currentTimeMillis() - 400;
                if (i % 6 == 0) {
                    // Copied in with its modification time kept, that of a file of the history: it lands in a
                    // window already reported.
                    modified = Files.getLastModifiedTime(farm.resolve(
                                    artifacts.get(random.nextInt(half)).relative()))
                            .toMillis();
                } else if (i % 6 == 3) {
                    // Copied in with a time of its own from the past: a window reported empty, or not at all.
                    modified = now - HISTORY.toMillis() + (long) (random.nextDouble() * HISTORY.toMillis());
                } else if (i % 6 == 5) {
                    // Copied in from an archive one to three hours old, older than the discovery lookback (1 h).
                    modified = now
                            - Duration.ofHours(3).toMillis()
                            + (long) (random.nextDouble() * Duration.ofHours(2).toMillis());
                }
                copy(artifacts.get(i), farm, modified);
                Thread.sleep(50);
            }
            // The bounded run over the same files, while the watching job still takes them in; then the watching
            // job is done when it has every series window the bounded run has (by measured time, a file counts in
            // several windows' inventories, so counting files would not tell).
            JobSettings once = settings(farm, root.resolve("out-once"), basis, true);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            Pipelines.configure(env, once);
            job(once, bounded).execute(env, "bounded-" + basis);
            waitUntilQuiet(continuous, latest(bounded.stats.received()).keySet());
        } finally {
            job.cancel().get();
        }

        Map<String, SeriesStats> expected = latest(bounded.stats.received());
        Map<String, SeriesStats> actual = latest(continuous.stats.received());
        assertEquals(expected.keySet(), actual.keySet(), "the same series and windows");
        for (Map.Entry<String, SeriesStats> entry : expected.entrySet()) {
            assertSameNumbers(entry.getValue(), actual.get(entry.getKey()), entry.getKey());
        }
        assertTrue(bounded.stats.received().stream().allMatch(s -> s.revision == 0), "a bounded run never revises");
        assertTrue(
                continuous.summaries.received().stream().anyMatch(s -> s.revision > 0),
                "files that landed in reported windows revised them");
        if (basis == TimeBasis.MEASURED) {
            assertTrue(
                    continuous.stats.received().stream().anyMatch(s -> s.suite.equals("soak") && s.revision > 0),
                    "the second long run revised the first one's statistics");
        }
        assertEquals(List.of(), continuous.tooLate.received(), "nothing beyond the revision horizon");
        assertEquals(
                inventories(bounded.summaries.received()),
                inventories(continuous.summaries.received()),
                "the same files in the same windows' inventories");
        if (basis == TimeBasis.LANDED) {
            assertEquals(
                    LocalArtifacts.under(farm).size(),
                    inventoriedFiles(continuous),
                    "every file in one window's inventory");
        }
        for (WindowSummary summary :
                latestSummaries(continuous.summaries.received()).values()) {
            long values =
                    summary.series.stream().mapToLong(s -> s.count + s.failed).sum();
            String window = summary.suite + " " + summary.windowStart;
            assertEquals(values, summary.inventory.events, window + ": the inventory counts its statistics' values");
            assertTrue(values == 0 || summary.inventory.files > 0, window + ": values come from files counted");
        }
    }

    /** An artifact and where it goes in the farm: the corpus's folders become suites. */
    private record Artifact(Path source, String relative) {}

    private static List<Artifact> corpusAndLongRuns(Path longRuns) throws IOException {
        List<Artifact> artifacts = new ArrayList<>();
        for (Path base : List.of(Corpus.chimera(), Corpus.formats())) {
            try (Stream<Path> files = Files.walk(base)) {
                files.filter(Files::isRegularFile)
                        .filter(f -> !f.getFileName().toString().equals("LICENSE"))
                        .forEach(f ->
                                artifacts.add(new Artifact(f, base.relativize(f).toString())));
            }
        }
        // Long runs written at their end: rows every minute for the 30 minutes before they land.
        Files.createDirectories(longRuns);
        long end = System.currentTimeMillis();
        for (int run = 0; run < 3; run++) {
            StringBuilder csv = new StringBuilder("timestamp,model,tokens_s,latency_ms\n");
            for (int minute = 30; minute >= 0; minute--) {
                csv.append(Instant.ofEpochMilli(end - minute * 60_000L))
                        .append(",llama3,")
                        .append(100 + run + minute % 7 * 0.37)
                        .append(',')
                        .append(20 + minute * 0.11)
                        .append('\n');
            }
            Path file = longRuns.resolve("soak-" + run + ".csv");
            Files.writeString(file, csv);
            artifacts.add(new Artifact(file, "soak/run-" + run + "/soak.csv"));
        }
        return artifacts;
    }

    private static int indexOf(List<Artifact> artifacts, String relative) {
        for (int i = 0; i < artifacts.size(); i++) {
            if (artifacts.get(i).relative().equals(relative)) {
                return i;
            }
        }
        throw new IllegalArgumentException(relative);
    }

    /**
     * A farm's history as it lies on disk: each folder last changed when its newest file landed, long before the
     * job starts, so that the job's listings leave the folders nothing lands in unread.
     */
    private static void settleFolderTimes(Path farm) throws IOException {
        List<Path> folders;
        try (var walk = Files.walk(farm)) {
            folders = walk.filter(Files::isDirectory).toList();
        }
        long oldest = Long.MAX_VALUE;
        for (Path folder : folders) {
            try (var entries = Files.list(folder)) {
                for (Path entry : entries.toList()) {
                    oldest = Math.min(oldest, Files.getLastModifiedTime(entry).toMillis());
                }
            }
        }
        for (Path folder : folders) {
            long newest = oldest;
            try (var entries = Files.list(folder)) {
                for (Path file : entries.filter(Files::isRegularFile).toList()) {
                    newest = Math.max(newest, Files.getLastModifiedTime(file).toMillis());
                }
            }
            Files.setLastModifiedTime(folder, FileTime.fromMillis(newest));
        }
    }

    /** The writer's contract: a hidden copy, its modification time set, renamed into place. */
    private static void copy(Artifact artifact, Path farm, long modifiedMillis) throws IOException {
        Path target = farm.resolve(artifact.relative());
        Files.createDirectories(target.getParent());
        Path hidden = target.resolveSibling("." + target.getFileName());
        Files.copy(artifact.source(), hidden, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(hidden, FileTime.fromMillis(modifiedMillis));
        Files.move(hidden, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static JobSettings settings(Path farm, Path out, TimeBasis basis, boolean bounded) {
        // By the rows' own times the corpus spans ten years (a Google Benchmark run of 2016, Chimera's 2025 rows,
        // files without times at their landing): a horizon of twenty keeps every window revisable.
        Duration horizon =
                basis == TimeBasis.LANDED ? EventTimeSettings.DEFAULT_REVISION_HORIZON : Duration.ofDays(20 * 365);
        return TestSettings.over(out, farm)
                .set(JobOptions.ONCE, bounded)
                .set(JobOptions.DISCOVERY_INTERVAL, Duration.ofMillis(200))
                .set(JobOptions.WINDOW, WINDOW)
                .set(JobOptions.OUT_OF_ORDERNESS, Duration.ofMillis(500))
                .set(JobOptions.FLUSH_TIMEOUT, Duration.ofSeconds(1))
                .set(JobOptions.TIME_BASIS, basis)
                .set(JobOptions.REVISION_HORIZON, horizon)
                .set(JobOptions.SETTLE_TIME, Duration.ofMillis(300))
                .set(JobOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(1))
                .set(JobOptions.PARALLELISM, 2)
                .settings();
    }

    private static TelemetryJob job(JobSettings settings, Sinks sinks) {
        return new TelemetryJob(
                Pipelines.fileSource(settings), sinks.telemetrySinks(), settings.eventTime(), settings.llm());
    }

    private static JobClient start(JobSettings settings, Sinks sinks) throws Exception {
        return start(settings, sinks, new Configuration());
    }

    private static JobClient start(JobSettings settings, Sinks sinks, Configuration conf) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        Pipelines.configure(env, settings);
        job(settings, sinks).build(env);
        return env.executeAsync("watching");
    }

    /**
     * Until the inventories count every file and nothing new has come for a few seconds. By measured time a file
     * counts in every window its rows give values to, so there the inventories count at least the files.
     */
    private static void waitUntilQuiet(Sinks sinks, int files) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int seen = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int now = sinks.stats.received().size() + sinks.summaries.received().size();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            }
            if (inventoriedFiles(sinks) >= files
                    && System.nanoTime() - quietSince > Duration.ofSeconds(3).toNanos()) {
                return;
            }
            Thread.sleep(200);
        }
        Map<String, Integer> bySuite = new TreeMap<>();
        latestSummaries(sinks.summaries.received())
                .forEach((key, summary) -> bySuite.merge(key.split(" ")[0], summary.inventory.files, Integer::sum));
        int accounted = bySuite.values().stream().mapToInt(Integer::intValue).sum();
        throw new AssertionError("the watching job accounted for " + accounted + " of " + files
                + " files in its inventories, by suite: " + bySuite);
    }

    /** Until the watching job has every one of these series windows and nothing new has come for a few seconds. */
    private static void waitUntilQuiet(Sinks sinks, java.util.Set<String> seriesWindows) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int seen = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int now = sinks.stats.received().size() + sinks.summaries.received().size();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            }
            boolean all = latest(sinks.stats.received()).keySet().containsAll(seriesWindows);
            if (all && System.nanoTime() - quietSince > Duration.ofSeconds(3).toNanos()) {
                return;
            }
            Thread.sleep(200);
        }
        java.util.Set<String> missing = new java.util.TreeSet<>(seriesWindows);
        missing.removeAll(latest(sinks.stats.received()).keySet());
        throw new AssertionError(missing.size() + " series windows of the bounded run never came, e.g. "
                + missing.stream().limit(3).toList());
    }

    private static String key(SeriesStats s) {
        return s.suite + " " + s.windowStart + " " + s.metric + " [" + s.unit + "] " + new TreeMap<>(s.series);
    }

    /** The highest revision of each series' window. */
    private static Map<String, SeriesStats> latest(List<SeriesStats> all) {
        return all.stream()
                .collect(Collectors.toMap(
                        ContinuousMatchesBoundedTest::key,
                        Function.identity(),
                        (a, b) -> a.revision >= b.revision ? a : b,
                        TreeMap::new));
    }

    /** The latest revision of each suite's window summary. */
    private static Map<String, WindowSummary> latestSummaries(List<WindowSummary> all) {
        return all.stream()
                .collect(Collectors.toMap(
                        s -> s.suite + " " + s.windowStart,
                        Function.identity(),
                        (a, b) -> a.revision >= b.revision ? a : b,
                        TreeMap::new));
    }

    /** Inventory entries in the latest revisions of the summaries (a file counts once in each of its windows). */
    private static int inventoriedFiles(Sinks sinks) {
        return latestSummaries(sinks.summaries.received()).values().stream()
                .mapToInt(s -> s.inventory.files)
                .sum();
    }

    /** The inventory of each suite's window that counts files, from its latest revision. */
    private static Map<String, String> inventories(List<WindowSummary> all) {
        Map<String, String> inventories = new TreeMap<>();
        latestSummaries(all).forEach((key, summary) -> {
            Inventory i = summary.inventory;
            if (i.files > 0) {
                inventories.put(
                        key,
                        i.files + " files " + i.filesByFormat + ", " + i.bytes + " bytes, latest "
                                + i.latestModified + ", folders " + i.folders + ", " + i.parsed + " parsed, "
                                + i.deadLetters + " dead " + i.deadLetterReasons + ", " + i.rows + " rows, "
                                + i.failedRows
                                + " failed, " + i.events + " events");
            }
        });
        return inventories;
    }

    private static void assertSameNumbers(SeriesStats expected, SeriesStats actual, String key) {
        assertEquals(expected.count, actual.count, key + " count");
        assertEquals(expected.failed, actual.failed, key + " failed");
        for (String[] field : new String[][] {{"sum"}, {"mean"}, {"min"}, {"max"}, {"stddev"}}) {
            double e = value(expected, field[0]);
            double a = value(actual, field[0]);
            assertEquals(
                    Double.doubleToLongBits(e),
                    Double.doubleToLongBits(a),
                    key + " " + field[0] + ": " + e + " vs " + a);
        }
        assertEquals(expected.exactPercentiles, actual.exactPercentiles, key + " exact percentiles");
        for (String field : List.of("p50", "p90", "p95", "p99")) {
            double e = value(expected, field);
            double a = value(actual, field);
            if (expected.exactPercentiles) {
                assertEquals(Double.doubleToLongBits(e), Double.doubleToLongBits(a), key + " " + field);
            } else {
                assertEquals(e, a, Math.abs(e) * 0.01, key + " " + field + " within the sketch's 1 %");
            }
        }
        assertEquals(expected.firstEventTime, actual.firstEventTime, key + " first event time");
        assertEquals(expected.lastEventTime, actual.lastEventTime, key + " last event time");
    }

    private static double value(SeriesStats stats, String field) {
        return switch (field) {
            case "sum" -> stats.sum;
            case "mean" -> stats.mean;
            case "min" -> stats.min;
            case "max" -> stats.max;
            case "stddev" -> stats.stddev;
            case "p50" -> stats.p50;
            case "p90" -> stats.p90;
            case "p95" -> stats.p95;
            default -> stats.p99;
        };
    }

    /** Collecting sinks of one run. */
    private static final class Sinks {
        final CollectingSink<SeriesStats> stats;
        final CollectingSink<WindowSummary> summaries;
        final CollectingSink<Report> reports;
        final CollectingSink<Report> documents;
        final CollectingSink<DeadLetter> deadLetters;
        final CollectingSink<Alert> alerts;
        final CollectingSink<TooLate> tooLate;

        Sinks(String run) {
            String id = run + "-" + System.nanoTime();
            stats = CollectingSink.named(id + "-stats");
            summaries = CollectingSink.named(id + "-summaries");
            reports = CollectingSink.named(id + "-reports");
            documents = CollectingSink.named(id + "-documents");
            deadLetters = CollectingSink.named(id + "-dead-letters");
            alerts = CollectingSink.named(id + "-alerts");
            tooLate = CollectingSink.named(id + "-too-late");
        }

        TelemetrySinks telemetrySinks() {
            return new TelemetrySinks(stats, summaries, reports, documents, deadLetters, alerts, tooLate);
        }
    }
}
