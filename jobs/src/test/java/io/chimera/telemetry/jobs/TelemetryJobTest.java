package io.chimera.telemetry.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.emit.TelemetrySinks;
import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.TooLate;
import io.chimera.telemetry.records.WindowSummary;
import io.chimera.telemetry.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The telemetry pipeline on a real Flink MiniCluster, with the production file source. */
class TelemetryJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final CollectingSink<SeriesStats> stats = CollectingSink.named("stats-" + System.nanoTime());
    private final CollectingSink<WindowSummary> summaries = CollectingSink.named("summaries-" + System.nanoTime());
    private final CollectingSink<Report> reports = CollectingSink.named("reports-" + System.nanoTime());
    private final CollectingSink<Report> documents = CollectingSink.named("documents-" + System.nanoTime());
    private final CollectingSink<DeadLetter> deadLetters = CollectingSink.named("dead-" + System.nanoTime());
    private final CollectingSink<Alert> alerts = CollectingSink.named("alerts-" + System.nanoTime());
    private final CollectingSink<TooLate> tooLate = CollectingSink.named("too-late-" + System.nanoTime());

    @Test
    void boundedRunOverTheCorpusMatchesAHandComputation(@TempDir Path out) throws Exception {
        JobSettings settings = TestSettings.once(Corpus.chimera(), out).settings();

        job(settings).execute(environment(settings, new Configuration()), "bounded-corpus");

        // reports/gemma3/gemma3_1b-it-qat_baseline.csv, column tokens_s, by hand:
        double[] tokensS = {
            181.96533720183703, 182.6378183544046, 184.2363135373321, 182.66757650517033, 182.8489434688796
        };
        double mean = (tokensS[0] + tokensS[1] + tokensS[2] + tokensS[3] + tokensS[4]) / 5;
        SeriesStats gemma = stats.received().stream()
                .filter(s -> s.metric.equals("tokens_s") && "gemma3_1b-it-qat_baseline".equals(s.series.get("file")))
                .collect(single());
        assertEquals(5, gemma.count);
        assertEquals(0, gemma.failed);
        assertEquals(mean, gemma.mean, 1e-9);
        assertEquals(181.96533720183703, gemma.min);
        assertEquals(184.2363135373321, gemma.max);
        assertEquals("tok/s", gemma.unit);
        assertEquals("reports", gemma.suite);
        assertEquals(182.66757650517033, gemma.p50, 1e-9, "the middle of five values");

        List<WindowSummary> all = summaries.received();
        assertEquals(
                all.size(),
                all.stream().map(s -> s.suite + "@" + s.windowStart).distinct().count(),
                "one summary per suite and window");
        assertEquals(104, all.stream().mapToInt(s -> s.inventory.files).sum(), "every artifact in one inventory");
        assertEquals(1, all.stream().mapToInt(s -> s.inventory.deadLetters).sum());
        assertEquals(
                List.of("reports/profiling/ncu_summary.csv"),
                deadLetters.received().stream().map(d -> d.sourcePath).toList());
        assertEquals(all.size(), reports.received().size(), "one report per summary");
        assertEquals(all.size(), documents.received().size());
        for (Report report : reports.received()) {
            assertEquals("builtin", report.narrator);
            assertEquals("ok", report.status);
            assertEquals(List.of(), report.grounding.unsupported, report.suite + "@" + report.windowStart);
            assertEquals(1.0, report.grounding.ratio);
        }
        long statsInSummaries = all.stream().mapToLong(s -> s.series.size()).sum();
        assertEquals(stats.received().size(), statsInSummaries, "every series statistic in its suite's summary");
    }

    @Test
    void aRegressionReachesTheAlertsOutputTheReportAndItsNarrative(@TempDir Path root) throws Exception {
        Path farm = Files.createDirectories(root.resolve("farm/llm"));
        double[] tokensPerSecond = {100, 101, 99, 100, 102, 98, 100, 70};
        for (int minute = 0; minute < tokensPerSecond.length; minute++) {
            Instant at = Instant.parse("2026-11-20T09:00:30Z").plus(Duration.ofMinutes(minute));
            Path run = farm.resolve("run-" + minute + ".csv");
            Files.writeString(run, csv("model,tokens_s", at, "gemma3," + tokensPerSecond[minute]));
            // One run landing a minute: the landing time puts each in its own window.
            Files.setLastModifiedTime(run, FileTime.from(at));
        }
        JobSettings settings =
                TestSettings.once(root.resolve("farm"), root.resolve("out")).settings();

        job(settings).execute(environment(settings, new Configuration()), "regression");

        List<Alert> raised = alerts.received();
        assertEquals(1, raised.size(), "one regression, no false alarm in the steady minutes");
        Alert alert = raised.get(0);
        assertEquals(Alert.REGRESSION, alert.kind);
        assertEquals("2026-11-20T09:07:00Z", alert.windowStart);
        assertEquals(100.0, alert.baselineMean, 1e-9);
        assertEquals(-30.0, alert.changePercent, 1e-9);
        Report report = reports.received().stream()
                .filter(r -> r.windowStart.equals("2026-11-20T09:07:00Z"))
                .collect(single());
        assertEquals(1, report.alerts.size());
        assertTrue(
                report.narrative.contains("**Regressions.** tokens_s [tok/s] {file=run, model=gemma3} -30.00%"),
                report.narrative);
        assertEquals(List.of(), report.grounding.unsupported);
    }

    @Test
    void emitsOneSummaryPerWindowAndSuiteAsFilesLandAndClosesTheLastWindowWithoutNewerData(@TempDir Path root)
            throws Exception {
        Path watched = Files.createDirectories(root.resolve("watched"));
        JobSettings settings =
                TestSettings.watching(watched, root.resolve("out")).settings();
        JobClient job = start(settings, new Configuration());
        try {
            Instant first = land(watched, "llm/run-1.csv", csv("model,tokens_s", EARLIER, "gemma3,100", "gemma3,110"));
            land(watched, "kernels/gemm.csv", csv("kernel,time_us", EARLIER, "gemm_tn,5.5"), first.toEpochMilli());
            waitUntil(() -> summaryCount() >= 2, "the first window's summaries of both suites");
            // A later run, landed after the first window has closed.
            Instant later = land(watched, "llm/run-2.csv", csv("model,tokens_s", EARLIER, "gemma3,120"));

            waitUntil(() -> summaryCount() >= 3, "three summaries");
            Thread.sleep(settings.flushTimeout().plus(settings.window()).toMillis());

            List<WindowSummary> all = summaries.received();
            Map<String, Long> perSuiteWindow = all.stream()
                    .collect(Collectors.groupingBy(s -> s.suite + "@" + s.windowStart, Collectors.counting()));
            assertEquals(3, perSuiteWindow.size(), perSuiteWindow.toString());
            assertTrue(perSuiteWindow.values().stream().allMatch(n -> n == 1), perSuiteWindow.toString());
            WindowSummary llmFirst = summary("llm", first, settings);
            assertEquals(1, llmFirst.inventory.files);
            assertEquals(105.0, llmFirst.series.get(0).mean, 1e-9);
            assertEquals(EARLIER.toString(), llmFirst.series.get(0).firstEventTime, "the rows' own times stay");
            // run-2 is the last data of all: its window closes by the flush, with no newer file behind it.
            WindowSummary llmLater = summary("llm", later, settings);
            assertEquals(120.0, llmLater.series.get(0).mean, 1e-9);
            assertTrue(all.stream().allMatch(summary -> summary.revision == 0), "nothing late, nothing revised");
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aFileLandingInAReportedWindowRevisesExactlyThatWindowOnce(@TempDir Path root) throws Exception {
        Path watched = Files.createDirectories(root.resolve("watched"));
        JobSettings settings =
                TestSettings.watching(watched, root.resolve("out")).settings();
        JobClient job = start(settings, new Configuration());
        try {
            Instant first = land(watched, "llm/run-1.csv", csv("model,tokens_s", EARLIER, "gemma3,100"));
            land(watched, "kernels/gemm.csv", csv("kernel,time_us", EARLIER, "gemm_tn,5.5"), first.toEpochMilli());
            waitUntil(() -> summaryCount() >= 2, "the first window's summaries");
            Instant next = land(watched, "llm/run-2.csv", csv("model,tokens_s", EARLIER, "gemma3,130"));
            waitUntil(() -> summaryCount() >= 3, "the next window's summary");

            // Copied in with its old modification time kept (cp -p): it belongs to the first window.
            land(
                    watched,
                    "llm/run-3.csv",
                    csv("model,tokens_s", EARLIER, "gemma3,90", "gemma3,95"),
                    first.toEpochMilli());
            waitUntil(() -> summaryCount() >= 4, "the revision");
            Thread.sleep(settings.flushTimeout().plus(settings.window()).toMillis());

            List<WindowSummary> all = summaries.received();
            assertEquals(
                    4,
                    all.size(),
                    "one revision, of one window: "
                            + all.stream()
                                    .map(s -> s.suite + "@" + s.windowStart + " r" + s.revision)
                                    .toList());
            WindowSummary revised = all.get(3);
            assertEquals("llm", revised.suite);
            assertEquals(windowOf(first, settings), revised.windowStart);
            assertEquals(1, revised.revision);
            assertEquals(2, revised.inventory.files);
            assertEquals(3, revised.series.get(0).count, "the straggler's values are averaged in");
            assertEquals(95.0, revised.series.get(0).mean, 1e-9);
            assertEquals(1, revised.revisionAdded.files);
            assertEquals(2, revised.revisionAdded.values);
            assertEquals(List.of("llm/run-3.csv"), revised.revisionAdded.sources);
            assertEquals(1, summary("llm", next, settings).series.get(0).count, "the next window is untouched");

            List<SeriesStats> firstWindowStats = stats.received().stream()
                    .filter(s -> s.suite.equals("llm") && s.windowStart.equals(windowOf(first, settings)))
                    .toList();
            assertEquals(
                    List.of("0 1", "1 3"),
                    firstWindowStats.stream()
                            .map(s -> s.revision + " " + s.count)
                            .toList());
            waitUntil(() -> reports.received().size() >= 4, "the revision's report");
            Report report =
                    reports.received().stream().filter(r -> r.dataRevision == 1).collect(single());
            assertEquals(windowOf(first, settings), report.windowStart);
            assertTrue(report.narrative.contains("**Revision 1.**"), report.narrative);
            assertEquals(List.of(), report.grounding.unsupported);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void valuesPastTheRevisionHorizonGoToTheTooLateOutputAndTheNextReport(@TempDir Path root) throws Exception {
        Path watched = Files.createDirectories(root.resolve("watched"));
        JobSettings settings = TestSettings.watching(watched, root.resolve("out"))
                .set(JobOptions.REVISION_HORIZON, Duration.ZERO)
                .settings();
        JobClient job = start(settings, new Configuration());
        try {
            Instant first = land(watched, "llm/run-1.csv", csv("model,tokens_s", EARLIER, "gemma3,100"));
            waitUntil(() -> summaryCount() >= 1, "the first window's summary");

            land(watched, "llm/old.csv", csv("model,tokens_s", EARLIER, "gemma3,1", "gemma3,2"), first.toEpochMilli());
            waitUntil(() -> tooLate.received().size() >= 1, "the too-late record");
            Instant next = land(watched, "llm/run-2.csv", csv("model,tokens_s", EARLIER, "gemma3,130"));
            waitUntil(() -> summaryCount() >= 2, "the next window's summary");

            TooLate late = tooLate.received().get(0);
            assertEquals("llm/old.csv", late.sourcePath);
            assertEquals(windowOf(first, settings), late.windowStart);
            assertEquals(2, late.values);
            assertTrue(late.file);
            WindowSummary after = summary("llm", next, settings);
            assertEquals(2, after.tooLate.values, "named in the suite's next report");
            assertEquals(List.of("llm/old.csv"), after.tooLate.sources);
            assertEquals(1, after.series.get(0).count, "never averaged into another window");
            assertEquals(1, summary("llm", first, settings).series.get(0).count);
            assertTrue(summaries.received().stream().allMatch(summary -> summary.revision == 0));
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aFileStillBeingWrittenIsReadOnlyOnceItHasSettled(@TempDir Path root) throws Exception {
        Path watched = Files.createDirectories(root.resolve("watched"));
        JobSettings settings = TestSettings.watching(watched, root.resolve("out"))
                .set(JobOptions.SETTLE_TIME, Duration.ofMillis(1500))
                .settings();
        JobClient job = start(settings, new Configuration());
        try {
            Path file = Files.createDirectories(watched.resolve("llm")).resolve("growing.csv");
            // Written in place, in three appends, faster than the settle time: only the whole file may be read.
            Files.writeString(file, "timestamp,model,tokens_s\n" + EARLIER + ",gemma3,100\n");
            Thread.sleep(500);
            Files.writeString(file, EARLIER + ",gemma3,110\n", java.nio.file.StandardOpenOption.APPEND);
            Thread.sleep(500);
            Files.writeString(file, EARLIER + ",gemma3,120\n", java.nio.file.StandardOpenOption.APPEND);
            Instant landed = Files.getLastModifiedTime(file).toInstant();

            waitUntil(() -> summaryCount() >= 1, "the summary");
            SeriesStats tokens = summary("llm", landed, settings).series.get(0);
            assertEquals(3, tokens.count);
            assertEquals(110.0, tokens.mean, 1e-9);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void restartFromASavepointMidWindowNeitherRereadsNorSkipsAFile(@TempDir Path root) throws Exception {
        Path watched = Files.createDirectories(root.resolve("watched"));
        // Files landed in a 10 s window an hour back: still open when the savepoint is taken, so its state must
        // survive the savepoint; it closes by the flush some 10 s after the last file. The lookback must reach
        // that far behind the newest file.
        JobSettings settings = TestSettings.watching(watched, root.resolve("out"))
                .set(JobOptions.WINDOW, Duration.ofSeconds(10))
                .set(JobOptions.DISCOVERY_LOOKBACK, Duration.ofHours(2))
                .settings();
        long hourAgo = System.currentTimeMillis() - 3_600_000L;
        Instant time = Instant.ofEpochMilli(hourAgo - hourAgo % 10_000 + 1_000);
        for (int i = 1; i <= 3; i++) {
            land(
                    watched,
                    "suite/run_" + i + ".csv",
                    csv("model,latency_ms", time, "m," + (10 * i)),
                    time.toEpochMilli());
        }
        JobClient first = start(settings, new Configuration());
        Thread.sleep(1000);
        // A file landed after the others is read after them: once its dead letter is out, they are read too.
        // Landed at the window's time too: a marker from "now" would move the watermark past the window.
        land(watched, "suite/broken.json", "{\"truncated\": ", time.toEpochMilli());
        waitUntil(() -> deadLetters.received().size() == 1, "the marker file's dead letter", WAIT);
        assertTrue(stats.received().isEmpty(), "the window must still be open at the savepoint");
        String savepoint = Savepoints.stopWithSavepoint(first, root.resolve("savepoints"));

        land(watched, "suite/run_4.csv", csv("model,latency_ms", time, "m,40"), time.toEpochMilli());
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        JobClient second = start(settings, restore);
        try {
            land(watched, "suite/run_5.csv", csv("model,latency_ms", time, "m,50"), time.toEpochMilli());
            waitUntil(() -> !stats.received().isEmpty(), "the window's statistics after the restart", WAIT);
            Thread.sleep(2 * settings.discoveryInterval().toMillis() + 500);

            SeriesStats latency = stats.received().stream().collect(single());
            assertEquals(0, latency.revision, "closed once, after the restart, with every file in it");
            assertEquals(5, latency.count, "10, 20, 30 before the savepoint; 40 while stopped; 50 after");
            assertEquals(30.0, latency.mean, 1e-9);
            assertEquals(10.0, latency.min);
            assertEquals(50.0, latency.max);
            assertEquals(30.0, latency.p50, 1e-9);
            assertEquals(1, deadLetters.received().size(), "the broken file is not read again");
            waitUntil(() -> inventoriedFiles() >= 6, "all six files in inventories", WAIT);
            Thread.sleep(1000);
            assertEquals(6, inventoriedFiles(), "each file in exactly one inventory");
        } finally {
            second.cancel().get();
        }
    }

    private TelemetryJob job(JobSettings settings) {
        return new TelemetryJob(
                Pipelines.fileSource(settings),
                new TelemetrySinks(stats, summaries, reports, documents, deadLetters, alerts, tooLate),
                settings.eventTime(),
                settings.llm());
    }

    private static StreamExecutionEnvironment environment(JobSettings settings, Configuration extra) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(extra);
        Pipelines.configure(env, settings);
        return env;
    }

    private JobClient start(JobSettings settings, Configuration extra) throws Exception {
        StreamExecutionEnvironment env = environment(settings, extra);
        job(settings).build(env);
        return env.executeAsync("continuous-test");
    }

    /** Rows measured long before their files land: with the landing time basis, it is the landing that counts. */
    private static final Instant EARLIER = Instant.parse("2025-09-30T10:00:00Z");

    /** The start of the window that holds the time, as the job writes it. */
    private static String windowOf(Instant time, JobSettings settings) {
        long size = settings.window().toMillis();
        return Instant.ofEpochMilli(time.toEpochMilli() - time.toEpochMilli() % size)
                .toString();
    }

    private static String csv(String header, Instant time, String... rows) {
        StringBuilder csv = new StringBuilder("timestamp," + header + "\n");
        for (String row : rows) {
            csv.append(time).append(',').append(row).append('\n');
        }
        return csv.toString();
    }

    /** The writer's contract: write under a hidden name, then rename into place. Returns when it landed. */
    private static Instant land(Path root, String relative, String content) throws IOException {
        // Already settled (the settle time is 300 ms): the test need not wait it out for files written whole.
        long landed = System.currentTimeMillis() - 400;
        land(root, relative, content, landed);
        return Instant.ofEpochMilli(landed);
    }

    private static void land(Path root, String relative, String content, long modifiedMillis) throws IOException {
        Path target = root.resolve(relative);
        Files.createDirectories(target.getParent());
        Path hidden = target.resolveSibling("." + target.getFileName());
        Files.writeString(hidden, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(hidden, FileTime.fromMillis(modifiedMillis));
        Files.move(hidden, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private int inventoriedFiles() {
        return summaries.received().stream().mapToInt(s -> s.inventory.files).sum();
    }

    private int summaryCount() {
        return summaries.received().size();
    }

    private Set<String> metricsSeen() {
        return stats.received().stream().map(s -> s.metric).collect(Collectors.toCollection(HashSet::new));
    }

    /** The latest revision of the suite's summary of the window that holds the time. */
    private WindowSummary summary(String suite, Instant inWindow, JobSettings settings) {
        String start = windowOf(inWindow, settings);
        List<WindowSummary> matching = summaries.received().stream()
                .filter(s -> s.suite.equals(suite) && s.windowStart.equals(start))
                .sorted(java.util.Comparator.comparingInt((WindowSummary s) -> -s.revision))
                .limit(1)
                .toList();
        assertEquals(
                1,
                matching.size(),
                "summaries of " + suite + " at " + start + ": "
                        + summaries.received().stream()
                                .map(s -> s.suite + "@" + s.windowStart)
                                .toList());
        assertFalse(matching.get(0).series.isEmpty() && matching.get(0).inventory.files == 0);
        return matching.get(0);
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        waitUntil(condition, what, WAIT);
    }

    private static void waitUntil(BooleanSupplier condition, String what, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + wait.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static <T> java.util.stream.Collector<T, ?, T> single() {
        return Collectors.collectingAndThen(Collectors.toList(), list -> {
            assertEquals(1, list.size(), list.toString());
            return list.get(0);
        });
    }
}
