package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.SeriesStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegressionDetectorTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    private static SeriesStats window(String metric, String unit, int index, double mean) {
        SeriesStats s = new SeriesStats();
        s.suite = "llm";
        s.series = new TreeMap<>(Map.of("model", "gemma3"));
        s.metric = metric;
        s.unit = unit;
        s.windowStart = START.plus(Duration.ofMinutes(index)).toString();
        s.windowEnd = START.plus(Duration.ofMinutes(index + 1)).toString();
        s.count = 10;
        s.mean = mean;
        return s;
    }

    /** Feeds window means in order and returns the alerts, with the window index each came in. */
    private static List<Alert> run(RegressionSettings settings, String metric, String unit, double[] means)
            throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, SeriesStats, SeriesStats> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new RegressionDetector(settings)),
                        s -> s.suite + "/" + s.metric,
                        Types.STRING)) {
            harness.open();
            for (int i = 0; i < means.length; i++) {
                harness.processElement(new StreamRecord<>(window(metric, unit, i, means[i]), i));
            }
            assertEquals(means.length, harness.extractOutputValues().size(), "statistics pass through unchanged");
            List<Alert> alerts = new ArrayList<>();
            var side = harness.getSideOutput(RegressionDetector.ALERTS);
            if (side != null) {
                side.forEach(record -> alerts.add(record.getValue()));
            }
            return alerts;
        }
    }

    private static int index(Alert alert) {
        return (int) Duration.between(START, Instant.parse(alert.windowStart)).toMinutes();
    }

    private static double[] noise(long seed, int windows, double center, double relativeSigma) {
        Random random = new Random(seed);
        double[] means = new double[windows];
        for (int i = 0; i < windows; i++) {
            means[i] = center * (1 + relativeSigma * random.nextGaussian());
        }
        return means;
    }

    @Test
    void aFifteenPercentDropInThroughputIsFlaggedInTheWindowItHappens() throws Exception {
        double[] means = noise(7, 40, 180.0, 0.02);
        for (int i = 30; i < 40; i++) {
            means[i] *= 0.85;
        }

        List<Alert> alerts = run(RegressionSettings.defaults(), "tokens_s", "tok/s", means);

        assertTrue(!alerts.isEmpty(), "the step was not flagged");
        Alert first = alerts.get(0);
        assertEquals(30, index(first), "flagged in the first window after the step");
        assertEquals(Alert.REGRESSION, first.kind);
        assertEquals("higher_is_better", first.direction);
        assertEquals(20, first.baselineWindows);
        assertTrue(first.changePercent < -10, String.valueOf(first.changePercent));
        assertTrue(first.zScore <= -4, String.valueOf(first.zScore));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.005, 0.02, 0.025, 0.03, 0.05, 0.2})
    void aThousandWindowsOfPureNoiseRaiseAtMostOneFalseAlarm(double relativeSigma) throws Exception {
        List<Alert> alerts =
                run(RegressionSettings.defaults(), "tokens_s", "tok/s", noise(42, 1000, 180.0, relativeSigma));

        assertTrue(alerts.size() <= 1, alerts.size() + " false alarms at noise " + relativeSigma);
    }

    @Test
    void moreLatencyAndLessThroughputAreBothRegressions() throws Exception {
        double[] steady = {100, 101, 99, 100, 102, 98, 100};
        double[] latencyUp = append(steady, 130);
        double[] throughputUp = append(steady, 130);
        double[] throughputDown = append(steady, 70);

        assertEquals(
                Alert.REGRESSION,
                run(RegressionSettings.defaults(), "ttft_ms", "ms", latencyUp).get(0).kind);
        assertEquals(
                Alert.REGRESSION,
                run(RegressionSettings.defaults(), "tokens_s", "tok/s", throughputDown)
                        .get(0)
                        .kind);
        assertEquals(
                Alert.IMPROVEMENT,
                run(RegressionSettings.defaults(), "tokens_s", "tok/s", throughputUp)
                        .get(0)
                        .kind);
        assertEquals(
                Alert.IMPROVEMENT,
                run(RegressionSettings.defaults(), "ttft_ms", "ms", append(steady, 70))
                        .get(0)
                        .kind);
    }

    @Test
    void saysNothingBeforeTheBaselineHasItsMinimumSize() throws Exception {
        assertEquals(
                List.of(),
                run(RegressionSettings.defaults(), "ttft_ms", "ms", new double[] {100, 100, 100, 100, 500}),
                "four windows are too few to judge");
        assertEquals(
                1,
                run(RegressionSettings.defaults(), "ttft_ms", "ms", new double[] {100, 100, 100, 100, 100, 500})
                        .size());
    }

    @Test
    void aBigButNoisyChangeNeedsTheZScoreToo() throws Exception {
        // 12 % above the mean, but the series swings ±20 % from window to window.
        double[] noisy = {100, 120, 80, 110, 90, 125, 75, 100, 112};

        assertEquals(List.of(), run(RegressionSettings.defaults(), "ttft_ms", "ms", noisy));
    }

    @Test
    void metricsOfUnknownDirectionGetNoVerdictUnlessARuleGivesOne() throws Exception {
        double[] means = {10, 10, 10, 10, 10, 10, 20};

        assertEquals(List.of(), run(RegressionSettings.defaults(), "eval_count", null, means));
        RegressionSettings withRule = RegressionSettings.defaults()
                .withRules(
                        List.of(RegressionSettings.Rule.parse("eval_*=10%,4,higher", RegressionSettings.defaults())));
        assertEquals(Alert.IMPROVEMENT, run(withRule, "eval_count", null, means).get(0).kind);
    }

    @Test
    void perMetricThresholdsOverrideTheDefaults() throws Exception {
        double[] means = {100, 100, 100, 100, 100, 100, 108};
        RegressionSettings strict = RegressionSettings.defaults()
                .withRules(List.of(RegressionSettings.Rule.parse("ttft*=5%", RegressionSettings.defaults())));

        assertEquals(List.of(), run(RegressionSettings.defaults(), "ttft_ms", "ms", means), "8 % is under 10 %");
        assertEquals(1, run(strict, "ttft_ms", "ms", means).size(), "but over the rule's 5 %");
        assertEquals(List.of(), run(strict, "load_ms", "ms", means), "the rule names ttft only");
    }

    @Test
    void theBaselineKeepsOnlyTheLastWindows() throws Exception {
        double[] means = new double[60];
        for (int i = 0; i < 59; i++) {
            means[i] = i < 30 ? 100 : 200;
        }
        means[59] = 201;

        List<Alert> alerts = run(RegressionSettings.defaults(), "ttft_ms", "ms", means);

        assertTrue(
                alerts.stream().noneMatch(a -> index(a) == 59),
                "window 59 is judged against windows 39–58 only, all at 200");
        assertTrue(alerts.stream().allMatch(a -> a.baselineWindows <= 20));
    }

    @Test
    void aBaselineResetForgetsTheWindowsBeforeIt(@TempDir Path dir) throws Exception {
        double[] means = new double[16];
        for (int i = 0; i < 16; i++) {
            means[i] = i < 10 ? 100 : 150;
        }
        Path resets = dir.resolve("resets.txt");
        Files.writeString(resets, "# new GPU driver\nllm/ttft* " + START.plus(Duration.ofMinutes(10)) + "\n");
        RegressionSettings settings =
                new RegressionSettings(20, 5, 0.10, 4.0, List.of(), resets.toString(), Duration.ofDays(30));

        List<Alert> withReset = run(settings, "ttft_ms", "ms", means);
        List<Alert> without = run(RegressionSettings.defaults(), "ttft_ms", "ms", means);

        assertEquals(Alert.REGRESSION, without.get(0).kind, "the step is a regression against the old baseline");
        assertEquals(10, index(without.get(0)));
        assertEquals(List.of(), withReset, "after the reset the new level is the baseline");
    }

    private static double[] append(double[] values, double last) {
        double[] all = java.util.Arrays.copyOf(values, values.length + 1);
        all[values.length] = last;
        return all;
    }

    // --- revisions: a window's latest statistics are judged, and count once in the baseline ---

    /** Feeds statistics (revisions included) in the order given and returns the alerts. */
    private static List<Alert> feed(SeriesStats... windows) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, SeriesStats, SeriesStats> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new RegressionDetector(RegressionSettings.defaults())),
                        s -> s.suite + "/" + s.metric,
                        Types.STRING)) {
            harness.open();
            for (SeriesStats window : windows) {
                harness.processElement(new StreamRecord<>(window, 0));
            }
            List<Alert> alerts = new ArrayList<>();
            var side = harness.getSideOutput(RegressionDetector.ALERTS);
            if (side != null) {
                side.forEach(record -> alerts.add(record.getValue()));
            }
            return alerts;
        }
    }

    private static SeriesStats revision(int index, double mean, int revision) {
        SeriesStats stats = window("tokens_s", "tok/s", index, mean);
        stats.revision = revision;
        return stats;
    }

    private static List<SeriesStats> steady(int windows) {
        List<SeriesStats> all = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            all.add(revision(i, i % 2 == 0 ? 100 : 101, 0));
        }
        return all;
    }

    @Test
    void aRevisedWindowCountsOnceInTheBaseline() throws Exception {
        List<SeriesStats> input = steady(5);
        for (int r = 1; r <= 5; r++) {
            input.add(revision(4, 100, r));
        }
        input.add(revision(5, 70, 0));

        Alert alert = feed(input.toArray(new SeriesStats[0])).stream().collect(single());

        assertEquals(5, alert.baselineWindows, "five windows, however often the last was revised");
        assertEquals(0, alert.revision);
    }

    @Test
    void aRevisionThatUndoesARegressionWithdrawsItsAlert() throws Exception {
        List<SeriesStats> input = steady(6);
        input.add(revision(6, 70, 0));
        input.add(revision(6, 99, 1));

        List<Alert> alerts = feed(input.toArray(new SeriesStats[0]));

        assertEquals(
                List.of(Alert.REGRESSION + " 0", Alert.WITHDRAWN + " 1"),
                alerts.stream().map(a -> a.kind + " " + a.revision).toList());
        assertEquals(alerts.get(0).windowStart, alerts.get(1).windowStart);
    }

    @Test
    void aRevisionThatStillRegressesSendsTheAlertAgainWithItsNewNumbers() throws Exception {
        List<SeriesStats> input = steady(6);
        input.add(revision(6, 70, 0));
        input.add(revision(6, 60, 1));
        input.add(revision(6, 60, 2));

        List<Alert> alerts = feed(input.toArray(new SeriesStats[0]));

        assertEquals(
                List.of("0 70.0", "1 60.0", "2 60.0"),
                alerts.stream().map(a -> a.revision + " " + a.mean).toList());
    }

    @Test
    void aWindowThatArrivesAfterLaterOnesIsJudgedAgainstTheWindowsBeforeIt() throws Exception {
        List<SeriesStats> input = steady(6);
        // Windows 7 to 9 at a new level come first; window 6 (still at the old level) arrives late.
        input.add(revision(7, 50, 0));
        input.add(revision(8, 50, 0));
        input.add(revision(9, 50, 0));
        input.add(revision(6, 100, 0));

        List<Alert> alerts = feed(input.toArray(new SeriesStats[0]));

        assertEquals(
                List.of(7),
                alerts.stream().map(RegressionDetectorTest::index).toList(),
                "window 6 is like the six before it; only the first step down alerts");
    }

    /** A throughput window of five values: its mean, median and spread. */
    private static SeriesStats run(int index, double mean, double median, double stddev) {
        SeriesStats stats = window("tokens_s", "tok/s", index, mean);
        stats.count = 5;
        stats.p50 = median;
        stats.stddev = stddev;
        return stats;
    }

    /** Twenty quiet windows around 180 tok/s (1 % noise), then the given ones. */
    private static List<Alert> afterTwentyQuietWindows(SeriesStats... then) throws Exception {
        List<SeriesStats> input = new ArrayList<>();
        double[] quiet = noise(3, 20, 180.0, 0.01);
        for (int i = 0; i < quiet.length; i++) {
            input.add(run(i, quiet[i], quiet[i], 2));
        }
        input.addAll(List.of(then));
        return feed(input.toArray(new SeriesStats[0]));
    }

    @Test
    void aStepIsAlertedOnceAndTheWindowsAfterItAreItsNewLevel() throws Exception {
        List<SeriesStats> stepped = new ArrayList<>();
        for (int i = 20; i < 40; i++) {
            stepped.add(run(i, 153 + (i % 3), 153 + (i % 3), 2));
        }

        List<Alert> alerts = afterTwentyQuietWindows(stepped.toArray(new SeriesStats[0]));

        assertEquals(
                List.of("20 regression"),
                alerts.stream().map(a -> index(a) + " " + a.kind).toList());
    }

    @Test
    void aFixAfterARegressionIsAnImprovement() throws Exception {
        List<Alert> alerts = afterTwentyQuietWindows(
                run(20, 153, 153, 2),
                run(21, 154, 154, 2),
                run(22, 152, 152, 2),
                run(23, 180, 180, 2),
                run(24, 181, 181, 2));

        assertEquals(
                List.of("20 regression", "23 improvement"),
                alerts.stream().map(a -> index(a) + " " + a.kind).toList());
    }

    @Test
    void aOneWindowExcursionIsOneAlertAndTheSeriesKeepsItsLevel() throws Exception {
        List<Alert> alerts = afterTwentyQuietWindows(
                run(20, 140, 140, 2), run(21, 180, 180, 2), run(22, 181, 181, 2), run(23, 150, 150, 2));

        assertEquals(
                List.of("20 regression", "23 regression"),
                alerts.stream().map(a -> index(a) + " " + a.kind).toList(),
                "the return is no change; a later drop is judged against the level of before");
    }

    @Test
    void oneOutlyingValueMovesTheMeanButNotTheMedianAndIsNoChange() throws Exception {
        // Four values near 180 and one at 0.4 × 180: the mean falls 12 %, the median stays.
        double mean = (4 * 180 + 72) / 5.0;

        assertEquals(List.of(), afterTwentyQuietWindows(run(20, mean, 180, 48)));
        assertEquals(1, afterTwentyQuietWindows(run(20, 158, 158, 2)).size(), "a change of level is one");
    }

    @Test
    void aWindowNoisierThanTheSeriesIsNoChangeOfLevel() throws Exception {
        // 11 % down, but its five values spread ±40 tok/s: its mean is no better known than that.
        assertEquals(List.of(), afterTwentyQuietWindows(run(20, 160, 160, 40)));
        assertEquals(1, afterTwentyQuietWindows(run(20, 160, 160, 2)).size(), "as quiet as the series: a change");
    }

    private static <T> java.util.stream.Collector<T, ?, T> single() {
        return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), list -> {
            assertEquals(1, list.size(), list.toString());
            return list.get(0);
        });
    }
}
