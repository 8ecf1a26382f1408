package io.chimera.telemetry.parse.recognise;

import static io.chimera.telemetry.parse.recognise.RecognisedFiles.assertDeadLetterOf;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.event;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.metric;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.parsedBy;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.sampleOutcome;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.sampleText;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.aggregate.SeriesIdentity;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.records.MetricEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlamaBenchJsonRecogniserTest {

    private static final Map<String, String> PP512 = Map.of("test", "pp512");
    private static final Map<String, String> TG128 = Map.of("test", "tg128");

    @Test
    void eachResultGivesTokensPerSecondAndNanosecondsForItsTest() {
        FileOutcome outcome = parsedBy(sampleOutcome("llama-bench.json"), "llama-bench-json");

        assertEquals(2, outcome.rows());
        assertEquals(8, outcome.events().size(), "avg/stddev of ts and ns; the samples are not read");
        MetricEvent pp = event(outcome, "avg_ts", PP512);
        assertEquals(10134.127, pp.value);
        assertEquals("tok/s", pp.unit);
        assertEquals(82.641, event(outcome, "stddev_ts", PP512).value);
        assertEquals(50523400.0, event(outcome, "avg_ns", PP512).value);
        assertEquals("ns", event(outcome, "avg_ns", PP512).unit);
        assertEquals(191.326, event(outcome, "avg_ts", TG128).value);
        assertEquals(0.537, event(outcome, "stddev_ts", TG128).value);
    }

    @Test
    void modelBackendTestAndSettingsNameTheSeries() {
        FileOutcome outcome = sampleOutcome("llama-bench.json");

        MetricEvent pp = event(outcome, "avg_ts", PP512);
        Map<String, String> series = SeriesIdentity.rowDimensions(pp);
        assertEquals("llama 3B Q4_K - Medium", series.get("model"));
        assertEquals("CUDA", series.get("backend"));
        assertEquals("pp512", series.get("test"));
        assertEquals("99", series.get("n_gpu_layers"));
        assertEquals("16", series.get("n_threads"));
        assertEquals("2048", series.get("n_batch"));
        assertEquals("0", series.get("flash_attn"), "as the CSV and the Markdown table print it");
        assertEquals("1", series.get("use_mmap"));
        assertEquals("f16", series.get("type_k"));
        assertEquals("NVIDIA GeForce RTX 4090", pp.dimensions.get("gpu_info"));
        assertEquals("3f1ae2e3", pp.dimensions.get("build_commit"));
        assertEquals("2019377152", pp.dimensions.get("model_size"));
        assertFalse(series.containsKey("build_commit"), "a new build is not a new benchmark");
        assertNotEquals(SeriesIdentity.of(pp), SeriesIdentity.of(event(outcome, "avg_ts", TG128)));
    }

    @Test
    void testTimeIsTheEventTime() {
        MetricEvent tg = event(sampleOutcome("llama-bench.json"), "avg_ts", TG128);

        assertEquals("test_time", tg.eventTimeSource);
        assertEquals(Instant.parse("2025-01-20T14:03:14Z").toEpochMilli(), tg.eventTime);
    }

    @Test
    void jsonLinesWithDepthAndCombinedTests() {
        FileOutcome outcome = parsedBy(sampleOutcome("llama-bench.jsonl"), "llama-bench-jsonl");

        assertEquals(ArtifactFormat.JSON_LINES, outcome.format());
        assertEquals(
                List.of("pp512", "pp512 @ d4096", "pp512+tg128"),
                metric(outcome, "avg_ts").stream()
                        .map(e -> e.dimensions.get("test"))
                        .toList());
        assertEquals(7156.41, event(outcome, "avg_ts", Map.of("test", "pp512 @ d4096")).value);
        assertEquals(
                "4096",
                event(outcome, "avg_ts", Map.of("test", "pp512 @ d4096"))
                        .dimensions
                        .get("n_depth"));
        assertEquals(895.14, event(outcome, "avg_ts", Map.of("test", "pp512+tg128")).value);
    }

    @Test
    void aBrokenLineIsADeadLetterNamingTheRecogniserAndTheLine() {
        String text = sampleText("llama-bench.jsonl").replace("\"avg_ts\": 7156.41,", "\"avg_ts\": 7156.41");

        FileOutcome outcome = text("bench.jsonl", text);

        assertFalse(outcome.isParsed());
        assertEquals("llama-bench-jsonl", outcome.label());
        assertTrue(
                outcome.deadLetterReason().startsWith("llama-bench-jsonl: line 2, column "),
                outcome.deadLetterReason());
    }

    @Test
    void aResultWithoutTokensPerSecondIsADeadLetterNamingTheRecogniser() {
        String text = sampleText("llama-bench.json").replace("\"avg_ts\": 191.326,", "\"avg_ts\": \"fast\",");

        assertDeadLetterOf(
                text("bench.json", text),
                "llama-bench-json",
                "llama-bench-json: result 2: avg_ts is 'fast', not a number");
    }

    @Test
    void onlyJsonAndJsonLinesInstancesExist() {
        assertThrows(IllegalArgumentException.class, () -> new LlamaBenchJsonRecogniser(ArtifactFormat.CSV));
        assertFalse(
                new LlamaBenchJsonRecogniser(ArtifactFormat.JSON)
                        .recognises("x.json", "[{\"model\": \"llama\", \"avg_ts\": 1, \"n_gen\": 128}]"),
                "neither model_type nor build_commit");
    }
}
