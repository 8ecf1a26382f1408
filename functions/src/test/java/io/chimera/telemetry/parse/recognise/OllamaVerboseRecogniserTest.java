package io.chimera.telemetry.parse.recognise;

import static io.chimera.telemetry.parse.recognise.RecognisedFiles.assertDeadLetterOf;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.corpus;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.corpusText;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.event;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.metric;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.parsedBy;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.sampleOutcome;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.sampleText;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.aggregate.SeriesIdentity;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.records.MetricEvent;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OllamaVerboseRecogniserTest {

    private static final String NAME = "ollama-verbose";
    private static final String BENCHMARK = "ollama_text/freeletics-ollama-benchmark_Linux_RTX_3060.md";
    private static final String VERBOSE = "ollama_run_verbose.md";

    @Test
    void eachPromptsEvalRateIsAMetricOfItsModel() {
        FileOutcome outcome = parsedBy(corpus(BENCHMARK), NAME);

        List<MetricEvent> rates = metric(outcome, "eval_rate");
        assertEquals(35, rates.size(), "five prompts for each of seven models");
        MetricEvent first = rates.get(0);
        assertEquals(67.11, first.value);
        assertEquals("tok/s", first.unit);
        assertEquals("mistral:7b", first.dimensions.get("model"));
        assertEquals(
                "Write a step-by-step guide on how to bake a chocolate cake from scratch.",
                first.dimensions.get("prompt"));
        assertEquals(30.98, rates.get(34).value);
        assertEquals("deepseek-r1:14b", rates.get(34).dimensions.get("model"));
        assertEquals(
                Map.of("model", "mistral:7b"),
                SeriesIdentity.rowDimensions(first),
                "the prompt is free text: the five prompts of a model are one series");
    }

    @Test
    void theAveragesAreAMetricOfTheirOwn() {
        FileOutcome outcome = corpus(BENCHMARK);

        Map<String, Double> averages = new LinkedHashMap<>();
        for (MetricEvent event : metric(outcome, "average_eval_rate")) {
            averages.put(event.dimensions.get("model"), event.value);
            assertEquals("tok/s", event.unit);
        }
        assertEquals(
                Map.of(
                        "mistral:7b",
                        66.966,
                        "phi4:14b",
                        32.808,
                        "gemma2:9b",
                        47.14,
                        "llava:7b",
                        70.082,
                        "llava:13b",
                        40.48,
                        "deepseek-r1:8b",
                        56.936,
                        "deepseek-r1:14b",
                        31.63),
                averages);
        assertEquals(42, outcome.rows());
    }

    @Test
    void theSystemLinesAreDimensionsOfEveryRow() {
        MetricEvent event = corpus(BENCHMARK).events().get(0);

        assertEquals("NVIDIA GeForce RTX 3060", event.dimensions.get("gpu_info"));
        assertEquals("AMD Ryzen 9 5950X 16-Core Processor", event.dimensions.get("cpu_info"));
        assertEquals("0.5.7", event.dimensions.get("ollama_version"));
        assertEquals("Debian GNU/Linux 12 (bookworm)", event.dimensions.get("os_version"));
    }

    @Test
    void verboseStatisticsOfEachAnswerWithDurationsInSeconds() {
        FileOutcome outcome = parsedBy(sampleOutcome(VERBOSE), NAME);

        assertEquals(2, outcome.rows());
        Map<String, String> first = Map.of("model", "llama3.2:3b");
        MetricEvent total = metric(outcome, "total_duration").get(0);
        assertEquals(5.123456789, total.value);
        assertEquals("s", total.unit);
        assertEquals("llama3.2:3b", total.dimensions.get("model"), "from the ollama run command line");
        assertEquals(0.012345, metric(outcome, "load_duration").get(0).value);
        assertEquals(26.0, metric(outcome, "prompt_eval_count").get(0).value);
        assertEquals("tokens", metric(outcome, "prompt_eval_count").get(0).unit);
        assertEquals(0.045678, metric(outcome, "prompt_eval_duration").get(0).value);
        assertEquals(569.20, metric(outcome, "prompt_eval_rate").get(0).value);
        assertEquals("tok/s", metric(outcome, "prompt_eval_rate").get(0).unit);
        assertEquals(290.0, metric(outcome, "eval_count").get(0).value);
        assertEquals(4.512, metric(outcome, "eval_duration").get(0).value);
        assertEquals(64.27, metric(outcome, "eval_rate").get(0).value);
        assertEquals(16, outcome.events().size(), "eight statistics an answer, two answers");
        assertEquals(first, total.dimensions);
    }

    @Test
    void minutesAndMicrosecondsAreConvertedToSeconds() {
        FileOutcome outcome = sampleOutcome(VERBOSE);

        assertEquals(62.345, metric(outcome, "total_duration").get(1).value);
        assertEquals(0.00085, metric(outcome, "load_duration").get(1).value);
        assertEquals(61.9, metric(outcome, "eval_duration").get(1).value);
        assertEquals(0.031, metric(outcome, "prompt_eval_duration").get(1).value);
        assertEquals(3904.0, metric(outcome, "eval_count").get(1).value);
    }

    @Test
    void goDurationsInEveryUnit() {
        assertEquals(
                new BigDecimal("3723.5"),
                OllamaVerboseRecogniser.seconds("1h2m3.5s").stripTrailingZeros());
        assertEquals(0, new BigDecimal("0.0000012").compareTo(OllamaVerboseRecogniser.seconds("1.2µs")));
        assertEquals(0, new BigDecimal("0.0000012").compareTo(OllamaVerboseRecogniser.seconds("1.2μs")));
        assertEquals(0, new BigDecimal("0.000000750").compareTo(OllamaVerboseRecogniser.seconds("750ns")));
        assertEquals(0, new BigDecimal("0.0123").compareTo(OllamaVerboseRecogniser.seconds("12.3ms")));
        assertNull(OllamaVerboseRecogniser.seconds("12.3 ms"));
        assertNull(OllamaVerboseRecogniser.seconds("soon"));
    }

    @Test
    void aStatisticOllamaWouldNotPrintIsADeadLetterNamingTheRecogniser() {
        String text = sampleText(VERBOSE).replace("eval duration:        4.512s", "eval duration:        a while");

        assertDeadLetterOf(
                text("session.md", text),
                NAME,
                NAME + ": line 12: eval duration is 'a while', not what" + " ollama prints");
    }

    @Test
    void evalRateWithoutModelOrDurationLinesIsNotClaimed() {
        OllamaVerboseRecogniser recogniser = new OllamaVerboseRecogniser();

        assertFalse(recogniser.recognises("notes.md", "# Notes\n\neval rate: 64.27 tokens/s\n"));
        assertFalse(recogniser.recognises(
                "notes.md", "- **Total Duration:** End-to-end request time\n- **Prompt Eval Count:** input tokens\n"));
        assertTrue(recogniser.recognises("x.md", corpusText(BENCHMARK)));
        assertTrue(recogniser.recognises("x.md", sampleText(VERBOSE)));
    }

    @Test
    void aPromptOfAnotherModelIsItsOwnRow() {
        assertEquals(
                32.91,
                event(
                                corpus(BENCHMARK),
                                "eval_rate",
                                Map.of(
                                        "model",
                                        "phi4:14b",
                                        "prompt",
                                        "I'd like to book a flight for 4 to Seattle in U.S."))
                        .value);
    }
}
