package io.chimera.telemetry.parse.recognise;

import static io.chimera.telemetry.parse.recognise.RecognisedFiles.assertDeadLetterOf;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.corpus;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.corpusText;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.metric;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.parsedBy;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.sampleOutcome;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.single;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.aggregate.SeriesIdentity;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.records.MetricEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VllmServingRecogniserTest {

    private static final String NAME = "vllm-serving-json";
    private static final String SERVING = "vllm_serving_json/nv-action-vllm-benchmarks_serving_llama8B_tp1_1.json";
    private static final String MODEL = "/root/wl/cache/modelscope/models/Meta-Llama-3-8B-Instruct";

    @Test
    void latencyStatisticsAreMetricsInMilliseconds() {
        FileOutcome outcome = parsedBy(corpus(SERVING), NAME);

        assertEquals(1, outcome.rows());
        assertEquals(12, outcome.events().size());
        MetricEvent ttft = single(outcome, "mean_ttft_ms");
        assertEquals(111.23647520318627, ttft.value);
        assertEquals("ms", ttft.unit);
        assertEquals(165.47399744391114, single(outcome, "p99_ttft_ms").value);
        assertEquals(40.27887061310954, single(outcome, "median_tpot_ms").value);
        assertEquals(83.89740884304047, single(outcome, "p99_itl_ms").value);
        assertEquals("ms", single(outcome, "std_itl_ms").unit);
    }

    @Test
    void theRunsSettingsNameTheSeries() {
        MetricEvent ttft = single(corpus(SERVING), "mean_ttft_ms");

        assertEquals(
                Map.of(
                        "backend",
                        "vllm",
                        "model_id",
                        MODEL,
                        "best_of",
                        "1",
                        "num_prompts",
                        "200",
                        "request_rate",
                        "1.0",
                        "burstiness",
                        "1.0"),
                SeriesIdentity.rowDimensions(ttft));
        assertEquals(MODEL, ttft.dimensions.get("tokenizer_id"));
        assertFalse(ttft.dimensions.containsKey("max_concurrency"), "null in the file");
    }

    @Test
    void dateIsTheEventTime() {
        MetricEvent ttft = single(corpus(SERVING), "mean_ttft_ms");

        assertEquals("date", ttft.eventTimeSource);
        assertEquals(Instant.parse("2025-03-04T01:41:41Z").toEpochMilli(), ttft.eventTime);
    }

    @Test
    void throughputsCountsAndFailedRequestsOfAFullResult() {
        FileOutcome outcome = parsedBy(sampleOutcome("vllm_serving_full.json"), NAME);

        assertEquals(1.195219123505976, single(outcome, "request_throughput").value);
        assertEquals("req/s", single(outcome, "request_throughput").unit);
        assertEquals(152.98804780876495, single(outcome, "output_throughput").value);
        assertEquals("tok/s", single(outcome, "output_throughput").unit);
        assertEquals("tok/s", single(outcome, "total_token_throughput").unit);
        assertEquals(2.51, single(outcome, "duration").value);
        assertEquals("s", single(outcome, "duration").unit);
        assertEquals(3.0, single(outcome, "completed").value);
        assertEquals(2048.0, single(outcome, "total_input_tokens").value);
        assertEquals("tokens", single(outcome, "total_input_tokens").unit);
        assertEquals(1.0, single(outcome, "failed_requests").value);
        assertEquals(1631.2, single(outcome, "p99_e2el_ms").value);
        MetricEvent ttft = single(outcome, "mean_ttft_ms");
        assertEquals("inf", ttft.dimensions.get("request_rate"));
        assertEquals("16", ttft.dimensions.get("max_concurrency"));
        assertEquals(Instant.parse("2025-06-11T15:42:10Z").toEpochMilli(), ttft.eventTime);
        Set<String> metrics = outcome.events().stream().map(e -> e.metric).collect(Collectors.toSet());
        assertFalse(
                metrics.contains("ttfts") || metrics.contains("input_lens") || metrics.contains("itls"),
                "per-request arrays are not metrics: " + metrics);
        assertTrue(metric(outcome, "request_goodput").isEmpty(), "null");
    }

    @Test
    void truncatedResultIsADeadLetterNamingTheRecogniser() {
        String text = corpusText(SERVING);

        FileOutcome outcome = text("serving.json", text.substring(0, text.indexOf("\"p99_itl_ms\"")));

        assertFalse(outcome.isParsed());
        assertEquals(NAME, outcome.label());
        assertTrue(outcome.deadLetterReason().startsWith(NAME + ": line 1, column "), outcome.deadLetterReason());
    }

    @Test
    void aResultWithoutNumbersIsADeadLetterNamingTheRecogniser() {
        FileOutcome outcome = text("serving.json", "{\"model_id\": \"m\", \"mean_ttft_ms\": \"fast\"}");

        assertDeadLetterOf(outcome, NAME, NAME + ": no numbers among the results");
    }

    @Test
    void secondsBasedTtftIsNotClaimed() {
        VllmServingRecogniser recogniser = new VllmServingRecogniser();

        assertFalse(recogniser.recognises("x.json", "{\"model\": \"m\", \"ttft_s\": 0.1, \"mean_ttft_s\": 0.1}"));
        assertFalse(recogniser.recognises("x.json", "{\"mean_ttft_ms\": 10}"), "neither model_id nor throughput");
    }
}
