package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.Finding;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.WindowSummary;
import io.chimera.telemetry.testing.Corpus;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The findings of the real parameter sweeps in corpus/chimera/reports/gemma3 (num_gpu × num_ctx × temperature),
 * checked against the same numbers worked out by hand from the CSV files themselves.
 */
class FindingsTest {

    private static final List<String> SWEEPS =
            List.of("gemma3_1b-it-qat_param_tuning.csv", "gemma3_270m_param_tuning.csv", "gemma3_param_tuning.csv");

    @Test
    void theFastestAndSlowestConfigurationOfEachSweepAreItsHighestAndLowestTokensPerSecond() throws Exception {
        for (String sweep : SWEEPS) {
            List<CSVRecord> rows = measured(rows(sweep));
            CSVRecord fastest = rows.stream()
                    .max(Comparator.comparingDouble(r -> value(r, "tokens_s")))
                    .orElseThrow();
            CSVRecord slowest = rows.stream()
                    .min(Comparator.comparingDouble(r -> value(r, "tokens_s")))
                    .orElseThrow();

            List<Finding> findings = findings(sweep);
            Finding best = only(findings, Finding.BEST, "tokens_s");
            Finding worst = only(findings, Finding.WORST, "tokens_s");

            assertEquals(fastest.get("config_name"), best.series.get("config_name"), sweep);
            assertEquals(value(fastest, "tokens_s"), best.value, 1e-9, sweep);
            assertEquals(value(slowest, "tokens_s"), best.other, 1e-9, sweep);
            assertEquals(slowest.get("config_name"), best.otherSeries.get("config_name"), sweep);
            assertEquals(value(fastest, "tokens_s") / value(slowest, "tokens_s"), best.ratio, 1e-12, sweep);
            assertEquals(rows.size(), best.seriesCompared, sweep);
            assertEquals(slowest.get("config_name"), worst.series.get("config_name"), sweep);
            assertEquals("higher_is_better", best.direction);
            assertEquals(Finding.SINGLE_VALUES, best.test, "one run per configuration: compared as values");
            assertNull(best.significant, "no test applies to single values");
        }
    }

    @Test
    void theBestTimeToFirstTokenIsTheLowest() throws Exception {
        for (String sweep : SWEEPS) {
            List<CSVRecord> rows = measured(rows(sweep));
            CSVRecord quickest = rows.stream()
                    .min(Comparator.comparingDouble(r -> value(r, "ttft_s")))
                    .orElseThrow();
            CSVRecord slowest = rows.stream()
                    .max(Comparator.comparingDouble(r -> value(r, "ttft_s")))
                    .orElseThrow();

            List<Finding> findings = findings(sweep);
            Finding best = only(findings, Finding.BEST, "ttft_s");

            assertEquals("lower_is_better", best.direction);
            assertEquals(value(quickest, "ttft_s"), best.value, 1e-12, sweep);
            assertEquals(quickest.get("config_name"), best.series.get("config_name"), sweep);
            assertEquals(value(slowest, "ttft_s"), only(findings, Finding.WORST, "ttft_s").value, 1e-12, sweep);
            assertTrue(best.changePercent < 0, "the best ttft is below the worst: " + best.changePercent);
        }
    }

    @Test
    void eachSweptParametersEffectIsTheMeanAtEachOfItsValuesWithTheOtherParametersHeldFixed() throws Exception {
        for (String sweep : SWEEPS) {
            List<CSVRecord> rows = measured(rows(sweep));
            List<Finding> findings = findings(sweep);
            List<String> parameters = findings.stream()
                    .filter(f -> f.kind.equals(Finding.EFFECT) && f.metric.equals("tokens_s"))
                    .map(f -> f.parameter)
                    .sorted()
                    .toList();
            assertEquals(
                    List.of("num_ctx", "num_gpu", "temperature"),
                    parameters,
                    sweep + ": config_name only names a combination of the three, and file does not vary");

            for (String parameter : parameters) {
                for (String metric : List.of("tokens_s", "ttft_s", "eval_count")) {
                    Finding effect = findings.stream()
                            .filter(f -> f.kind.equals(Finding.EFFECT)
                                    && f.metric.equals(metric)
                                    && f.parameter.equals(parameter))
                            .findFirst()
                            .orElseThrow();
                    Map<Double, Double> byHand = meansOfCompleteBlocks(rows, parameter, metric);
                    assertEquals(byHand.size(), effect.levels.size(), sweep + " " + parameter);
                    int i = 0;
                    for (Map.Entry<Double, Double> level : byHand.entrySet()) {
                        assertEquals(level.getKey(), Double.parseDouble(effect.levels.get(i).value), 1e-12);
                        assertEquals(
                                level.getValue(),
                                effect.levels.get(i).mean,
                                1e-9,
                                sweep + " " + metric + " at " + parameter + "=" + level.getKey());
                        i++;
                    }
                    double lowest = byHand.values().iterator().next();
                    double highest = new ArrayList<>(byHand.values()).get(byHand.size() - 1);
                    assertEquals((highest - lowest) / Math.abs(lowest) * 100, effect.changePercent, 1e-9);
                    assertEquals(Boolean.TRUE, effect.heldFixed, sweep + " " + parameter);
                    int[] signs = signsByHand(rows, parameter, metric);
                    assertEquals(Finding.SIGN_TEST, effect.test, "one run a configuration: the blocks repeat");
                    assertEquals(signs[0], effect.blocks, sweep + " " + parameter + " " + metric);
                    assertEquals(signs[1], effect.blocksHigher, sweep + " " + parameter + " " + metric);
                    assertEquals(signTestByHand(signs[1], signs[2]), effect.pValue, 1e-12);
                }
            }
        }
    }

    @Test
    void theRunsThatTimedOutAreFailuresOfTheirConfigurations() throws Exception {
        String sweep = "gemma3_270m_param_tuning.csv";
        List<String> timedOut = rows(sweep).stream()
                .filter(r -> r.get("error").equals("timed out"))
                .map(r -> r.get("config_name"))
                .sorted()
                .toList();
        assertEquals(2, timedOut.size(), "the corpus file has two timed-out runs");

        List<Finding> failures = findings(sweep).stream()
                .filter(f -> f.kind.equals(Finding.FAILURE))
                .toList();

        assertEquals(
                timedOut,
                failures.stream().map(f -> f.series.get("config_name")).sorted().toList());
        for (Finding failure : failures) {
            assertEquals("eval_count, eval_s, load_s, prompt_eval_s, tokens_s, ttft_s", failure.metric);
            assertEquals(1.0, failure.value, "one failed run");
            assertEquals(0.0, failure.other, "and no value that did not fail");
        }
    }

    @Test
    void aMetricWithoutADirectionHasEffectsButNoBestOrWorst() throws Exception {
        List<Finding> findings = findings(SWEEPS.get(0));
        assertTrue(findings.stream()
                .noneMatch(f -> f.metric.equals("eval_count")
                        && (f.kind.equals(Finding.BEST) || f.kind.equals(Finding.WORST))));
        assertTrue(findings.stream().anyMatch(f -> f.metric.equals("eval_count") && f.kind.equals(Finding.EFFECT)));
    }

    @Test
    void anUnbalancedSweepFallsBackToMeansOverAllSeriesAndSaysSo() {
        // A half fraction of num_ctx × temperature × num_gpu: no combination of two ran at both values of the third.
        List<SeriesStats> stats = List.of(
                one("1024", "0.2", "40", 100),
                one("4096", "0.8", "40", 80),
                one("1024", "0.8", "80", 90),
                one("4096", "0.2", "80", 70));
        List<Finding> effects = Findings.of(stats, List.of()).stream()
                .filter(f -> f.kind.equals(Finding.EFFECT))
                .toList();
        assertEquals(
                List.of("num_ctx", "num_gpu", "temperature"),
                effects.stream().map(f -> f.parameter).toList());
        Finding numCtx = effects.get(0);
        assertEquals(Boolean.FALSE, numCtx.heldFixed);
        assertEquals(75.0, numCtx.value, 1e-12, "the mean over both 4096 series");
        assertEquals(95.0, numCtx.other, 1e-12);
    }

    @Test
    void seriesOfSeveralValuesAreComparedWithWelchsTTest() {
        SeriesStats fast = several("fast", 100, 1, 10);
        SeriesStats slow = several("slow", 90, 1, 10);
        SeriesStats noisy = several("noisy", 99, 30, 10);
        Finding clear = only(Findings.of(List.of(fast, slow), List.of()), Finding.BEST, "tokens_s");
        assertEquals(Finding.WELCH_T, clear.test);
        assertTrue(clear.pValue < 1e-6 && clear.significant, "10 apart with spread 1: p " + clear.pValue);

        Finding unclear = only(Findings.of(List.of(fast, noisy), List.of()), Finding.BEST, "tokens_s");
        assertEquals(Finding.WELCH_T, unclear.test);
        assertFalse(unclear.significant, "1 apart with spread 30 is noise: p " + unclear.pValue);
        assertNotNull(unclear.pValue);
    }

    @Test
    void failuresAndAlertsComeFirst() {
        SeriesStats failing = several("fast", 100, 1, 10);
        failing.failed = 3;
        Alert alert = new Alert();
        alert.kind = Alert.REGRESSION;
        alert.metric = "tokens_s";
        alert.unit = "tok/s";
        alert.direction = "higher_is_better";
        alert.series = Map.of("model", "slow");
        alert.mean = 80;
        alert.baselineMean = 100;
        List<Finding> findings = Findings.of(List.of(failing, several("slow", 90, 1, 10)), List.of(alert));
        assertEquals(
                List.of(Finding.REGRESSION, Finding.FAILURE, Finding.BEST, Finding.WORST),
                findings.stream().map(f -> f.kind).toList());
        assertEquals(-20.0, findings.get(0).changePercent, 1e-12);
        assertEquals(3.0, findings.get(1).value);
        assertEquals(10.0, findings.get(1).other);
    }

    /** Complete blocks, those higher at the parameter's highest value than at its lowest, and those that differ. */
    private static int[] signsByHand(List<CSVRecord> rows, String parameter, String metric) {
        List<String> others = new ArrayList<>(List.of("num_gpu", "num_ctx", "temperature"));
        others.remove(parameter);
        Map<String, TreeMap<Double, Double>> blocks = new TreeMap<>();
        for (CSVRecord row : rows) {
            blocks.computeIfAbsent(others.stream().map(row::get).collect(Collectors.joining("/")), k -> new TreeMap<>())
                    .put(value(row, parameter), value(row, metric));
        }
        long levels = rows.stream().map(r -> value(r, parameter)).distinct().count();
        int complete = 0;
        int higher = 0;
        int differing = 0;
        for (TreeMap<Double, Double> block : blocks.values()) {
            if (block.size() == levels) {
                complete++;
                double difference =
                        block.lastEntry().getValue() - block.firstEntry().getValue();
                higher += difference > 0 ? 1 : 0;
                differing += difference != 0 ? 1 : 0;
            }
        }
        return new int[] {complete, higher, differing};
    }

    /** Two-sided: twice the smaller tail of Binomial(n, 1/2) at k, summed term by term. */
    private static double signTestByHand(int k, int n) {
        double below = 0;
        double above = 0;
        for (int i = 0; i <= n; i++) {
            double p = binomial(n, i) / Math.pow(2, n);
            below += i <= k ? p : 0;
            above += i >= k ? p : 0;
        }
        return Math.min(1.0, 2 * Math.min(below, above));
    }

    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }

    /** The metric's mean at each value of the parameter over the combinations of the others run at every value. */
    private static Map<Double, Double> meansOfCompleteBlocks(List<CSVRecord> rows, String parameter, String metric) {
        List<String> others = new ArrayList<>(List.of("num_gpu", "num_ctx", "temperature"));
        others.remove(parameter);
        Map<String, Map<Double, Double>> blocks = new TreeMap<>();
        for (CSVRecord row : rows) {
            String block = others.stream().map(row::get).collect(Collectors.joining("/"));
            blocks.computeIfAbsent(block, k -> new TreeMap<>()).put(value(row, parameter), value(row, metric));
        }
        long levels = rows.stream().map(r -> value(r, parameter)).distinct().count();
        Map<Double, List<Double>> values = new TreeMap<>();
        blocks.values().stream()
                .filter(b -> b.size() == levels)
                .forEach(b -> b.forEach((level, v) ->
                        values.computeIfAbsent(level, k -> new ArrayList<>()).add(v)));
        Map<Double, Double> means = new TreeMap<>();
        values.forEach((level, vs) -> means.put(
                level, vs.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
        return means;
    }

    private static List<Finding> findings(String sweep) {
        Path root = Corpus.chimera();
        WindowSummary summary =
                CorpusWindows.of(root, List.of(root.resolve("reports/gemma3").resolve(sweep)));
        return summary.findings;
    }

    private static List<CSVRecord> rows(String sweep) throws Exception {
        try (Reader in = Files.newBufferedReader(
                Corpus.chimera().resolve("reports/gemma3").resolve(sweep))) {
            return CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)
                    .getRecords();
        }
    }

    /** The rows of runs that measured something: the others timed out. */
    private static List<CSVRecord> measured(List<CSVRecord> rows) {
        return rows.stream().filter(r -> !r.get("tokens_s").isEmpty()).toList();
    }

    private static double value(CSVRecord row, String column) {
        return Double.parseDouble(row.get(column));
    }

    private static Finding only(List<Finding> findings, String kind, String metric) {
        List<Finding> matching = findings.stream()
                .filter(f -> f.kind.equals(kind) && f.metric.equals(metric))
                .toList();
        assertEquals(1, matching.size(), kind + " " + metric + ": " + matching.size());
        return matching.get(0);
    }

    private static SeriesStats one(String numCtx, String temperature, String numGpu, double value) {
        SeriesStats s = several("m", value, 0, 1);
        s.series = new TreeMap<>(Map.of(
                "num_ctx",
                numCtx,
                "temperature",
                temperature,
                "num_gpu",
                numGpu,
                "config_name",
                "c" + numCtx + "_t" + temperature + "_g" + numGpu));
        return s;
    }

    private static SeriesStats several(String model, double mean, double stddev, long count) {
        SeriesStats s = new SeriesStats();
        s.suite = "s";
        s.metric = "tokens_s";
        s.unit = "tok/s";
        s.series = new TreeMap<>(Map.of("model", model));
        s.count = count;
        s.mean = mean;
        s.sum = mean * count;
        s.stddev = stddev;
        s.min = mean - stddev;
        s.max = mean + stddev;
        return s;
    }
}
