package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chimera.telemetry.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeriesPathTest {

    @ParameterizedTest(name = "{0} is file {1}, run {2}")
    @CsvSource(delimiter = '|', textBlock = """
            farm/run_041.csv                                           | run                     | 041
            farm/run_000.csv                                           | run                     | 000
            farm/bench_3.json                                          | bench                   | 3
            farm/run_2/metrics.json                                    | metrics                 | 2
            farm/run-7/metrics.json                                    | metrics                 | 7
            farm/iter3/metrics.json                                    | metrics                 | 3
            csv_data/baselines/demo_baseline_1759186698.json           | baselines/demo_baseline | 1759186698
            reports/compilation/conv_bench_20251002-170837.json        | compilation/conv_bench  | 20251002-170837
            csv_data/chimera_metrics_20250930_133204.json              | chimera_metrics         | 20250930_133204
            reports/ollama/20251002-151204/prompt_suite_runs.csv       | ollama/prompt_suite_runs | 20251002-151204
            reports/ollama/prompt_suite_lessons_20251002.md            | ollama/prompt_suite_lessons | 20251002
            farm/2026-01-01/results.json                               | results                 | 2026-01-01
            farm/results_2026-01-01T10-00-00Z.json                     | results                 | 2026-01-01T10-00-00Z
            farm/a3f5c2e9-1b7d-4c8a-9e2f-0d1c2b3a4f5e/out.json | out | a3f5c2e9-1b7d-4c8a-9e2f-0d1c2b3a4f5e
            farm/bench_5b78858.json                                    | bench                   | 5b78858
            formats/google-benchmark_test3_run0.json                   | google-benchmark_test3  | 0
            """)
    void runCountersDatesTimestampsAndHashesAreTheRunNotTheSeries(String path, String file, String run) {
        SeriesPath series = SeriesPath.of(path);

        assertEquals(file, series.file());
        assertEquals(run, series.run());
    }

    @ParameterizedTest(name = "{0} keeps its name {1}")
    @CsvSource(delimiter = '|', textBlock = """
            reports/gemma3/gemma3_1b-it-qat_baseline.csv               | gemma3_1b-it-qat_baseline
            reports/gemma3/gemma3_270m_baseline.json                   | gemma3_270m_baseline
            reports/compilation/transformer_cuda_pytorch2508.json      | compilation/transformer_cuda_pytorch2508
            farm/llama3.1:8b.json                                      | llama3.1:8b
            csv_data/ollama_param_tuning.csv                           | ollama_param_tuning
            """)
    void theDigitsOfANameStay(String path, String file) {
        SeriesPath series = SeriesPath.of(path);

        assertEquals(file, series.file());
        assertNull(series.run(), "no run in " + path);
    }

    @Test
    void settingsInFolderNamesBecomeDimensions() {
        SeriesPath sweep = SeriesPath.of("llm/baseline-vs-chimera_gpu80_ctx512_temp10/run_3/metrics.json");
        SeriesPath pointed = SeriesPath.of("llm/gpu80_ctx512_temp0p8/results.csv");
        SeriesPath named = SeriesPath.of("llm/num_gpu=80,num_ctx=2048/results.csv");
        SeriesPath underscored = SeriesPath.of("llm/sweep_num_gpu=80_ctx_1024/results.csv");

        assertEquals("baseline-vs-chimera/metrics", sweep.file());
        assertEquals(Map.of("gpu", "80", "ctx", "512", "temp", "10"), sweep.dimensions());
        assertEquals("3", sweep.run());
        assertEquals("results", pointed.file());
        assertEquals(Map.of("gpu", "80", "ctx", "512", "temp", "0.8"), pointed.dimensions());
        assertEquals(Map.of("num_gpu", "80", "num_ctx", "2048"), named.dimensions());
        assertEquals("results", named.file());
        assertEquals(Map.of("num_gpu", "80", "ctx", "1024"), underscored.dimensions());
        assertEquals("sweep/results", underscored.file());
    }

    @Test
    void aFolderNamedAfterAModelIsTheModel() {
        assertEquals(
                Map.of("model", "qwen2p5_7b"),
                SeriesPath.of("llm/qwen2p5_7b/run_1.csv").dimensions());
        assertEquals("run", SeriesPath.of("llm/qwen2p5_7b/run_1.csv").file());
        assertEquals(
                Map.of("model", "gemma3", "gpu", "80"),
                SeriesPath.of("llm/gemma3_gpu80/a.csv").dimensions());
        assertEquals(Map.of(), SeriesPath.of("reports/ollama/a.csv").dimensions(), "ollama is no llama");
        assertEquals(Map.of(), SeriesPath.of("reports/optimization/a.csv").dimensions(), "nor is it opt");
    }

    @Test
    void aFileAtTheRootIsItsStem() {
        assertEquals("results", SeriesPath.of("results_1759186698.json").file());
        assertEquals("results", SeriesPath.of("farm/results.json").file());
    }

    @Test
    void theRunsOfTheCorpusShareTheirSeries() throws Exception {
        Path corpus = Corpus.chimera();
        Map<String, List<String>> byFile;
        try (Stream<Path> files = Files.walk(corpus)) {
            byFile = files.filter(Files::isRegularFile)
                    .map(f -> corpus.relativize(f).toString().replace('\\', '/'))
                    .collect(Collectors.groupingBy(
                            p -> SeriesPath.of(p).file() + SeriesPath.of(p).dimensions() + "."
                                    + p.substring(p.lastIndexOf('.') + 1),
                            TreeMap::new,
                            Collectors.toList()));
        }

        assertEquals(5, byFile.get("ollama/prompt_suite_runs{}.csv").size(), byFile.toString());
        assertEquals(3, byFile.get("baselines/demo_baseline{}.json").size(), byFile.toString());
        assertEquals(3, byFile.get("diagnostics/ascii_demo{}.json").size(), byFile.toString());
        assertEquals(3, byFile.get("demo_inference{}.json").size(), byFile.toString());
        assertEquals(3, byFile.get("baseline_test_results{}.json").size(), byFile.toString());
        assertEquals(1, byFile.get("compilation/conv_bench{}.json").size(), byFile.toString());
    }

    @Test
    void wordsAreWhatTheSplitAndTrimPatternsMakeOfASegment() {
        java.util.Random random = new java.util.Random(22);
        String alphabet = "ab1_,-. x=";
        for (int trial = 0; trial < 100_000; trial++) {
            StringBuilder segment = new StringBuilder();
            for (int i = random.nextInt(14); i > 0; i--) {
                segment.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            java.util.List<String> expected = new java.util.ArrayList<>();
            for (String token : segment.toString().split("[_,]")) {
                String trimmed = token.replaceAll("^[-. ]+|[-. ]+$", "");
                if (!trimmed.isEmpty()) {
                    expected.add(trimmed);
                }
            }
            assertEquals(expected, SeriesPath.words(segment), "'" + segment + "'");
        }
    }
}
