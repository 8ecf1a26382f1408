package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.WindowSummary;
import io.chimera.telemetry.testing.Corpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * For the tools that keep every run (hyperfine's {@code times}, JMH's {@code rawData}, pytest-benchmark's
 * {@code data}, cargo-criterion's {@code measured_values}), the window's statistics of a command or benchmark are those of its runs, worked out here by hand
 * from the real files of ../shared/corpus/formats; the tool's own summaries are {@code reported_*} beside them.
 */
class RawSamplesStatisticsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aHyperfineCommandsStatisticsAreThoseOfItsRuns() throws Exception {
        Path file = Corpus.formats().resolve("hyperfine_json/bencher_hyperfine_one.json");
        JsonNode result = JSON.readTree(file.toFile()).get("results").get(0);
        double[] runs = values(result.get("times"));

        SeriesStats time = only(file, "time");

        assertEquals(214, runs.length);
        assertSameAs(runs, time);
        assertEquals("s", time.unit);
        assertEquals(
                result.get("mean").asDouble(), only(file, "reported_mean").mean, 1e-15, "hyperfine's own mean, beside");
    }

    @Test
    void aJmhBenchmarksStatisticsAreThoseOfItsIterations() throws Exception {
        Path file = Corpus.formats().resolve("jmh_json/gpanther-benchmark-arraycopy_jmh-result.json");
        JsonNode first = JSON.readTree(file.toFile()).get(0);
        List<Double> iterations = new ArrayList<>();
        first.get("primaryMetric").get("rawData").forEach(fork -> fork.forEach(v -> iterations.add(v.asDouble())));
        WindowSummary window = CorpusWindows.of(Corpus.formats(), List.of(file));
        String benchmark = first.get("benchmark").asText();
        String params = first.get("params").toString();
        SeriesStats score = window.series.stream()
                .filter(s -> s.metric.equals("score")
                        && benchmark.equals(s.series.get("benchmark"))
                        && first.get("params").properties().stream()
                                .allMatch(p -> p.getValue().asText().equals(s.series.get("param_" + p.getKey()))))
                .findFirst()
                .orElseThrow(() -> new AssertionError(benchmark + " " + params));

        assertSameAs(iterations.stream().mapToDouble(Double::doubleValue).toArray(), score);
        assertEquals(first.get("primaryMetric").get("scoreUnit").asText(), score.unit);
    }

    @Test
    void aPytestBenchmarksStatisticsAreThoseOfItsRounds() throws Exception {
        Path file = Corpus.formats().resolve("pytest_benchmark_json/gh-action-benchmark_pytest_several_units.json");
        JsonNode sleep = null;
        for (JsonNode benchmark : JSON.readTree(file.toFile()).get("benchmarks")) {
            if (benchmark.get("name").asText().equals("test_sleep_2")) {
                sleep = benchmark;
            }
        }
        WindowSummary window = CorpusWindows.of(Corpus.formats(), List.of(file));
        List<SeriesStats> times =
                window.series.stream().filter(s -> s.metric.equals("time")).toList();

        assertEquals(1, times.size(), "only test_sleep_2 kept every round");
        assertSameAs(values(sleep.get("stats").get("data")), times.get(0));
    }

    @Test
    void aCargoCriterionBenchmarksStatisticsAreThoseOfItsSamples() throws Exception {
        Path file = Corpus.formats().resolve("criterion/gh-action-benchmark_cargo-criterion_htsget-rs.jsonl");
        JsonNode first = JSON.readTree(java.nio.file.Files.readAllLines(file).get(0));
        double[] perIteration = new double[first.get("measured_values").size()];
        for (int i = 0; i < perIteration.length; i++) {
            perIteration[i] = first.get("measured_values").get(i).asDouble()
                    / first.get("iteration_count").get(i).asDouble();
        }
        WindowSummary window = CorpusWindows.of(file.getParent(), List.of(file));
        String benchmark = first.get("id").asText();
        SeriesStats time = window.series.stream()
                .filter(s -> s.metric.equals("time") && benchmark.equals(s.series.get("benchmark")))
                .findFirst()
                .orElseThrow();

        assertEquals(50, perIteration.length);
        assertSameAs(perIteration, time);
        assertEquals("ns", time.unit);
        assertEquals(
                first.get("mean").get("estimate").asDouble(),
                time.mean,
                1e-9,
                "criterion's mean estimate is the mean of its samples");
    }

    private static SeriesStats only(Path file, String metric) {
        WindowSummary window = CorpusWindows.of(file.getParent(), List.of(file));
        List<SeriesStats> matching =
                window.series.stream().filter(s -> s.metric.equals(metric)).toList();
        assertEquals(1, matching.size(), metric + ": " + matching);
        return matching.get(0);
    }

    private static double[] values(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    /** Count, mean, min, max, and percentiles interpolated between the closest ranks, as a person would. */
    private static void assertSameAs(double[] runs, SeriesStats stats) {
        double[] sorted = runs.clone();
        Arrays.sort(sorted);
        assertEquals(runs.length, stats.count);
        assertEquals(Arrays.stream(runs).average().orElseThrow(), stats.mean, 1e-9 * Math.abs(stats.mean));
        assertEquals(sorted[0], stats.min);
        assertEquals(sorted[sorted.length - 1], stats.max);
        assertTrue(stats.exactPercentiles);
        assertEquals(percentile(sorted, 0.50), stats.p50, 1e-12 * Math.abs(stats.p50));
        assertEquals(percentile(sorted, 0.95), stats.p95, 1e-12 * Math.abs(stats.p95));
        assertEquals(percentile(sorted, 0.99), stats.p99, 1e-12 * Math.abs(stats.p99));
    }

    private static double percentile(double[] sorted, double q) {
        double rank = q * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
