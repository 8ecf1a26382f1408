package io.chimera.telemetry.parse.recognise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.parse.ArtifactFile;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.parse.ParseSettings;
import io.chimera.telemetry.records.MetricEvent;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Real MLPerf LoadGen detail logs (mlcommons/inference, Apache-2.0; see resources/real/SOURCES.md). */
class MlperfDetailRecogniserTest {

    private static final String SINGLE_STREAM = "mlperf_log_detail_llama3.1-8b-edge_singlestream.txt";

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = MlperfDetailRecogniserTest.class.getResourceAsStream("/real/" + name)) {
            return in.readAllBytes();
        }
    }

    private static FileOutcome parse(byte[] bytes, String name) {
        ArtifactFile file = new ArtifactFile("farm", "farm/llama3.1-8b-edge/" + name, bytes.length, 0L);
        return new ArtifactParser(ParseSettings.defaults()).parse(file, ArtifactFormat.TEXT, bytes);
    }

    private static Map<String, MetricEvent> byMetric(FileOutcome outcome) {
        return outcome.events().stream().collect(Collectors.toMap(e -> e.metric, e -> e));
    }

    @Test
    void aSingleStreamLogGivesItsLatenciesTokenTimingsAndValidityAtItsTestTime() throws Exception {
        FileOutcome outcome = parse(resource(SINGLE_STREAM), "mlperf_log_detail.txt");

        assertEquals("mlperf-detail", outcome.label());
        assertEquals(1, outcome.rows());
        Map<String, MetricEvent> events = byMetric(outcome);
        MetricEvent p90 = events.get("latency_p90");
        assertEquals(
                Map.of("sut_name", "PySUT", "scenario", "SingleStream", "mode", "PerformanceOnly", "validity", "VALID"),
                p90.dimensions);
        assertEquals(4145546277.0, p90.value);
        assertEquals("ns", p90.unit);
        assertEquals(Instant.parse("2025-07-26T00:37:43Z").toEpochMilli(), p90.eventTime);
        assertEquals("test_datetime", p90.eventTimeSource);
        assertEquals(4021258306.0, events.get("latency_min").value);
        assertEquals(4089242903.0, events.get("latency_mean").value);
        assertEquals(4240010928.0, events.get("latency_p99.9").value);
        assertEquals(1375669847.0, events.get("first_token_latency_min").value);
        assertEquals(1396970160.0, events.get("first_token_latency_p90").value);
        assertEquals(21241545.0, events.get("time_to_output_token_p50").value);
        assertEquals(20824712.0, events.get("time_to_output_token_min").value);
        assertEquals("ns", events.get("time_to_output_token_min").unit);
        assertEquals(0.244544, events.get("qps_without_loadgen_overhead").value);
        assertEquals("queries/s", events.get("qps_without_loadgen_overhead").unit);
        assertEquals(31.3015, events.get("completed_tokens_per_second").value);
        assertEquals(31.3046, events.get("tps_with_loadgen_overhead").value);
        assertEquals(
                31.3016,
                events.get("tps_without_loadgen_overhead").value,
                1e-9,
                "LoadGen logs 3.13016e-08 tokens per nanosecond");
        assertEquals("tok/s", events.get("tps_without_loadgen_overhead").unit);
        assertEquals(10000.0, events.get("query_count").value);
        assertEquals(0.0, events.get("num_errors").value);
        assertEquals(0.0, events.get("errors").value);
        assertEquals(0.0, events.get("warnings").value);
        assertEquals(
                36,
                outcome.events().size(),
                "2 QPS, 9 latencies, 9 first-token latencies, 2 TPS, 6 TPOT, 3 TTOT, completed tok/s, query count,"
                        + " num_errors, errors, warnings");
        assertTrue(
                outcome.events().stream().noneMatch(e -> e.metric.contains("seed") || e.metric.contains("qsl")),
                "settings and the sample set are not results");
    }

    @Test
    void aDetailLogAndItsSummaryAgreeOnEveryNumberTheyShare() throws Exception {
        Map<String, MetricEvent> detail = byMetric(parse(resource(SINGLE_STREAM), "mlperf_log_detail.txt"));
        Map<String, MetricEvent> summary = byMetric(
                parse(resource("mlperf_log_summary_llama3.1-8b-edge_singlestream.txt"), "mlperf_log_summary.txt"));

        int shared = 0;
        for (MetricEvent fromSummary : summary.values()) {
            MetricEvent fromDetail = detail.get(fromSummary.metric);
            if (fromDetail == null) {
                continue;
            }
            shared++;
            // The summary prints rates with two decimals.
            assertEquals(fromSummary.value, fromDetail.value, 0.005, fromSummary.metric);
            assertEquals(fromSummary.unit, fromDetail.unit, fromSummary.metric);
        }
        assertEquals(33, summary.size(), summary.keySet().toString());
        assertEquals(summary.size(), shared, "the detail log has every number of the summary, named alike");
    }

    @Test
    void anAccuracyLogIsParsedWithItsDimensionsAndNoNumbers() throws Exception {
        FileOutcome outcome =
                parse(resource("mlperf_log_detail_llama3.1-8b-edge_accuracy.txt"), "mlperf_log_detail.txt");

        assertEquals("parsed", outcome.status());
        assertEquals("mlperf-detail", outcome.label());
        assertEquals(0, outcome.events().size(), "an accuracy run's score is in accuracy.txt, not in LoadGen's log");
    }

    @Test
    void aRunThatStoppedBeforeItsResultsIsADeadLetterSayingSo() throws Exception {
        FileOutcome outcome =
                parse(resource("mlperf_log_detail_3d-object-detection_unfinished.txt"), "mlperf_log_detail.txt");

        assertEquals("dead_letter", outcome.status());
        assertEquals(
                "mlperf-detail: no result_* entries: the run was cut off before LoadGen logged its results",
                outcome.deadLetterReason());
    }

    @Test
    void aLogCutMidLineIsADeadLetterThatSaysItsLastLineIsIncomplete() throws Exception {
        String text = new String(resource(SINGLE_STREAM), StandardCharsets.UTF_8);
        byte[] cut = text.substring(0, text.indexOf("\"key\": \"generated_query_count\"") + 20)
                .getBytes(StandardCharsets.UTF_8);

        FileOutcome outcome = parse(cut, "mlperf_log_detail.txt");

        assertEquals("dead_letter", outcome.status());
        assertEquals(
                "mlperf-detail: no result_* entries: the run was cut off before LoadGen logged its results"
                        + " (its last line is incomplete)",
                outcome.deadLetterReason());
    }

    @Test
    void aBrokenLineInTheMiddleIsADeadLetterNamingTheLine() throws Exception {
        String text = new String(resource(SINGLE_STREAM), StandardCharsets.UTF_8)
                .replaceFirst("\"key\": \"sut_name\"", "\"key\": \"sut_name");

        FileOutcome outcome = parse(text.getBytes(StandardCharsets.UTF_8), "mlperf_log_detail.txt");

        assertEquals("dead_letter", outcome.status());
        assertTrue(
                outcome.deadLetterReason().matches("mlperf-detail: line \\d+ is not a LoadGen log entry"),
                outcome.deadLetterReason());
    }

    @Test
    void mlperfTrainingLogsAreNotClaimed() {
        byte[] training = (":::MLLOG {\"namespace\": \"\", \"time_ms\": 1, \"event_type\": \"POINT_IN_TIME\","
                        + " \"key\": \"eval_accuracy\", \"value\": 0.75, \"metadata\": {\"epoch_num\": 3}}\n")
                .getBytes(StandardCharsets.UTF_8);

        FileOutcome outcome = parse(training, "train.log");

        assertEquals("ignored", outcome.status());
    }
}
