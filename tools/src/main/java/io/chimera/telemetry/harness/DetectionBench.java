package io.chimera.telemetry.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.aggregate.RegressionSettings;
import io.chimera.telemetry.generate.GroundTruth;
import io.chimera.telemetry.generate.PatternFarm;
import io.chimera.telemetry.harness.DetectionScore.ObservedAlert;
import io.chimera.telemetry.harness.DetectionScore.ScoredAlert;
import io.chimera.telemetry.harness.DetectionScore.Tally;
import io.chimera.telemetry.jobs.JobArguments;
import io.chimera.telemetry.jobs.JobSettings;
import io.chimera.telemetry.jobs.Pipelines;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code bin/chimera bench --detection}: how well the regression check finds the known changes of a
 * {@link PatternFarm}. For each seed it writes the farm, runs the bounded job over it ({@code --once}, one-minute
 * windows, the regression settings of {@code bin/chimera run}: the defaults unless flags say otherwise), reads the
 * alerts the job wrote ({@code alerts/**.jsonl}, the highest revision of each) and scores them with
 * {@link DetectionScore}: per pattern and in all, detections, duplicates, false alarms, misses, precision, recall,
 * F1, alerts per detected change and the delay of each detection in windows.
 */
public final class DetectionBench {

    static final List<String> DEFAULTS = List.of("--once", "--window", "1m");
    /** The farm, the output and the window are the measurement's; the truth's windows are one-minute runs. */
    private static final Set<String> RESERVED = Set.of("--input", "--output", "--watch", "--config", "--window");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;

    public DetectionBench(PrintStream out) {
        this.out = out;
    }

    public void run(List<String> args) throws Exception {
        List<Long> seeds = List.of(1L, 2L, 3L);
        PatternFarm.Naming naming = PatternFarm.Naming.MODEL;
        int runs = PatternFarm.DEFAULT_RUNS;
        Path work = Path.of("target", "bench");
        boolean listAlerts = false;
        List<String> jobFlags = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            switch (flag) {
                case "--seeds" ->
                    seeds = Stream.of(LatencyBench.value(args, ++i, flag).split(","))
                            .map(String::trim)
                            .map(Long::parseLong)
                            .toList();
                case "--naming" -> naming = PatternFarm.Naming.parse(LatencyBench.value(args, ++i, flag));
                case "--runs" -> runs = Integer.parseInt(LatencyBench.value(args, ++i, flag));
                case "--work" -> work = Path.of(LatencyBench.value(args, ++i, flag));
                case "--list-alerts" -> listAlerts = true;
                default -> {
                    if (RESERVED.contains(flag)) {
                        throw new IllegalArgumentException(flag + " is set by this measurement itself");
                    }
                    jobFlags.add(flag);
                }
            }
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("--seeds needs at least one seed");
        }
        if (runs < PatternFarm.MIN_RUNS) {
            throw new IllegalArgumentException("--runs must be at least " + PatternFarm.MIN_RUNS + ", not " + runs);
        }
        JobSettings shown = settings(jobFlags, work, work);
        RegressionSettings regression = shown.regression();
        out.println("Detection quality: pattern farm of " + runs + " one-minute runs per suite ("
                + PatternFarm.ROWS + " rows each), naming " + naming.label() + ", seeds "
                + seeds.stream().map(String::valueOf).collect(Collectors.joining(",")));
        out.println(String.format(
                Locale.ROOT,
                "Job: bounded (--once), window 1 min, parallelism %d; regression "
                        + "check: threshold %s %%, z %s, baseline %d windows (at least %d)%s",
                shown.parallelism(),
                number(regression.relativeThreshold() * 100),
                number(regression.zThreshold()),
                regression.baselineWindows(),
                regression.minBaseline(),
                regression.rules().isEmpty() ? "" : ", " + regression.rules().size() + " rule(s)"));
        out.println("A match: an alert of the expected kind on the change's suite and metric, in its window or up to "
                + DetectionScore.TOLERANCE_WINDOWS + " after; a change's first match is a detection, later ones "
                + "duplicates, which count against precision");
        out.println();
        out.flush();
        GroundTruth firstTruth = null;
        Map<String, Tally> total = new LinkedHashMap<>();
        List<String> listed = new ArrayList<>();
        for (long seed : seeds) {
            Path dir = work.resolve("detection-" + naming.label() + "-seed-" + seed);
            Path farm = BenchFarm.emptied(dir.resolve("farm"));
            Path output = BenchFarm.emptied(dir.resolve("out"));
            GroundTruth truth = new PatternFarm(farm, runs, naming).generate(seed);
            firstTruth = firstTruth == null ? truth : firstTruth;
            JobSettings settings = settings(jobFlags, farm, output);
            StreamExecutionEnvironment env = Pipelines.localEnvironment(settings);
            Pipelines.telemetryJob(settings).build(env);
            env.execute("detection-bench-seed-" + seed);
            List<ObservedAlert> records = alerts(output.resolve("alerts"));
            SeriesCount series = series(output.resolve("stats"));
            DetectionScore.Result result = DetectionScore.score(truth, records);
            result.patterns().forEach((pattern, tally) -> total.merge(pattern, tally, Tally::plus));
            Tally all = result.total(truth, Set.of());
            out.println(String.format(
                    Locale.ROOT,
                    "seed %d: %d series with %.1f windows each on average; "
                            + "%d alert records, %d alerts judged (%d withdrawn): %d of %d changes detected, %d duplicates, "
                            + "%d false alarms; small changes alerted %d of %d (farm %s, output %s)",
                    seed,
                    series.series(),
                    series.windowsPerSeries(),
                    records.size(),
                    all.alerts(),
                    all.withdrawn(),
                    all.detections(),
                    all.changes(),
                    all.duplicates(),
                    all.falseAlarms(),
                    all.smallDetected(),
                    all.smallChanges(),
                    farm,
                    output));
            out.flush();
            for (ScoredAlert alert : result.alerts()) {
                listed.add(alertRow(seed, alert));
            }
        }
        out.println();
        out.println("| pattern | alerts expected | changes | alerts | detected (TP) | duplicates | false alarms (FP) "
                + "| missed (FN) | precision | recall | F1 | alerts per detected change | delay 0 / 1 windows "
                + "| small changes alerted |");
        out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        Map<String, String> expectations = new TreeMap<>();
        firstTruth.suites().forEach(suite -> expectations.put(suite.suite(), suite.alerts()));
        Tally steps = new Tally();
        Tally all = new Tally();
        for (Map.Entry<String, Tally> pattern : total.entrySet()) {
            String expected = expectations.getOrDefault(pattern.getKey(), GroundTruth.ALERTS_NONE);
            out.println(row(pattern.getKey(), expected, pattern.getValue()));
            steps = expected.equals(GroundTruth.ALERTS_EXPECTED) ? steps.plus(pattern.getValue()) : steps;
            all = all.plus(pattern.getValue());
        }
        out.println(row("**steps ≥ 10 % (target)**", GroundTruth.ALERTS_EXPECTED, steps));
        out.println(row("**all patterns**", "", all));
        out.println();
        out.println(String.format(
                Locale.ROOT,
                "Target (steps of at least 10 %% in up to 10 %% noise): F1 ≥ "
                        + "0.9 and precision ≥ 0.95, each change alerted once, within one window. Here: F1 %s, precision %s,"
                        + " %s alerts per detected change; over all patterns F1 %s, precision %s, %d false alarms",
                ratio(steps.f1()),
                ratio(steps.precision()),
                ratio(steps.alertsPerDetectedChange()),
                ratio(all.f1()),
                ratio(all.precision()),
                all.falseAlarms()));
        if (listAlerts) {
            out.println();
            out.println("| seed | pattern | metric | series | run | kind | change % | z | verdict | note |");
            out.println("| ---: | --- | --- | --- | ---: | --- | ---: | ---: | --- | --- |");
            listed.forEach(out::println);
        }
        out.flush();
    }

    static JobSettings settings(List<String> given, Path farm, Path output) {
        List<String> flags = new ArrayList<>(DEFAULTS);
        flags.addAll(given);
        flags.addAll(List.of("--input", farm.toString(), "--output", output.toString()));
        JobSettings settings = JobArguments.parse(flags.toArray(new String[0]));
        if (!settings.bounded()) {
            throw new IllegalArgumentException("this measurement runs the bounded job");
        }
        return settings;
    }

    /** Every alert record under the job's {@code alerts/} folder (committed part files only). */
    static List<ObservedAlert> alerts(Path folder) throws IOException {
        return records(folder).stream().map(DetectionBench::observed).toList();
    }

    /**
     * How many series the job made and how many windows each has: the current series identity makes each file
     * its own series when the runs carry no naming column, and a series of one window is never judged.
     */
    record SeriesCount(int series, double windowsPerSeries) {}

    static SeriesCount series(Path statsFolder) throws IOException {
        Map<String, Set<String>> windows = new TreeMap<>();
        for (JsonNode stats : records(statsFolder)) {
            String key = String.join(
                    "\u0000",
                    stats.path("suite").asText(),
                    stats.path("metric").asText(),
                    stats.path("unit").asText(),
                    seriesText(stats));
            windows.computeIfAbsent(key, k -> new HashSet<>())
                    .add(stats.path("windowStart").asText());
        }
        int total = windows.values().stream().mapToInt(Set::size).sum();
        return new SeriesCount(windows.size(), windows.isEmpty() ? 0 : (double) total / windows.size());
    }

    /** The JSON lines of a sink's committed part files under {@code folder}; none when it has none. */
    private static List<JsonNode> records(Path folder) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return records;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .sorted()
                    .toList();
        }
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    records.add(JSON.readTree(line));
                }
            }
        }
        return records;
    }

    static ObservedAlert observed(JsonNode alert) {
        return new ObservedAlert(
                alert.path("suite").asText(),
                alert.path("metric").asText(),
                alert.hasNonNull("unit") ? alert.get("unit").asText() : null,
                seriesText(alert),
                alert.path("windowStart").asText(),
                alert.path("revision").asInt(),
                alert.path("kind").asText(),
                alert.path("changePercent").asDouble(Double.NaN),
                alert.path("zScore").asDouble(Double.NaN));
    }

    /** A record's series dimensions as {@code {name=value, …}}, sorted by name. */
    private static String seriesText(JsonNode record) {
        Map<String, String> series = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields =
                        record.path("series").fields();
                fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            series.put(field.getKey(), field.getValue().asText());
        }
        return series.toString();
    }

    private static String row(String pattern, String expected, Tally tally) {
        return String.format(
                Locale.ROOT,
                "| %s | %s | %d | %d | %d | %d | %d | %d | %s | %s | %s | %s | %d / %d | %s |",
                pattern,
                expected,
                tally.changes(),
                tally.alerts(),
                tally.detections(),
                tally.duplicates(),
                tally.falseAlarms(),
                tally.missed(),
                ratio(tally.precision()),
                ratio(tally.recall()),
                ratio(tally.f1()),
                ratio(tally.alertsPerDetectedChange()),
                tally.detectedAfter(0),
                tally.detectedAfter(1),
                tally.smallChanges() == 0 ? "–" : tally.smallDetected() + " of " + tally.smallChanges());
    }

    private static String alertRow(long seed, ScoredAlert scored) {
        ObservedAlert alert = scored.alert();
        return String.format(
                Locale.ROOT,
                "| %d | %s | %s | %s | %d | %s | %.1f | %.1f | %s | %s |",
                seed,
                alert.suite(),
                alert.metric(),
                alert.series(),
                scored.run(),
                alert.kind(),
                alert.changePercent(),
                alert.zScore(),
                verdict(scored),
                scored.note());
    }

    private static String verdict(ScoredAlert scored) {
        return switch (scored.verdict()) {
            case DETECTION ->
                "detection, delay " + (scored.run() - scored.change().run());
            case DUPLICATE -> "duplicate of run " + scored.change().run();
            case SMALL_CHANGE -> "small change at run " + scored.change().run();
            case FALSE_ALARM -> "false alarm";
        };
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String number(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
