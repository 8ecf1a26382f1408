package io.chimera.telemetry.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.MetricEvent;
import io.chimera.telemetry.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The parse layer on the real benchmark artifacts of ../shared/corpus; expected values read by hand from them. */
class CorpusParseTest {

    private final ArtifactParser parser = new ArtifactParser(ParseSettings.defaults());

    @Test
    void everyChimeraArtifactIsParsedOrADeadLetterWithAReason() throws IOException {
        Path root = Corpus.chimera();
        Map<String, FileOutcome> outcomes = parseTree(root);

        Map<ArtifactFormat, Long> byFormat = outcomes.values().stream()
                .collect(Collectors.groupingBy(FileOutcome::format, TreeMap::new, Collectors.counting()));
        assertEquals(
                Map.of(
                        ArtifactFormat.CSV,
                        28L,
                        ArtifactFormat.JSON,
                        44L,
                        ArtifactFormat.MARKDOWN,
                        29L,
                        ArtifactFormat.TEXT,
                        3L),
                byFormat);
        assertEquals(104, outcomes.size());
        for (Map.Entry<String, FileOutcome> entry : outcomes.entrySet()) {
            FileOutcome outcome = entry.getValue();
            if (outcome.isParsed()) {
                assertEquals(null, outcome.deadLetterReason(), entry.getKey());
            } else {
                assertTrue(outcome.events().isEmpty(), entry.getKey() + " is a dead letter with events");
                assertFalse(outcome.deadLetterReason().isBlank(), entry.getKey() + " is a dead letter without reason");
            }
        }
        // ncu_summary.csv holds an Nsight Compute error message in UTF-16 whose byte order mark was re-encoded
        // as UTF-8 ("c3bf c3be"): not a CSV at all. Every other artifact is well-formed.
        Set<String> deadLetters = outcomes.entrySet().stream()
                .filter(e -> !e.getValue().isParsed())
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertEquals(Set.of("reports/profiling/ncu_summary.csv"), deadLetters);
        assertTrue(outcomes.get("reports/profiling/ncu_summary.csv")
                .deadLetterReason()
                .contains("UTF-16"));
    }

    @Test
    void everyFormatsArtifactParsesWithoutACrash() throws IOException {
        Map<String, FileOutcome> outcomes = parseTree(Corpus.formats());

        assertEquals(16, outcomes.size());
        for (Map.Entry<String, FileOutcome> entry : outcomes.entrySet()) {
            assertTrue(
                    entry.getValue().isParsed(),
                    entry.getKey() + " became a dead letter: "
                            + entry.getValue().deadLetterReason());
        }
        // Each is read by its tool's recogniser (RecognisersCorpusTest says which); criterion's benchmark.json
        // names a benchmark and holds no numbers.
        Set<String> withoutNumbers = outcomes.entrySet().stream()
                .filter(e -> e.getValue().events().isEmpty())
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertEquals(Set.of("criterion/dougch-criterion_gettingstarted_new_benchmark.json"), withoutNumbers);
        assertTrue(outcomes.values().stream().allMatch(o -> o.recogniser() != null), "a tool output read as generic");
    }

    @Test
    void gemmaBaselineCsvYieldsItsFiveTokenRates() {
        FileOutcome outcome = parse("reports/gemma3/gemma3_1b-it-qat_baseline.csv");

        List<MetricEvent> tokenRates = metric(outcome, "tokens_s");
        assertEquals(5, outcome.rows());
        assertEquals(0, outcome.failedRows());
        assertEquals(
                List.of(
                        181.96533720183703,
                        182.6378183544046,
                        184.2363135373321,
                        182.66757650517033,
                        182.8489434688796),
                tokenRates.stream().map(e -> e.value).toList());
        MetricEvent first = tokenRates.get(0);
        assertEquals("tok/s", first.unit);
        assertEquals("reports", first.suite);
        assertEquals("reports/gemma3/gemma3_1b-it-qat_baseline.csv", first.sourcePath);
        assertEquals("banter prompt: Player failed a mission but needs encouragement.", first.dimensions.get("prompt"));
        // The file has no timestamp column: its modification time stands in.
        assertEquals(ArtifactParser.FILE_MODIFIED_TIME, first.eventTimeSource);
        assertEquals(outcome.file().modifiedTime(), first.eventTime);
        assertEquals(
                List.of(2.3189992000000004, 0.1258889, 0.1380218, 0.0889836, 0.07032719999999999),
                metric(outcome, "ttft_s").stream().map(e -> e.value).toList());
        assertEquals("s", metric(outcome, "ttft_s").get(0).unit);
    }

    @Test
    void promptSuiteRunWithoutOllamaHasEveryRowFailed() {
        FileOutcome outcome = parse("reports/ollama/20251002-151204/prompt_suite_runs.csv");

        assertTrue(outcome.isParsed());
        assertEquals(15, outcome.rows());
        assertEquals(15, outcome.failedRows());
        assertFalse(outcome.events().isEmpty());
        for (MetricEvent event : outcome.events()) {
            assertTrue(event.failed, event.toString());
            assertTrue(event.error.startsWith("Failed to connect to Ollama."), event.error);
        }
        MetricEvent first = outcome.events().get(0);
        assertEquals("llama3.1:8b-instruct-q4_0", first.dimensions.get("model"));
        assertEquals("1", first.dimensions.get("prompt_index"));
        assertEquals("timestamp", first.eventTimeSource);
        assertEquals(java.time.Instant.parse("2025-10-02T19:12:04.495Z").toEpochMilli(), first.eventTime);
        assertTrue(metric(outcome, "prompt_index").isEmpty(), "a row index is no metric");
    }

    @Test
    void compileBenchmarkJsonFlattensBackendsIntoDottedMetrics() {
        FileOutcome outcome = parse("reports/compilation/conv_bench_20251002-170837.json");

        MetricEvent eager = single(outcome, "backends.eager.benchmark.mean_time_ms");
        MetricEvent onnx = single(outcome, "backends.onnx.benchmark.mean_time_ms");
        assertEquals(3.812139999899955, eager.value);
        assertEquals(0.692900000467489, onnx.value);
        assertEquals("ms", eager.unit);
        assertEquals("generated_at", eager.eventTimeSource);
        assertEquals(java.time.Instant.parse("2025-10-02T21:08:57.892Z").toEpochMilli(), eager.eventTime);
        assertEquals("conv", eager.dimensions.get("model.name"));
        assertEquals(12.943, single(outcome, "backends.torch_compile.compilation.compile_time_s").value, 0.001);
    }

    @Test
    void compileBenchmarkMarkdownTableGivesTheMeanColumn() {
        FileOutcome outcome = parse("reports/compilation/conv_bench_20251002-170837.md");

        Map<String, Double> meanByBackend = new LinkedHashMap<>();
        for (MetricEvent event : metric(outcome, "Mean (ms)")) {
            meanByBackend.put(event.dimensions.get("Backend"), event.value);
            assertEquals("ms", event.unit);
            assertEquals("generated", event.eventTimeSource);
        }
        assertEquals(Map.of("eager", 3.812, "jit", 3.782, "torch_compile", 4.103, "onnx", 0.693), meanByBackend);
        assertEquals(List.of("eager", "jit", "torch_compile", "onnx"), List.copyOf(meanByBackend.keySet()));
    }

    @Test
    void jsonResultsArrayGivesOneRowPerElementAndCountsFailedOnes() {
        FileOutcome outcome = parse("csv_data/baseline_test_results_1759098967.json");

        // 5 results: 4 failed with a 'charmap' codec error and no numbers, 1 succeeded with three numbers.
        assertEquals(4, outcome.failedRows());
        List<MetricEvent> rates = metric(outcome, "results.tokens_per_second");
        assertEquals(1, rates.size());
        assertEquals(14.106339902901299, rates.get(0).value);
        assertEquals("Rare Item Drop (Excited)", rates.get(0).dimensions.get("results.test_name"));
        assertEquals("test_timestamp", rates.get(0).eventTimeSource, "inherits the document's time");
        assertEquals(
                14.590837494496075,
                single(outcome, "overall_tokens_per_second").value,
                "the document's own metric did not fail with its results");
    }

    @Test
    void parameterSweepKeepsOllamaOptionsAsDimensions() {
        FileOutcome outcome = parse("reports/gemma3/gemma3_param_tuning_summary.csv");

        MetricEvent first = metric(outcome, "mean_tokens_s").get(0);
        assertEquals("g60_c2048_t0.8", first.dimensions.get("config_name"));
        assertEquals("60", first.dimensions.get("num_gpu"));
        assertEquals("2048", first.dimensions.get("num_ctx"));
        assertEquals("0.8", first.dimensions.get("temperature"));
        assertEquals(103.15646723891811, first.value);
        assertTrue(metric(outcome, "num_ctx").isEmpty(), "a setting under test is no metric");
        assertNotEquals(0, outcome.rows());
    }

    private FileOutcome parse(String relative) {
        Path root = Corpus.chimera();
        Path file = root.resolve(relative);
        return parser.parseLocal(
                root,
                file,
                ArtifactParser.formatOf(file.getFileName().toString()).orElseThrow());
    }

    private static List<MetricEvent> metric(FileOutcome outcome, String name) {
        return outcome.events().stream().filter(e -> e.metric.equals(name)).toList();
    }

    private static MetricEvent single(FileOutcome outcome, String name) {
        List<MetricEvent> events = metric(outcome, name);
        assertEquals(1, events.size(), name + " in " + outcome.file().sourcePath());
        assertNotNull(events.get(0));
        return events.get(0);
    }

    private Map<String, FileOutcome> parseTree(Path root) throws IOException {
        Map<String, FileOutcome> outcomes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                ArtifactParser.formatOf(file.getFileName().toString()).ifPresent(format -> {
                    FileOutcome outcome = parser.parseLocal(root, file, format);
                    outcomes.put(outcome.file().sourcePath(), outcome);
                });
            }
        }
        return outcomes;
    }
}
