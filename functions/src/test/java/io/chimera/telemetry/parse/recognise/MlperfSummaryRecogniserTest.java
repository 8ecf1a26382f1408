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
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A real MLPerf LoadGen summary (mlcommons/inference, Apache-2.0; see resources/real/SOURCES.md). */
class MlperfSummaryRecogniserTest {

    private static FileOutcome parse(String resource, String name) throws Exception {
        byte[] bytes;
        try (InputStream in = MlperfSummaryRecogniserTest.class.getResourceAsStream("/real/" + resource)) {
            bytes = in.readAllBytes();
        }
        ArtifactFile file = new ArtifactFile("farm", "farm/dlrm/" + name, bytes.length, 1_700_000_000_000L);
        return new ArtifactParser(ParseSettings.defaults()).parse(file, ArtifactFormat.TEXT, bytes);
    }

    @Test
    void anOfflineSummaryGivesItsThroughputLatenciesAndValidity() throws Exception {
        FileOutcome outcome = parse("mlperf_log_summary_dlrm-v2_offline.txt", "mlperf_log_summary.txt");

        assertEquals("mlperf-summary", outcome.label());
        assertEquals(1, outcome.rows());
        Map<String, MetricEvent> events = outcome.events().stream().collect(Collectors.toMap(e -> e.metric, e -> e));
        assertEquals(
                Map.of(
                        "sut_name",
                        "DLRMv2 SERVER",
                        "scenario",
                        "Offline",
                        "mode",
                        "PerformanceOnly",
                        "validity",
                        "VALID"),
                events.get("samples_per_second").dimensions);
        assertEquals(304744.0, events.get("samples_per_second").value);
        assertEquals("samples/s", events.get("samples_per_second").unit);
        assertEquals(3104531329.0, events.get("latency_min").value);
        assertEquals(675714888006.0, events.get("latency_max").value);
        assertEquals(70489124691.0, events.get("latency_mean").value);
        assertEquals(339188852700.0, events.get("latency_p50").value);
        assertEquals(675056290577.0, events.get("latency_p99.9").value);
        assertEquals("ns", events.get("latency_p99.9").unit);
        assertEquals(9.0, events.get("warnings").value);
        assertEquals(0.0, events.get("errors").value);
        assertEquals(
                12, outcome.events().size(), "throughput, 9 latencies, warnings, errors; test parameters not read");
        assertTrue(outcome.events().stream().noneMatch(e -> e.metric.contains("seed")));
    }

    @Test
    void aSummaryCutOffBeforeItsResultIsADeadLetterNamingTheRecogniser() throws Exception {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/real/mlperf_log_summary_dlrm-v2_offline.txt")) {
            bytes = in.readAllBytes();
        }
        String head = new String(bytes, StandardCharsets.UTF_8).lines().limit(6).collect(Collectors.joining("\n"));
        byte[] cut = head.getBytes(StandardCharsets.UTF_8);
        FileOutcome outcome = new ArtifactParser(ParseSettings.defaults())
                .parse(
                        new ArtifactFile("farm", "farm/mlperf_log_summary.txt", cut.length, 0),
                        ArtifactFormat.TEXT,
                        cut);

        assertEquals("dead_letter", outcome.status());
        assertEquals("mlperf-summary: no result in the MLPerf summary", outcome.deadLetterReason());
    }

    @Test
    void aTextThatOnlyMentionsMlperfIsNotClaimed() throws Exception {
        byte[] notes = "Notes: compare with the MLPerf Results Summary of last week.\nScenario: none yet\n"
                .getBytes(StandardCharsets.UTF_8);
        FileOutcome outcome = new ArtifactParser(ParseSettings.defaults())
                .parse(new ArtifactFile("farm", "farm/notes.txt", notes.length, 0), ArtifactFormat.TEXT, notes);

        assertEquals("text", outcome.label());
    }
}
