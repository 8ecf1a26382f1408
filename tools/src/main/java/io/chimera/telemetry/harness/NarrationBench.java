package io.chimera.telemetry.harness;

import io.chimera.telemetry.generate.FarmGenerator;
import io.chimera.telemetry.jobs.JobArguments;
import io.chimera.telemetry.jobs.JobSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bin/chimera bench --narration}: a live farm of {@code --suites} suites, each landing one run a window for
 * {@code --minutes} windows, watched by the continuous job twice: with the built-in narrator, and with an Ollama
 * that takes {@code --llm-delay} a call. Time is compressed by {@code --scale}: a 1-minute window and a 30 s LLM at
 * scale 10 become 6 s and 3 s, which keeps what matters (the LLM narrates fewer windows than close). Prints, for
 * both runs, how fast the numbers went out (ingestion and each window's first report), then, for the LLM, the
 * backlog over time, what became of each window's narration, and how long narration took.
 */
public final class NarrationBench {

    static final List<String> DEFAULTS = List.of(
            "--watch",
            "--web-ui-port",
            "0",
            "--out-of-orderness",
            "0s",
            "--discovery-interval",
            "200ms",
            "--settle-time",
            "200ms",
            "--checkpoint-interval",
            "2s");
    private static final Set<String> RESERVED =
            Set.of("--input", "--output", "--once", "--config", "--llm", "--llm-url", "--window");
    private static final long SAMPLE_MILLIS = 500;

    private final PrintStream out;

    public NarrationBench(PrintStream out) {
        this.out = out;
    }

    /** What a run's sampler saw at one moment. */
    private record Sample(
            long atMillis, int landed, long ingested, int windowsOut, int backlog, int narrated, int superseded) {}

    private record Run(
            String narrator,
            List<Sample> samples,
            List<ReportRecorder.Arrival> reports,
            long lastLandingMillis,
            long allIngestedMillis) {}

    public void run(List<String> args) throws Exception {
        int suites = 12;
        int minutes = 60;
        int scale = 10;
        Duration delay = Duration.ofSeconds(30);
        Path work = Path.of("target", "bench");
        List<String> jobFlags = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            switch (flag) {
                case "--suites" -> suites = Integer.parseInt(LatencyBench.value(args, ++i, flag));
                case "--minutes" -> minutes = Integer.parseInt(LatencyBench.value(args, ++i, flag));
                case "--scale" -> scale = Integer.parseInt(LatencyBench.value(args, ++i, flag));
                case "--llm-delay" -> delay = JobArguments.duration(LatencyBench.value(args, ++i, flag), flag);
                case "--work" -> work = Path.of(LatencyBench.value(args, ++i, flag));
                default -> jobFlags.add(flag);
            }
        }
        if (suites < 1 || minutes < 2 || scale < 1) {
            throw new IllegalArgumentException("--suites ≥ 1, --minutes ≥ 2 and --scale ≥ 1, please");
        }
        Duration window = Duration.ofMillis(60_000L / scale);
        Duration llmDelay = delay.dividedBy(scale);
        List<String> defaults = new ArrayList<>(DEFAULTS);
        defaults.addAll(List.of(
                "--window",
                window.toMillis() + "ms",
                "--flush-timeout",
                window.dividedBy(2).toMillis() + "ms"));
        out.println("Narration backlog: " + suites + " suites landing one run each per window for " + minutes
                + " windows; time compressed " + scale + "x: 1-minute windows run as " + JobFlags.seconds(window)
                + ", the " + JobFlags.seconds(delay) + " LLM as " + JobFlags.seconds(llmDelay) + " (Ollama mock).");
        Run builtin;
        Run slow;
        try (SlowOllamaServer llm = SlowOllamaServer.start(llmDelay)) {
            JobSettings plain = JobFlags.settings(
                    defaults, jobFlags, RESERVED, farm(work), BenchFarm.emptied(work.resolve("out-narration")));
            out.println("Settings: window " + JobFlags.seconds(plain.window()) + ", flush timeout "
                    + JobFlags.seconds(plain.flushTimeout()) + ", checkpoint interval "
                    + JobFlags.seconds(plain.checkpointInterval()) + ", parallelism " + plain.parallelism()
                    + "; LLM: " + plain.llm().maxInFlight() + " calls at once, backlog of at most "
                    + plain.llm().backlog().maxWindows() + " windows, waiting at most "
                    + JobFlags.seconds(plain.llm().backlog().maxAge()));
            out.flush();
            builtin = measure("built-in", plain, suites, minutes, window, Duration.ZERO);
            List<String> slowFlags = new ArrayList<>(jobFlags);
            slowFlags.addAll(List.of("--llm", "ollama", "--llm-url", llm.baseUrl()));
            JobSettings withLlm = JobFlags.settings(
                    defaults,
                    slowFlags,
                    Set.of("--input", "--output", "--window"),
                    farm(work),
                    BenchFarm.emptied(work.resolve("out-narration")));
            slow = measure(
                    "ollama mock, " + JobFlags.seconds(llmDelay) + " a call",
                    withLlm,
                    suites,
                    minutes,
                    window,
                    llmDelay);
            out.println();
            out.println("LLM calls received: " + llm.received() + ", answered: " + llm.answered());
        }
        printNumbers(List.of(builtin, slow), window, scale);
        printBacklog(slow, window, scale);
        printOutcomes(slow, scale);
        out.flush();
    }

    private static Path farm(Path work) throws java.io.IOException {
        return BenchFarm.emptied(work.resolve("narration-farm"));
    }

    private Run measure(
            String narrator, JobSettings settings, int suites, int minutes, Duration window, Duration llmDelay)
            throws Exception {
        Path farm = Path.of(settings.inputs().get(0));
        BenchFarm.emptied(farm);
        ReportRecorder recorder = ReportRecorder.named("narration-" + UUID.randomUUID());
        List<Sample> samples = new ArrayList<>();
        AtomicInteger landed = new AtomicInteger();
        long[] lastLanding = {0};
        try (BenchJob job = BenchJob.start(settings, recorder, "bench-narration")) {
            Thread lander = new Thread(
                    () -> {
                        try {
                            land(farm, suites, minutes, window, landed);
                            lastLanding[0] = System.currentTimeMillis();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    "narration-bench-lander");
            lander.start();
            long allIngested = 0;
            int expected = suites * minutes;
            long windowsClosed = window.toMillis() * 3;
            // After the last landing: the last windows close within a window and the flush, then the LLM works off
            // what is left, at most a call's delay per window it narrates.
            long drain = window.toMillis() * 3 + llmDelay.toMillis() * (long) suites * 2 + 10_000;
            while (lander.isAlive() || System.currentTimeMillis() < lastLanding[0] + drain) {
                BenchJob.Progress progress = job.progress();
                if (allIngested == 0 && !lander.isAlive() && progress.files() >= expected) {
                    allIngested = progress.atMillis();
                }
                List<ReportRecorder.Arrival> reports = recorder.arrivals();
                samples.add(sample(progress, landed.get(), reports));
                if (!lander.isAlive()
                        && allIngested > 0
                        && System.currentTimeMillis() > lastLanding[0] + windowsClosed
                        && allFinal(reports)) {
                    break;
                }
                Thread.sleep(SAMPLE_MILLIS);
            }
            lander.join();
            out.println("- " + narrator + ": " + landed.get() + " files landed, "
                    + samples.get(samples.size() - 1).ingested() + " read; "
                    + recorder.arrivals().size() + " reports");
            out.flush();
            return new Run(narrator, samples, recorder.arrivals(), lastLanding[0], allIngested);
        } finally {
            recorder.discard();
        }
    }

    /** Each suite lands one finished run per window, at steady times: a live farm. */
    private static void land(Path farm, int suites, int minutes, Duration window, AtomicInteger landed)
            throws Exception {
        List<FarmGenerator> generators = new ArrayList<>();
        for (int suite = 0; suite < suites; suite++) {
            generators.add(new FarmGenerator(
                    Files.createDirectories(farm.resolve(String.format(Locale.ROOT, "suite-%02d", suite))), 8));
        }
        SplittableRandom random = new SplittableRandom(42);
        long begin = System.nanoTime();
        long spacing = window.toNanos() / suites;
        for (int minute = 0; minute < minutes; minute++) {
            for (int suite = 0; suite < suites; suite++) {
                long due = begin + minute * window.toNanos() + suite * spacing;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                generators.get(suite).writeFinished(minute * suites + suite, Instant.now(), random.split());
                landed.incrementAndGet();
            }
        }
    }

    private static Sample sample(BenchJob.Progress progress, int landed, List<ReportRecorder.Arrival> reports) {
        Map<String, String> finalStatus = new HashMap<>();
        Map<String, Boolean> out = new HashMap<>();
        for (ReportRecorder.Arrival report : reports) {
            String window = report.suite() + " " + report.windowStart();
            out.put(window, true);
            if (report.revision() % 2 == 1) {
                finalStatus.put(window, report.status());
            }
        }
        int narrated = (int) finalStatus.values().stream().filter("ok"::equals).count();
        int superseded =
                (int) finalStatus.values().stream().filter("superseded"::equals).count();
        return new Sample(
                progress.atMillis(),
                landed,
                progress.files(),
                out.size(),
                out.size() - finalStatus.size(),
                narrated,
                superseded);
    }

    /** Every window reported so far has its final report. */
    private static boolean allFinal(List<ReportRecorder.Arrival> reports) {
        Map<String, Boolean> finals = new HashMap<>();
        for (ReportRecorder.Arrival report : reports) {
            finals.merge(report.suite() + " " + report.windowStart(), report.revision() % 2 == 1, Boolean::logicalOr);
        }
        return finals.values().stream().allMatch(f -> f);
    }

    private void printNumbers(List<Run> runs, Duration window, int scale) {
        out.println();
        out.println("Numbers (both runs): ingestion, and each window's first report after the window ended (wall "
                + "clock; in real seconds = measured × " + scale + "). The run's last windows, which end after the "
                + "last landing, close by the flush timeout instead of by newer files: they are counted apart.");
        out.println();
        out.println("| narrator | files | last file read after the last landing s | windows ended while landing "
                + "| first report p50 s | p99 s | max s | last windows | first report max s |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Run run : runs) {
            Map<String, Long> whileLanding = new TreeMap<>();
            Map<String, Long> last = new TreeMap<>();
            for (ReportRecorder.Arrival report : run.reports()) {
                long latency = report.emittedAtMillis() - report.windowEnd().toEpochMilli();
                (report.windowEnd().toEpochMilli() <= run.lastLandingMillis() ? whileLanding : last)
                        .merge(report.suite() + " " + report.windowStart(), latency, Math::min);
            }
            Percentiles during = Percentiles.of(whileLanding.values());
            Percentiles after = Percentiles.of(last.values());
            Sample lastSample = run.samples().get(run.samples().size() - 1);
            out.println(String.format(
                    Locale.ROOT,
                    "| %s | %d | %s | %d | %.2f | %.2f | %.2f | %d | %.2f |",
                    run.narrator(),
                    lastSample.ingested(),
                    run.allIngestedMillis() == 0
                            ? "not all read"
                            : String.format(
                                    Locale.ROOT, "%.2f", (run.allIngestedMillis() - run.lastLandingMillis()) / 1000.0),
                    during.count(),
                    during.p50() / 1000.0,
                    during.p99() / 1000.0,
                    during.max() / 1000.0,
                    after.count(),
                    after.max() / 1000.0));
        }
    }

    private void printBacklog(Run run, Duration window, int scale) {
        out.println();
        out.println("Backlog over time (" + run.narrator() + "), every 5 simulated minutes");
        out.println();
        out.println("| simulated minute | files landed | files read | windows reported | waiting for the LLM "
                + "| narrated by the LLM | superseded |");
        out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        long start = run.samples().get(0).atMillis();
        long step = window.toMillis() * 5;
        long next = start;
        for (Sample sample : run.samples()) {
            if (sample.atMillis() >= next
                    || sample == run.samples().get(run.samples().size() - 1)) {
                out.println(String.format(
                        Locale.ROOT,
                        "| %.0f | %d | %d | %d | %d | %d | %d |",
                        (sample.atMillis() - start) / (double) window.toMillis(),
                        sample.landed(),
                        sample.ingested(),
                        sample.windowsOut(),
                        sample.backlog(),
                        sample.narrated(),
                        sample.superseded()));
                next += step;
            }
        }
    }

    private void printOutcomes(Run run, int scale) {
        Map<String, Long> firstOut = new HashMap<>();
        Map<String, ReportRecorder.Arrival> finals = new TreeMap<>();
        for (ReportRecorder.Arrival report : run.reports()) {
            String window = report.suite() + " " + report.windowStart();
            firstOut.merge(window, report.emittedAtMillis(), Math::min);
            if (report.revision() % 2 == 1) {
                finals.put(window, report);
            }
        }
        Map<String, Integer> byStatus = new TreeMap<>();
        List<Long> narration = new ArrayList<>();
        for (Map.Entry<String, ReportRecorder.Arrival> entry : finals.entrySet()) {
            byStatus.merge(entry.getValue().status(), 1, Integer::sum);
            if ("ok".equals(entry.getValue().status())) {
                narration.add(entry.getValue().emittedAtMillis() - firstOut.get(entry.getKey()));
            }
        }
        int waiting = firstOut.size() - finals.size();
        out.println();
        out.println("What became of each window's narration (" + run.narrator() + "): " + firstOut.size()
                + " windows; final status " + byStatus + (waiting > 0 ? ", still waiting at the end: " + waiting : ""));
        out.println();
        out.println("| narration latency (window's first report → the LLM's), wall clock | count | p50 s | p99 s "
                + "| max s |");
        out.println("| --- | ---: | ---: | ---: | ---: |");
        out.println(Percentiles.of(narration).row("narrated by the LLM (real seconds = × " + scale + ")"));
    }
}
