package io.chimera.telemetry.harness;

import io.chimera.telemetry.jobs.JobArguments;
import io.chimera.telemetry.jobs.JobSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code bin/chimera bench --latency}: landing-to-report latency of the continuous job with the built-in
 * narrator, while new runs land in its watched folder at a steady rate.
 *
 * <p>A file's latency is the wall-clock time from its rename into place to the emission of the report of its
 * suite and window (the report whose inventory lists its run folder), as the report sink receives it; and to
 * when that window becomes visible to readers: its summary in a committed part file, and, with
 * {@code --kafka-bootstrap}, its report on Kafka for a {@code read_committed} consumer. Only
 * complete windows of the steady phase count: the first window that starts after writing began (the job is up
 * and warm by then) to the last one that arrivals close; later windows close by the flush timeout, not by
 * arrivals, and are left out.
 */
public final class LatencyBench {

    /** Short windows and listings, and out-of-orderness of one listing's spread (see docs/BENCHMARKS.md). */
    static final List<String> DEFAULTS = List.of(
            "--watch",
            "--web-ui-port",
            "0",
            "--window",
            "10s",
            "--discovery-interval",
            "1s",
            "--out-of-orderness",
            "1s",
            "--flush-timeout",
            "3s",
            "--settle-time",
            "0s");

    private static final Set<String> RESERVED = Set.of("--input", "--output", "--once", "--config");
    /** The allowance beyond window and discovery interval. */
    static final Duration TARGET_SLACK = Duration.ofSeconds(2);

    private final PrintStream out;

    public LatencyBench(PrintStream out) {
        this.out = out;
    }

    public void run(List<String> args) throws Exception {
        double rate = 5;
        Duration duration = Duration.ofSeconds(90);
        int rows = 1;
        Path work = Path.of("target", "bench");
        List<String> jobFlags = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            switch (flag) {
                case "--rate" -> rate = Double.parseDouble(value(args, ++i, flag));
                case "--duration" -> duration = JobArguments.duration(value(args, ++i, flag), flag);
                case "--rows" -> rows = Integer.parseInt(value(args, ++i, flag));
                case "--work" -> work = Path.of(value(args, ++i, flag));
                default -> jobFlags.add(flag);
            }
        }
        if (rate <= 0 || rows < 1) {
            throw new IllegalArgumentException("--rate > 0 and --rows ≥ 1, please");
        }
        Path farm = BenchFarm.emptied(work.resolve("latency-farm"));
        JobSettings settings =
                JobFlags.settings(DEFAULTS, jobFlags, RESERVED, farm, BenchFarm.emptied(work.resolve("out-latency")));
        long window = settings.window().toMillis();
        long outOfOrderness = settings.outOfOrderness().toMillis();

        out.println(String.format(
                Locale.ROOT,
                "Latency, continuous mode, built-in narrator: %s files/s for %s, "
                        + "%d row(s) per file, each timed the moment it lands",
                trim(rate),
                JobFlags.seconds(duration),
                rows));
        out.println("Settings: window " + JobFlags.seconds(settings.window()) + ", discovery interval "
                + JobFlags.seconds(settings.discoveryInterval()) + ", out-of-orderness "
                + JobFlags.seconds(settings.outOfOrderness()) + ", flush timeout "
                + JobFlags.seconds(settings.flushTimeout()) + ", settle time " + JobFlags.seconds(settings.settleTime())
                + ", checkpoint interval " + JobFlags.seconds(settings.checkpointInterval()) + ", parallelism "
                + settings.parallelism());
        out.flush();

        ReportRecorder recorder = ReportRecorder.named("latency-" + UUID.randomUUID());
        List<SteadyArrivals.Landing> landings;
        long writingBegan;
        try (BenchJob job = BenchJob.start(settings, recorder, "bench-latency");
                VisibleOutputs visible = new VisibleOutputs(Path.of(settings.output()), settings.kafka())) {
            writingBegan = System.currentTimeMillis();
            landings = new SteadyArrivals(farm, rows).write(rate, duration, 1);
            long lastEventTime = landings.isEmpty()
                    ? writingBegan
                    : landings.get(landings.size() - 1).eventTimeMillis();
            List<SteadyArrivals.Landing> counted = landings.stream()
                    .filter(l -> steady(
                            windowStart(l.eventTimeMillis(), window),
                            window,
                            outOfOrderness,
                            writingBegan,
                            lastEventTime))
                    .toList();
            awaitReports(
                    recorder,
                    counted,
                    System.currentTimeMillis()
                            + settings.window().toMillis()
                            + outOfOrderness
                            + settings.flushTimeout().toMillis()
                            + settings.discoveryInterval().toMillis()
                            + 10_000);
            awaitVisible(
                    visible,
                    counted,
                    System.currentTimeMillis() + settings.checkpointInterval().toMillis() + 10_000);
            print(settings, recorder.arrivals(), landings, counted, writingBegan, lastEventTime);
            printVisible(settings, visible, counted);
        } finally {
            recorder.discard();
        }
    }

    /** A window whose start comes after writing began and whose end arrivals pushed the watermark past. */
    private static boolean steady(
            long windowStart, long window, long outOfOrderness, long writingBegan, long lastEventTime) {
        return windowStart >= writingBegan && windowStart + window + outOfOrderness <= lastEventTime;
    }

    /** As Flink's tumbling event-time windows (offset 0) place a timestamp. */
    static long windowStart(long eventTime, long window) {
        return eventTime - Math.floorMod(eventTime, window);
    }

    private static void awaitReports(ReportRecorder recorder, List<SteadyArrivals.Landing> counted, long deadline)
            throws InterruptedException {
        while (System.currentTimeMillis() < deadline) {
            Map<String, ReportRecorder.Arrival> byFolder = byFolder(recorder.arrivals());
            if (counted.stream().allMatch(l -> byFolder.containsKey(l.folder()))) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private static void awaitVisible(VisibleOutputs visible, List<SteadyArrivals.Landing> counted, long deadline)
            throws InterruptedException {
        while (System.currentTimeMillis() < deadline) {
            Map<String, Long> files = visible.inFiles();
            Map<String, Long> kafka = visible.inKafka();
            if (counted.stream()
                    .allMatch(l ->
                            files.containsKey(l.folder()) && (!visible.kafka() || kafka.containsKey(l.folder())))) {
                return;
            }
            Thread.sleep(200);
        }
    }

    /** Emitted is not yet readable: the file sinks and Kafka transactions commit at checkpoints. */
    private void printVisible(JobSettings settings, VisibleOutputs visible, List<SteadyArrivals.Landing> counted) {
        out.println();
        out.println("Visible to readers (committed at checkpoints, every "
                + JobFlags.seconds(settings.checkpointInterval()) + "):");
        out.println();
        out.println("| latency | count | p50 s | p99 s | max s |");
        out.println("| --- | ---: | ---: | ---: | ---: |");
        out.println(visibleRow(
                counted,
                visible.inFiles(),
                "file renamed into place → its window's summary in a committed summaries/ part file"));
        if (visible.kafka()) {
            out.println(visibleRow(
                    counted,
                    visible.inKafka(),
                    "file renamed into place → its window's report readable with read_committed"));
        }
        long missing = counted.stream()
                .filter(l -> !visible.inFiles().containsKey(l.folder()))
                .count();
        out.println();
        out.println("Counted files not yet visible in committed files when the bench stopped waiting: " + missing
                + (visible.kafka()
                        ? "; on Kafka: "
                                + counted.stream()
                                        .filter(l -> !visible.inKafka().containsKey(l.folder()))
                                        .count()
                        : "")
                + ".");
        out.flush();
    }

    private static String visibleRow(List<SteadyArrivals.Landing> counted, Map<String, Long> seen, String label) {
        List<Long> latencies = new ArrayList<>();
        for (SteadyArrivals.Landing landing : counted) {
            Long at = seen.get(landing.folder());
            if (at != null) {
                latencies.add(at - landing.landedAtMillis());
            }
        }
        return Percentiles.of(latencies).row(label);
    }

    private static Map<String, ReportRecorder.Arrival> byFolder(List<ReportRecorder.Arrival> arrivals) {
        Map<String, ReportRecorder.Arrival> byFolder = new HashMap<>();
        for (ReportRecorder.Arrival arrival : arrivals) {
            arrival.folders().forEach(folder -> byFolder.putIfAbsent(folder, arrival));
        }
        return byFolder;
    }

    private void print(
            JobSettings settings,
            List<ReportRecorder.Arrival> arrivals,
            List<SteadyArrivals.Landing> landings,
            List<SteadyArrivals.Landing> counted,
            long writingBegan,
            long lastEventTime) {
        long window = settings.window().toMillis();
        long outOfOrderness = settings.outOfOrderness().toMillis();
        Map<String, ReportRecorder.Arrival> byFolder = byFolder(arrivals);
        List<Long> perFile = new ArrayList<>();
        int unreported = 0;
        for (SteadyArrivals.Landing landing : counted) {
            ReportRecorder.Arrival report = byFolder.get(landing.folder());
            if (report == null) {
                unreported++;
            } else {
                perFile.add(report.emittedAtMillis() - landing.landedAtMillis());
            }
        }
        List<Long> perWindow = new ArrayList<>();
        List<Long> afterTrigger = new ArrayList<>();
        long revisions = 0;
        long revisedFiles = 0;
        for (ReportRecorder.Arrival arrival : arrivals) {
            if (arrival.revision() > 0) {
                revisions++;
                revisedFiles += arrival.revisionFiles();
            }
            long windowEnd = arrival.windowEnd().toEpochMilli();
            if (steady(arrival.windowStart().toEpochMilli(), window, outOfOrderness, writingBegan, lastEventTime)) {
                perWindow.add(arrival.emittedAtMillis() - windowEnd);
                // The first file timed past window end + out-of-orderness is what lets the watermark close it.
                landings.stream()
                        .filter(l -> l.eventTimeMillis() >= windowEnd + outOfOrderness)
                        .findFirst()
                        .ifPresent(trigger -> afterTrigger.add(arrival.emittedAtMillis() - trigger.landedAtMillis()));
            }
        }
        Percentiles files = Percentiles.of(perFile);
        out.println("Counted: the complete windows of the steady phase (" + counted.size() + " files landed in them)");
        out.println();
        out.println("| latency | count | p50 s | p99 s | max s |");
        out.println("| --- | ---: | ---: | ---: | ---: |");
        out.println(files.row("file renamed into place → its window's report emitted"));
        out.println(Percentiles.of(perWindow).row("window end → report emitted (per suite and window)"));
        out.println(Percentiles.of(afterTrigger).row("the file that closes the window landed → report emitted"));
        out.println();
        out.println("Counted files without a report when the bench stopped waiting: " + unreported
                + "; revisions of reports already out: " + revisions + " (adding " + revisedFiles + " late files).");
        Duration target = settings.window().plus(settings.discoveryInterval()).plus(TARGET_SLACK);
        if (files.count() == 0) {
            out.println("Target p99 ≤ " + JobFlags.seconds(target) + ": nothing measured (run longer).");
        } else {
            long spare = target.toMillis() - files.p99();
            out.println(String.format(
                    Locale.ROOT,
                    "Target p99 ≤ window + discovery interval + 2 s = %s: %s (p99 " + "%.2f s, %.2f s %s).",
                    JobFlags.seconds(target),
                    spare >= 0 && unreported == 0 ? "met" : "missed",
                    files.p99() / 1000.0,
                    Math.abs(spare) / 1000.0,
                    spare >= 0 ? "to spare" : "over"));
        }
        out.flush();
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    static String value(List<String> args, int index, String flag) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args.get(index);
    }
}
