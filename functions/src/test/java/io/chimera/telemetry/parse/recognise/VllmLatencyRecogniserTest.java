package io.chimera.telemetry.parse.recognise;

import static io.chimera.telemetry.parse.recognise.RecognisedFiles.assertDeadLetterOf;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.metric;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.parsedBy;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.sampleOutcome;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.single;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.parse.FileOutcome;
import org.junit.jupiter.api.Test;

class VllmLatencyRecogniserTest {

    private static final String NAME = "vllm-latency-json";

    @Test
    void averageAndPercentilesOfLatencyInSeconds() {
        FileOutcome outcome = parsedBy(sampleOutcome("vllm_latency.json"), NAME);

        assertEquals(1.8423, single(outcome, "avg_latency").value);
        assertEquals("s", single(outcome, "avg_latency").unit);
        assertEquals(1.8402, single(outcome, "latency_p50").value);
        assertEquals(1.8554, single(outcome, "latency_p99").value);
        assertEquals(7, outcome.events().size(), "the average and six percentiles; raw latencies are not read");
        assertTrue(metric(outcome, "latencies").isEmpty());
    }

    @Test
    void anAverageThatIsNoNumberIsADeadLetterNamingTheRecogniser() {
        FileOutcome outcome = text("latency.json", "{\"avg_latency\": null, \"percentiles\": {\"50\": 1.0}}");

        assertDeadLetterOf(outcome, NAME, NAME + ": avg_latency is not a number");
    }
}
