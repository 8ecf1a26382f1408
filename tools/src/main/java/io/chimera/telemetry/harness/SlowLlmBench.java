package io.chimera.telemetry.harness;

import io.chimera.telemetry.jobs.JobArguments;
import io.chimera.telemetry.jobs.JobSettings;
import io.chimera.telemetry.source.LocalArtifacts;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * {@code bin/chimera bench --slow-llm}: ingestion throughput of the continuous job on a generated farm, once
 * with an Ollama that takes {@code --llm-delay} (30 s) per call and once with the built-in narrator.
 *
 * <p>Continuous mode, because there windows close, and LLM calls are under way, while files are still being
 * read, so a narrator that held the pipeline up would slow the source down. (A bounded run reads every file
 * before any window closes, so the LLM could not slow its reading whatever it did, and its end waits for the last
 * LLM calls, which is not ingestion.) Ingestion is timed from the job's accumulators, live: files and metric
 * events per second from the first observation of a parsed file to the first observation of the last one.
 */
public final class SlowLlmBench {

    static final List<String> DEFAULTS = List.of("--watch", "--web-ui-port", "0", "--window", "10s");
    private static final Set<String> RESERVED =
            Set.of("--input", "--output", "--once", "--config", "--llm", "--llm-url");
    /** The target: with the slow LLM, at least this share of the built-in narrator's throughput. */
    static final double TARGET_RATIO = 0.9;

    private static final Duration INGESTION_TIMEOUT = Duration.ofMinutes(5);
    private static final long POLL_MILLIS = 100;

    private final PrintStream out;

    public SlowLlmBench(PrintStream out) {
        this.out = out;
    }

    /** One job's run: its ingestion and what became of its reports. */
    record Result(
            String narrator,
            long files,
            long events,
            long millis,
            long longestStallMillis,
            int reports,
            int reportsWhileIngesting,
            int ok,
            int superseded,
            int timeout,
            int pending,
            int otherStatus,
            int llmCallsWhileIngesting) {

        /** NaN when the whole farm was read between two observations: too fast to time. */
        double filesPerSecond() {
            return millis == 0 ? Double.NaN : files * 1000.0 / millis;
        }

        double eventsPerSecond() {
            return millis == 0 ? Double.NaN : events * 1000.0 / millis;
        }
    }

    public void run(List<String> args) throws Exception {
        int files = 10_000;
        Duration period = Duration.ofMinutes(10);
        Duration delay = Duration.ofSeconds(30);
        int rounds = 2;
        int warmUps = 1;
        Path work = Path.of("target", "bench");
        List<String> jobFlags = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            switch (flag) {
                case "--files" -> files = Integer.parseInt(LatencyBench.value(args, ++i, flag));
                case "--period" -> period = JobArguments.duration(LatencyBench.value(args, ++i, flag), flag);
                case "--llm-delay" -> delay = JobArguments.duration(LatencyBench.value(args, ++i, flag), flag);
                case "--rounds" -> rounds = Integer.parseInt(LatencyBench.value(args, ++i, flag));
                case "--warm-ups" -> warmUps = Integer.parseInt(LatencyBench.value(args, ++i, flag));
                case "--work" -> work = Path.of(LatencyBench.value(args, ++i, flag));
                default -> jobFlags.add(flag);
            }
        }
        if (files < 1 || rounds < 1 || warmUps < 0) {
            throw new IllegalArgumentException("--files ≥ 1, --rounds ≥ 1 and --warm-ups ≥ 0, please");
        }
        Path farm = BenchFarm.generated(work, files, period);
        long expected = LocalArtifacts.under(farm).size();
        List<Result> withLlm = new ArrayList<>();
        List<Result> builtin = new ArrayList<>();
        try (SlowOllamaServer llm = SlowOllamaServer.start(delay)) {
            List<String> slowFlags = new ArrayList<>(jobFlags);
            slowFlags.addAll(List.of("--llm", "ollama", "--llm-url", llm.baseUrl()));
            JobSettings slow = JobFlags.settings(DEFAULTS, slowFlags, Set.of(), farm, work.resolve("out-slow-llm"));
            out.println("Ingestion with a slow LLM: " + expected + " files (timestamps over " + period.toMinutes()
                    + " min), continuous mode, Ollama mock answering every call after "
                    + JobFlags.seconds(delay) + " at " + llm.baseUrl());
            out.println("Settings: window " + JobFlags.seconds(slow.window()) + ", out-of-orderness "
                    + JobFlags.seconds(slow.outOfOrderness()) + ", flush timeout "
                    + JobFlags.seconds(slow.flushTimeout()) + ", discovery interval "
                    + JobFlags.seconds(slow.discoveryInterval()) + ", checkpoint interval "
                    + JobFlags.seconds(slow.checkpointInterval()) + ", parallelism " + slow.parallelism()
                    + "; LLM: at most " + slow.llm().maxInFlight() + " calls in flight, timeout "
                    + JobFlags.seconds(slow.llm().timeout()) + " per attempt, "
                    + slow.llm().maxRetries()
                    + " retries, streaming " + slow.llm().stream());
            out.println();
            out.println("| narrator | files | seconds | files/s | metric events/s | longest stall s | reports | "
                    + "of them while ingesting | ok | superseded | llm_timeout | narration_pending | other "
                    + "| LLM calls while ingesting |");
            out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
                    + "| ---: |");
            out.flush();
            // The first job in a JVM reads at about half speed (JIT, class loading): a built-in run that does
            // not count takes that, and the order alternates so that neither narrator always goes first.
            for (int warmUp = 0; warmUp < warmUps; warmUp++) {
                measure(
                        "warm-up, built-in (not counted)",
                        farm,
                        work,
                        jobFlags,
                        RESERVED,
                        expected,
                        llm,
                        Duration.ZERO);
            }
            String slowName = "ollama mock, " + JobFlags.seconds(delay) + " per call";
            for (int round = 0; round < rounds; round++) {
                if (round % 2 == 0) {
                    withLlm.add(measure(slowName, farm, work, slowFlags, Set.of(), expected, llm, delay));
                    builtin.add(measure("built-in", farm, work, jobFlags, RESERVED, expected, llm, Duration.ZERO));
                } else {
                    builtin.add(measure("built-in", farm, work, jobFlags, RESERVED, expected, llm, Duration.ZERO));
                    withLlm.add(measure(slowName, farm, work, slowFlags, Set.of(), expected, llm, delay));
                }
            }
        }
        double ratio = mean(withLlm, true) / mean(builtin, true);
        double eventRatio = mean(withLlm, false) / mean(builtin, false);
        out.println();
        if (Double.isNaN(ratio)) {
            out.println("Some runs read the whole farm between two observations of the accumulators ("
                    + BenchJob.HEARTBEAT.toMillis() + " ms apart): too fast to time; use more --files.");
            out.flush();
            return;
        }
        out.println(String.format(
                Locale.ROOT,
                "Files/s with the slow LLM over files/s with the built-in narrator "
                        + "(means of %d run(s) each): %.3f (metric events/s: %.3f). Target ≥ %.2f: %s.",
                rounds,
                ratio,
                eventRatio,
                TARGET_RATIO,
                ratio >= TARGET_RATIO ? "met" : "missed"));
        out.flush();
    }

    private Result measure(
            String narrator,
            Path farm,
            Path work,
            List<String> jobFlags,
            Set<String> reserved,
            long expected,
            SlowOllamaServer llm,
            Duration llmDelay)
            throws Exception {
        JobSettings settings =
                JobFlags.settings(DEFAULTS, jobFlags, reserved, farm, BenchFarm.emptied(work.resolve("out-slow-llm")));
        ReportRecorder recorder = ReportRecorder.named("slow-llm-" + UUID.randomUUID());
        int callsBefore = llm.received();
        try (BenchJob job = BenchJob.start(settings, recorder, "bench-slow-llm")) {
            BenchJob.Progress first = null;
            BenchJob.Progress last = null;
            BenchJob.Progress lastMove = null;
            long longestStall = 0;
            long deadline = System.currentTimeMillis() + INGESTION_TIMEOUT.toMillis();
            while (System.currentTimeMillis() < deadline) {
                BenchJob.Progress now = job.progress();
                if (first == null && now.files() > 0) {
                    first = now;
                }
                if (lastMove == null || now.files() > lastMove.files()) {
                    if (lastMove != null && first != null) {
                        longestStall = Math.max(longestStall, now.atMillis() - lastMove.atMillis());
                    }
                    lastMove = now;
                }
                if (now.files() >= expected) {
                    last = now;
                    break;
                }
                Thread.sleep(POLL_MILLIS);
            }
            if (first == null || last == null) {
                throw new IllegalStateException("ingestion of " + expected + " files was not observed within "
                        + INGESTION_TIMEOUT.toMinutes() + " min (first " + first + ", last " + last + ")");
            }
            int llmCallsWhileIngesting = llm.received() - callsBefore;
            awaitLastReports(recorder, llm, settings, llmDelay, last.atMillis());
            long ingestedAt = last.atMillis();
            List<ReportRecorder.Arrival> reports = recorder.arrivals();
            Result result = new Result(
                    narrator,
                    last.files() - first.files(),
                    last.events() - first.events(),
                    last.atMillis() - first.atMillis(),
                    longestStall,
                    reports.size(),
                    (int) reports.stream()
                            .filter(r -> r.emittedAtMillis() <= ingestedAt)
                            .count(),
                    count(reports, "ok"),
                    count(reports, "superseded"),
                    count(reports, "llm_timeout"),
                    count(reports, "narration_pending"),
                    (int) reports.stream()
                            .filter(r -> !Set.of("ok", "superseded", "llm_timeout", "narration_pending")
                                    .contains(r.status()))
                            .count(),
                    llmCallsWhileIngesting);
            out.println(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.2f | %s | %s | %.1f | %d | %d | %d | %d | %d | %d | %d | %d |",
                    narrator,
                    result.files(),
                    result.millis() / 1000.0,
                    rate(result.filesPerSecond()),
                    rate(result.eventsPerSecond()),
                    result.longestStallMillis() / 1000.0,
                    result.reports(),
                    result.reportsWhileIngesting(),
                    result.ok(),
                    result.superseded(),
                    result.timeout(),
                    result.pending(),
                    result.otherStatus(),
                    result.llmCallsWhileIngesting()));
            out.flush();
            return result;
        } finally {
            recorder.discard();
        }
    }

    /**
     * The windows still open when the last file is read close within flush timeout + out-of-orderness + window;
     * then their LLM calls take the delay. Waits for that (bounded), so that every report's status is counted.
     */
    private static void awaitLastReports(
            ReportRecorder recorder, SlowOllamaServer llm, JobSettings settings, Duration llmDelay, long ingestedAt)
            throws InterruptedException {
        long windowsClosed = ingestedAt
                + settings.flushTimeout().toMillis()
                + settings.outOfOrderness().toMillis()
                + settings.window().toMillis()
                + 2_000;
        long deadline = windowsClosed + 2 * llmDelay.toMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            long now = System.currentTimeMillis();
            boolean llmIdle = llm.pending() == 0;
            List<ReportRecorder.Arrival> reports = recorder.arrivals();
            long lastReport = reports.stream()
                    .mapToLong(ReportRecorder.Arrival::emittedAtMillis)
                    .max()
                    .orElse(0);
            if (now >= windowsClosed && llmIdle && now - lastReport >= 1_000) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private static String rate(double perSecond) {
        return Double.isNaN(perSecond) ? "-" : String.format(Locale.ROOT, "%.0f", perSecond);
    }

    private static int count(List<ReportRecorder.Arrival> reports, String status) {
        return (int) reports.stream().filter(r -> status.equals(r.status())).count();
    }

    private static double mean(List<Result> results, boolean files) {
        return results.stream()
                .mapToDouble(r -> files ? r.filesPerSecond() : r.eventsPerSecond())
                .average()
                .orElse(Double.NaN);
    }
}
