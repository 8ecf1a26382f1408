package io.chimera.telemetry.parse.recognise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Which recogniser claims which file: every standard tool output of ../shared/corpus/formats and of the project's
 * own samples is claimed by its own recogniser and by no other; no Chimera artifact and no sample of the
 * project's {@code samples/} folder is claimed at all.
 */
class RecognisersCorpusTest {

    private static final Map<String, String> FORMATS_CORPUS = Map.ofEntries(
            Map.entry("criterion/dougch-criterion_gettingstarted_new_benchmark.json", "criterion-benchmark-json"),
            Map.entry("criterion/dougch-criterion_gettingstarted_new_estimates.json", "criterion-estimates-json"),
            Map.entry("criterion/gh-action-benchmark_cargo-criterion_htsget-rs.jsonl", "cargo-criterion-json"),
            Map.entry("google_benchmark_json/gh-action-benchmark_googlecpp_output.json", "google-benchmark-json"),
            Map.entry("google_benchmark_json/google-benchmark_test3_run0.json", "google-benchmark-json"),
            Map.entry("hyperfine_json/bencher_hyperfine_one.json", "hyperfine-json"),
            Map.entry("hyperfine_json/zeroows-1brc_hyperfine.json", "hyperfine-json"),
            Map.entry("jmh_csv/dkomanov-scala-serialization_jmh-result.csv", "jmh-csv"),
            Map.entry("jmh_json/bencher_jmh_six.json", "jmh-json"),
            Map.entry("jmh_json/gh-action-benchmark_jmh_output_2.json", "jmh-json"),
            Map.entry("jmh_json/gpanther-benchmark-arraycopy_jmh-result.json", "jmh-json"),
            Map.entry("ollama_text/freeletics-ollama-benchmark_Linux_RTX_3060.md", "ollama-verbose"),
            Map.entry("pytest_benchmark_json/gh-action-benchmark_pytest_several_units.json", "pytest-benchmark-json"),
            Map.entry("pytest_benchmark_json/pytest-benchmark_test_storage_0030.json", "pytest-benchmark-json"),
            Map.entry(
                    "vllm_latency_throughput_json/nv-action-vllm-benchmarks_throughput_llama8B_tp1.json",
                    "vllm-throughput-json"),
            Map.entry("vllm_serving_json/nv-action-vllm-benchmarks_serving_llama8B_tp1_1.json", "vllm-serving-json"));

    private static final Map<String, String> OWN_SAMPLES = Map.ofEntries(
            Map.entry("google-benchmark_repetitions.json", "google-benchmark-json"),
            Map.entry("jmh_secondary-metrics.json", "jmh-json"),
            Map.entry("hyperfine_parameter-scan.csv", "hyperfine-csv"),
            Map.entry("hyperfine_exit-codes.json", "hyperfine-json"),
            Map.entry("vllm_latency.json", "vllm-latency-json"),
            Map.entry("vllm_serving_full.json", "vllm-serving-json"),
            Map.entry("ollama_run_verbose.md", "ollama-verbose"),
            Map.entry("llama-bench.json", "llama-bench-json"),
            Map.entry("llama-bench.jsonl", "llama-bench-jsonl"),
            Map.entry("llama-bench.csv", "llama-bench-csv"),
            Map.entry("llama-bench.md", "llama-bench-markdown"));

    @Test
    void everyFormatsCorpusFileIsParsedByItsOwnRecogniser() throws IOException {
        Map<String, FileOutcome> outcomes = parseTree(Corpus.formats());

        Map<String, String> labels = new TreeMap<>();
        outcomes.forEach((path, outcome) -> labels.put(path, outcome.label()));
        assertEquals(new TreeMap<>(FORMATS_CORPUS), labels);
        for (Map.Entry<String, FileOutcome> outcome : outcomes.entrySet()) {
            assertTrue(
                    outcome.getValue().isParsed(),
                    outcome.getKey() + ": " + outcome.getValue().deadLetterReason());
        }
    }

    @Test
    void noOtherRecogniserWouldClaimAFormatsCorpusFileWhateverItsExtension() throws IOException {
        for (Map.Entry<String, String> file : FORMATS_CORPUS.entrySet()) {
            Path path = Corpus.formats().resolve(file.getKey());
            assertEquals(Set.of(file.getValue()), claimants(path), file.getKey());
        }
    }

    @Test
    void everyOwnSampleIsClaimedByItsOwnRecogniserAlone() throws IOException {
        for (Map.Entry<String, String> sample : OWN_SAMPLES.entrySet()) {
            FileOutcome outcome = RecognisedFiles.sampleOutcome(sample.getKey());
            assertTrue(outcome.isParsed(), sample.getKey() + ": " + outcome.deadLetterReason());
            assertEquals(sample.getValue(), outcome.label(), sample.getKey());
            Set<String> claimants = claimants(RecognisedFiles.sample(sample.getKey()));
            assertEquals(
                    Set.of(sample.getValue().replace("llama-bench-jsonl", "llama-bench-json")),
                    claimants.stream()
                            .map(n -> n.replace("llama-bench-jsonl", "llama-bench-json"))
                            .collect(Collectors.toSet()),
                    sample.getKey() + " (the JSON and JSON lines instances of llama-bench sniff alike)");
        }
    }

    @Test
    void everyChimeraArtifactKeepsItsGenericLabel() throws IOException {
        Map<String, FileOutcome> outcomes = parseTree(Corpus.chimera());

        assertEquals(104, outcomes.size());
        for (Map.Entry<String, FileOutcome> outcome : outcomes.entrySet()) {
            assertNull(outcome.getValue().recogniser(), outcome.getKey());
            assertEquals(outcome.getValue().format().label(), outcome.getValue().label(), outcome.getKey());
            assertTrue(outcome.getValue().events().stream()
                    .allMatch(e -> e.format.equals(outcome.getValue().label())));
        }
        Set<String> claimed = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Corpus.chimera())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!claimants(file).isEmpty()) {
                    claimed.add(Corpus.chimera().relativize(file) + " " + claimants(file));
                }
            }
        }
        assertEquals(Set.of(), claimed, "whatever its extension, no Chimera file looks like a tool's output");
    }

    @Test
    void theProjectsOwnSamplesKeepTheirGenericLabels() throws IOException {
        Path samples = Path.of("..", "samples").toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(samples), samples + " is missing");

        Map<String, FileOutcome> outcomes = parseTree(samples);

        assertEquals(
                Set.of(
                        "compilers/transformer_bench.json",
                        "kernels/gemm_sweep.md",
                        "llm-inference/ollama_prompt_runs.csv"),
                outcomes.keySet());
        outcomes.forEach((path, outcome) -> assertNull(outcome.recogniser(), path));
    }

    /** Every recogniser, of any generic format, that would claim the file's text. */
    private static Set<String> claimants(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        String name = file.getFileName().toString();
        return Recognisers.all().stream()
                .filter(r -> r.recognises(name, text))
                .map(FormatRecogniser::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, FileOutcome> parseTree(Path root) throws IOException {
        Map<String, FileOutcome> outcomes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                ArtifactParser.formatOf(file.getFileName().toString()).ifPresent(format -> {
                    FileOutcome outcome = RecognisedFiles.PARSER.parseLocal(root, file, format);
                    outcomes.put(outcome.file().sourcePath(), outcome);
                });
            }
        }
        return outcomes;
    }
}
