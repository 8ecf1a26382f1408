package io.chimera.telemetry.parse.recognise;

import static io.chimera.telemetry.parse.recognise.RecognisedFiles.assertDeadLetterOf;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.corpus;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.corpusText;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.parsedBy;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.single;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.records.MetricEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VllmThroughputRecogniserTest {

    private static final String NAME = "vllm-throughput-json";
    private static final String THROUGHPUT =
            "vllm_latency_throughput_json/nv-action-vllm-benchmarks_throughput_llama8B_tp1.json";

    @Test
    void throughputsAndElapsedTimeWithTheirUnits() {
        FileOutcome outcome = parsedBy(corpus(THROUGHPUT), NAME);

        assertEquals(4, outcome.events().size());
        MetricEvent tokens = single(outcome, "tokens_per_second");
        assertEquals(1190.9743920852, tokens.value);
        assertEquals("tok/s", tokens.unit);
        assertEquals(2.7631534315929653, single(outcome, "requests_per_second").value);
        assertEquals("req/s", single(outcome, "requests_per_second").unit);
        assertEquals(72.38106929324567, single(outcome, "elapsed_time").value);
        assertEquals("s", single(outcome, "elapsed_time").unit);
        assertEquals(86204.0, single(outcome, "total_num_tokens").value);
        assertEquals(Map.of("num_requests", "200"), tokens.dimensions);
        assertEquals(ArtifactParser.FILE_MODIFIED_TIME, tokens.eventTimeSource);
    }

    @Test
    void truncatedResultIsADeadLetterNamingTheRecogniser() {
        String text = corpusText(THROUGHPUT);

        FileOutcome outcome = text("throughput.json", text.substring(0, text.lastIndexOf('}')));

        assertFalse(outcome.isParsed());
        assertEquals(NAME, outcome.label());
        assertTrue(outcome.deadLetterReason().startsWith(NAME + ": line "), outcome.deadLetterReason());
    }

    @Test
    void throughputsThatAreNoNumbersAreADeadLetterNamingTheRecogniser() {
        FileOutcome outcome = text(
                "throughput.json",
                "{\"elapsed_time\": 1.0, \"num_requests\": 2,"
                        + " \"requests_per_second\": null, \"tokens_per_second\": \"n/a\"}");

        assertDeadLetterOf(outcome, NAME, NAME + ": neither requests_per_second nor tokens_per_second is a number");
    }
}
