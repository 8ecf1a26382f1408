package io.chimera.telemetry.parse.recognise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chimera.telemetry.parse.ArtifactFile;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.parse.ParseSettings;
import io.chimera.telemetry.records.MetricEvent;
import io.chimera.telemetry.testing.Corpus;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A real criterion.rs output tree (dougch/criterion_gettingstarted, Apache-2.0; resources/real/SOURCES.md, and two
 * of its files in ../shared/corpus/formats), read file by file at its path in a farm as criterion wrote it,
 * {@code target/criterion/fib 20 - fast/...}.
 */
class CriterionTreeTest {

    private static final String BENCHMARK = "fib 20 - fast";
    private static final ArtifactParser PARSER = new ArtifactParser(ParseSettings.defaults());

    /**
     * The same tree's {@code new/estimates.json} and {@code new/benchmark.json} are in ../shared/corpus/formats;
     * they are read from there, the rest from the project's test resources.
     */
    private static final Map<String, String> IN_THE_CORPUS = Map.of(
            "new/estimates.json", "criterion/dougch-criterion_gettingstarted_new_estimates.json",
            "new/benchmark.json", "criterion/dougch-criterion_gettingstarted_new_benchmark.json");

    private static String text(String file) throws Exception {
        if (IN_THE_CORPUS.containsKey(file)) {
            return Files.readString(Corpus.formats().resolve(IN_THE_CORPUS.get(file)), StandardCharsets.UTF_8);
        }
        try (InputStream in =
                CriterionTreeTest.class.getResourceAsStream("/real/criterion/" + BENCHMARK + "/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The text as the file at {@code rust-farm/target/criterion/fib 20 - fast/<file>}. */
    private static FileOutcome parse(String file, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ArtifactFile artifact = new ArtifactFile(
                "rust-farm", "rust-farm/target/criterion/" + BENCHMARK + "/" + file, bytes.length, 1_700_000_000_000L);
        ArtifactFormat format = ArtifactParser.formatOf(file.substring(file.lastIndexOf('/') + 1))
                .orElseThrow();
        return PARSER.parse(artifact, format, bytes);
    }

    private static FileOutcome parse(String file) throws Exception {
        return parse(file, text(file));
    }

    private static double[] values(FileOutcome outcome, String metric) {
        return outcome.events().stream()
                .filter(e -> e.metric.equals(metric))
                .mapToDouble(e -> e.value)
                .toArray();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    @Test
    void eachSampleIsOneTimePerIterationWhoseMeanAndMedianAreCriterionsOwnEstimates() throws Exception {
        FileOutcome samples = parse("new/sample.json");
        FileOutcome estimates = parse("new/estimates.json");

        assertEquals("criterion-sample-json", samples.label());
        double[] times = values(samples, "time");
        assertEquals(100, times.length);
        MetricEvent first = samples.events().get(0);
        assertEquals(Map.of("benchmark", BENCHMARK, "baseline", "new", "sampling_mode", "Linear"), first.dimensions);
        assertEquals("ns", first.unit);
        assertEquals(1044826.0 / 202638.0, first.value, "the first batch: 1,044,826 ns over 202,638 iterations");
        double mean = Arrays.stream(times).average().orElseThrow();
        assertEquals(values(estimates, "mean")[0], mean, 1e-12);
        assertEquals(values(estimates, "median")[0], median(times), 1e-12);
    }

    @Test
    void rawCsvHoldsTheSameSamplesAsSampleJson() throws Exception {
        FileOutcome raw = parse("new/raw.csv");

        assertEquals("criterion-raw-csv", raw.label());
        assertEquals(100, raw.rows());
        double[] fromCsv = values(raw, "time");
        double[] fromJson = values(parse("new/sample.json"), "time");
        assertEquals(fromJson.length, fromCsv.length);
        for (int i = 0; i < fromJson.length; i++) {
            assertEquals(fromJson[i], fromCsv[i], 1e-12, "sample " + i);
        }
        assertEquals(
                Map.of("benchmark", BENCHMARK, "baseline", "new", "group", BENCHMARK),
                raw.events().get(0).dimensions);
        assertEquals("ns", raw.events().get(0).unit);
    }

    @Test
    void theTukeyFencesAreFourMetricsInNanoseconds() throws Exception {
        FileOutcome fences = parse("new/tukey.json");

        assertEquals("criterion-tukey-json", fences.label());
        Map<String, Double> byName = fences.events().stream().collect(Collectors.toMap(e -> e.metric, e -> e.value));
        assertEquals(
                Map.of(
                        "tukey_low_severe",
                        4.300641874061508,
                        "tukey_low_mild",
                        4.536491107728413,
                        "tukey_high_mild",
                        5.165422397506823,
                        "tukey_high_severe",
                        5.401271631173727),
                byName);
    }

    @Test
    void theChangeAgainstTheRunBeforeIsInPercentWithItsInterval() throws Exception {
        FileOutcome change = parse("change/estimates.json");

        assertEquals("criterion-change-json", change.label());
        Map<String, MetricEvent> byName = change.events().stream().collect(Collectors.toMap(e -> e.metric, e -> e));
        assertEquals(-0.03173167175444247, byName.get("mean_change").value, 1e-15);
        assertEquals("%", byName.get("mean_change").unit);
        assertEquals(-0.8143982436991225, byName.get("mean_change_lower_bound").value, 1e-13);
        assertEquals(0.7518887962552072, byName.get("mean_change_upper_bound").value, 1e-13);
        assertEquals(0.1193165705516419, byName.get("median_change").value, 1e-13);
        assertEquals(8, change.events().size(), "mean and median, each with standard error and two bounds");
        assertEquals(
                Map.of("benchmark", BENCHMARK, "confidence_level", "0.95"),
                byName.get("mean_change").dimensions,
                "a change belongs to no one set of runs");
    }

    @Test
    void theEstimatesAndTheBenchmarkFileAreNamedByTheirFolderToo() throws Exception {
        MetricEvent mean = parse("new/estimates.json").events().stream()
                .filter(e -> e.metric.equals("mean"))
                .findFirst()
                .orElseThrow();
        assertEquals(Map.of("benchmark", BENCHMARK, "baseline", "new", "confidence_level", "0.95"), mean.dimensions);
        FileOutcome benchmark = parse("new/benchmark.json");
        assertEquals("parsed", benchmark.status());
        assertEquals(0, benchmark.events().size());
    }

    @Test
    void aSavedBaselineIsItsOwnSeriesBesideTheLatestRun() throws Exception {
        byte[] bytes = text("new/sample.json").getBytes(StandardCharsets.UTF_8);
        FileOutcome saved = PARSER.parse(
                new ArtifactFile("rust-farm", "rust-farm/target/criterion/fib/20/main/sample.json", bytes.length, 0L),
                ArtifactFormat.JSON,
                bytes);

        assertEquals("fib/20", saved.events().get(0).dimensions.get("benchmark"));
        assertEquals("main", saved.events().get(0).dimensions.get("baseline"));
    }

    @Test
    void badSamplesAreDeadLettersNamingTheRecogniserAndWhy() throws Exception {
        String sample = text("new/sample.json");
        String oneTimeShort = sample.replaceFirst("\"times\":\\[[0-9.]+,", "\"times\":[");
        String zeroIterations = sample.replaceFirst("\"iters\":\\[[0-9.]+,", "\"iters\":[0.0,");

        assertEquals(
                "criterion-sample-json: 100 iteration counts for 99 times: each batch needs both",
                parse("new/sample.json", oneTimeShort).deadLetterReason());
        assertEquals(
                "criterion-sample-json: sample 0: 0.0 iterations in 1044826.0 ns is not a measurement",
                parse("new/sample.json", zeroIterations).deadLetterReason());
        List<String> lines = text("new/raw.csv").lines().toList();
        String cutRaw = String.join("\n", lines.subList(0, 3)) + "\nfib 20 - fast,,,";
        assertEquals(
                "criterion-raw-csv: line 4: 4 fields where the header has 8",
                parse("new/raw.csv", cutRaw).deadLetterReason());
    }

    @Test
    void anArrayNamedTukeyThatIsNotFourFencesIsLeftToTheGenericReader() {
        FileOutcome outcome = parse("new/tukey.json", "[{\"latency_ms\": 4.2}, {\"latency_ms\": 4.4}]");

        assertEquals("json", outcome.label());
        assertEquals(2, outcome.events().size());
    }
}
