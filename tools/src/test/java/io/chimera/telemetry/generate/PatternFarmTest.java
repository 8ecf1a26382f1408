package io.chimera.telemetry.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.aggregate.MetricDirection;
import io.chimera.telemetry.aggregate.SeriesIdentity;
import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.parse.ParseSettings;
import io.chimera.telemetry.records.MetricEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatternFarmTest {

    private static final int RUNS = 48;
    private static final ArtifactParser PARSER = new ArtifactParser(ParseSettings.defaults());

    @TempDir
    static Path shared;

    private static Path farm;
    private static GroundTruth truth;

    @BeforeAll
    static void writeOneFarm() throws IOException {
        farm = shared.resolve("farm");
        truth = new PatternFarm(farm, RUNS, PatternFarm.Naming.MODEL).generate(7);
    }

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedOtherNumbersUnderTheSameNames(@TempDir Path dir)
            throws IOException {
        new PatternFarm(dir.resolve("again"), RUNS, PatternFarm.Naming.MODEL).generate(7);
        new PatternFarm(dir.resolve("other"), RUNS, PatternFarm.Naming.MODEL).generate(8);

        Map<String, String> first = contents(farm);
        assertEquals(first, contents(dir.resolve("again")));
        Map<String, String> other = contents(dir.resolve("other"));
        assertEquals(first.keySet(), other.keySet());
        assertNotEquals(first, other);
    }

    @Test
    void eachSuiteHasOneFileOfFiveRowsPerRunLandingInsideItsOwnMinute() throws IOException {
        assertEquals(11, truth.suites().size());
        for (GroundTruth.Suite suite : truth.suites()) {
            for (int run = 0; run < RUNS; run++) {
                Path file = farm.resolve(suite.suite()).resolve(String.format("run_%03d.csv", run));
                Instant runStart = PatternFarm.START.plus(PatternFarm.RUN.multipliedBy(run));
                Instant nextRun = runStart.plus(PatternFarm.RUN);
                List<MetricEvent> events = parse(file);
                assertEquals(2 * PatternFarm.ROWS, events.size(), file.toString());
                for (MetricEvent event : events) {
                    assertTrue(
                            event.eventTime >= runStart.toEpochMilli() && event.eventTime < nextRun.toEpochMilli(),
                            file + ": " + event.eventTime);
                }
                long landed = Files.getLastModifiedTime(file).toMillis();
                long lastRow = events.stream().mapToLong(e -> e.eventTime).max().orElseThrow();
                assertTrue(landed >= lastRow && landed < nextRun.toEpochMilli(), file + " landed at " + landed);
            }
        }
        try (Stream<Path> all = Files.walk(farm)) {
            assertEquals(
                    11 * RUNS, all.filter(p -> p.toString().endsWith(".csv")).count());
        }
    }

    @Test
    void theTruthWrittenBesideTheFarmReadsBackAsTheTruthReturned() throws IOException {
        assertEquals(truth, GroundTruth.read(farm.resolve(GroundTruth.FILE_NAME)));
        assertTrue(GroundTruth.FILE_NAME.startsWith("_"), "a name the job never reads as an artifact");
        assertEquals(40, truth.runOf(Instant.parse("2026-01-01T00:40:00Z")));
    }

    @Test
    void eachChangeMovesTheLevelByItsPercentAndNothingElseMovesIt() throws IOException {
        for (GroundTruth.Suite suite : truth.suites()) {
            for (GroundTruth.Metric metric : suite.metrics()) {
                double[] means = runMeans(suite.suite(), metric.metric());
                List<Integer> bounds = new ArrayList<>(List.of(0));
                metric.changes().forEach(change -> bounds.add(change.run()));
                bounds.add(RUNS);
                // Averages of 5 values over a dozen runs or more: within 4 points even in 10 % noise.
                double tolerance = metric.noisePercent() >= 10 ? 0.04 : 0.02;
                for (int i = 0; i < metric.changes().size(); i++) {
                    GroundTruth.Change change = metric.changes().get(i);
                    double before = mean(means, bounds.get(i), bounds.get(i + 1));
                    double after = mean(means, bounds.get(i + 1), bounds.get(i + 2));
                    assertEquals(
                            1 + change.percent() / 100,
                            after / before,
                            tolerance,
                            suite.suite() + " " + metric.metric() + " at run " + change.run());
                }
                boolean drifts = suite.suite().equals("drift");
                if (metric.changes().isEmpty() && !drifts) {
                    // Up to 10 % noise over 24 runs of 5 values: 0.9 % standard error.
                    assertEquals(
                            1.0,
                            mean(means, RUNS / 2, RUNS) / mean(means, 0, RUNS / 2),
                            0.03,
                            suite.suite() + " " + metric.metric() + " keeps its level");
                }
            }
        }
    }

    @Test
    void theNoChangePatternsDoWhatTheirEventsSay() throws IOException {
        double[] drift = runMeans("drift", PatternFarm.TOKENS);
        assertEquals(0.8, mean(drift, RUNS - 3, RUNS) / mean(drift, 0, RUNS / 4), 0.03, "20 % lower at the end");
        for (int run = RUNS / 4 + 1; run < RUNS; run += 8) {
            assertTrue(
                    mean(drift, run, run + 8 > RUNS ? RUNS : run + 8) < mean(drift, run - 8, run),
                    "lower and lower from run " + RUNS / 4 + ": " + run);
        }

        GroundTruth.Metric outliers = metric("outliers", PatternFarm.TOKENS);
        Set<Integer> outlierRuns = new HashSet<>();
        outliers.events().forEach(event -> outlierRuns.add(event.run()));
        assertEquals(2, outlierRuns.size());
        for (int run = 0; run < RUNS; run++) {
            List<Double> values = values("outliers", PatternFarm.TOKENS, run);
            double low = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double median = values.stream().sorted().toList().get(2);
            if (outlierRuns.contains(run)) {
                assertEquals(PatternFarm.OUTLIER_FACTOR, low / median, 0.05, "the outlier of run " + run);
            } else {
                assertTrue(low / median > 0.8, "no outlier in run " + run + ": " + values);
            }
        }

        int change = RUNS / 2;
        double before = spread("variance-change", PatternFarm.LATENCY, 0, change);
        double after = spread("variance-change", PatternFarm.LATENCY, change, RUNS);
        assertEquals(4.0, after / before, 1.0, "from 2.5 % to 10 % noise");
    }

    @Test
    void theTruthsDirectionsAreTheOnesTheProjectReadsFromTheMetricsNameAndUnit() throws IOException {
        for (GroundTruth.Metric metric : truth.suites().get(0).metrics()) {
            MetricEvent event = parse(farm.resolve("step-down/run_000.csv")).stream()
                    .filter(e -> e.metric.equals(metric.metric()))
                    .findFirst()
                    .orElseThrow();
            assertEquals(metric.unit(), event.unit, metric.metric());
            assertEquals(
                    metric.direction(),
                    MetricDirection.of(event.metric, event.unit).label(),
                    metric.metric());
        }
        GroundTruth.Change stepDown =
                truth.suites().get(0).metrics().get(0).changes().get(0);
        assertEquals("regression", stepDown.expected());
        assertEquals(-15.0, stepDown.percent());
        GroundTruth.Change stepUpLatency =
                truth.suites().get(1).metrics().get(1).changes().get(0);
        assertEquals("improvement", stepUpLatency.expected());
        assertEquals(-15.0, stepUpLatency.percent());
    }

    @Test
    void aModelColumnMakesOneSuitesRunsOneSeriesPerMetric(@TempDir Path dir) throws IOException {
        Set<String> series = new HashSet<>();
        for (int run = 0; run < 3; run++) {
            for (MetricEvent event : parse(farm.resolve(String.format("noise/run_%03d.csv", run)))) {
                assertEquals(Map.of("model", PatternFarm.MODEL), event.dimensions);
                series.add(SeriesIdentity.keyString(event));
            }
        }
        assertEquals(2, series.size(), series.toString());

        Path bare = dir.resolve("bare");
        new PatternFarm(bare, RUNS, PatternFarm.Naming.NONE).generate(7);
        assertEquals(
                "timestamp,tokens_s,latency_ms",
                Files.readAllLines(bare.resolve("noise/run_000.csv")).get(0));
        assertTrue(parse(bare.resolve("noise/run_000.csv")).stream().allMatch(e -> e.dimensions.isEmpty()));
        assertEquals(
                "none", GroundTruth.read(bare.resolve(GroundTruth.FILE_NAME)).naming());
    }

    @Test
    void tooFewRunsForABaselineBeforeTheFirstChangeAreRefused(@TempDir Path dir) {
        assertThrows(
                IllegalArgumentException.class,
                () -> new PatternFarm(dir, PatternFarm.MIN_RUNS - 1, PatternFarm.Naming.NONE));
    }

    private static GroundTruth.Metric metric(String suite, String metric) {
        return truth.suites().stream().filter(s -> s.suite().equals(suite)).findFirst().orElseThrow().metrics().stream()
                .filter(m -> m.metric().equals(metric))
                .findFirst()
                .orElseThrow();
    }

    private static List<MetricEvent> parse(Path file) {
        FileOutcome outcome = PARSER.parseLocal(
                farm,
                file,
                ArtifactParser.formatOf(file.getFileName().toString()).orElseThrow());
        assertTrue(outcome.isParsed(), file + ": " + outcome.deadLetterReason());
        return outcome.events();
    }

    private static List<Double> values(String suite, String metric, int run) {
        return parse(farm.resolve(suite).resolve(String.format("run_%03d.csv", run))).stream()
                .filter(e -> e.metric.equals(metric))
                .map(e -> e.value)
                .toList();
    }

    private static double[] runMeans(String suite, String metric) {
        double[] means = new double[RUNS];
        for (int run = 0; run < RUNS; run++) {
            means[run] = values(suite, metric, run).stream()
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .orElseThrow();
        }
        return means;
    }

    /** Relative standard deviation of the values of runs [from, to), each against its run's mean. */
    private static double spread(String suite, String metric, int from, int to) {
        double squares = 0;
        int n = 0;
        for (int run = from; run < to; run++) {
            List<Double> values = values(suite, metric, run);
            double mean =
                    values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            for (double value : values) {
                squares += (value / mean - 1) * (value / mean - 1);
                n++;
            }
        }
        return Math.sqrt(squares / n);
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }

    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                // A run's landing time places it in its window: part of what must repeat.
                String landed = file.toString().endsWith(".csv") ? " " + Files.getLastModifiedTime(file) : "";
                contents.put(root.relativize(file).toString(), Files.readString(file) + landed);
            }
        }
        return contents;
    }
}
