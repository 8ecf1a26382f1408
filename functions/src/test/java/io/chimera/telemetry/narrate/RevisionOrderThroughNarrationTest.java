package io.chimera.telemetry.narrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.WindowSummary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Review of issue 12: README and docs/events.md tell a consumer to keep the highest revision per key and say "a
 * compacted Kafka topic does it for you", "one suite's records stay in order on one partition". Reports pass through
 * the unordered async narration first: when revision 0 of a window is still with the LLM and revision 1 finds every
 * call busy, revision 1 leaves first (built-in narrative) and revision 0 after it. On chimera.reports the last record
 * for the key [suite, windowStart] is then revision 0, which is what a compacted topic keeps.
 */
class RevisionOrderThroughNarrationTest {

    private static final String OLLAMA_ANSWER = """
            {"model":"gemma3:latest","created_at":"2026-11-23T10:00:00Z",
             "response":"Throughput held.","done":true,"done_reason":"stop",
             "total_duration":2500000000,"load_duration":200000000,"prompt_eval_count":350,
             "prompt_eval_duration":300000000,"eval_count":120,"eval_duration":1500000000}""";

    private static WindowSummary summary(int revision) {
        WindowSummary summary = new WindowSummary();
        summary.suite = "llm";
        summary.windowStart = "2026-11-20T09:00:00Z";
        summary.windowEnd = "2026-11-20T09:01:00Z";
        summary.revision = revision;
        return summary;
    }

    @Test
    void theRevisionsOfAWindowLeaveNarrationInRevisionOrder() throws Exception {
        try (MockWebServer ollama = new MockWebServer()) {
            ollama.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(200).body(OLLAMA_ANSWER)
                            .headersDelay(1500, TimeUnit.MILLISECONDS).build();
                }
            });
            ollama.start(0);
            LlmSettings llm = new LlmSettings(LlmSettings.OLLAMA, ollama.url("/").toString(), "gemma3:latest",
                    "generate", false, Duration.ofSeconds(10), 0, Duration.ofMillis(50), 1, Map.of(),
                    "OPENAI_API_KEY", "insight");
            List<Report> narrated;
            try (OneInputStreamOperatorTestHarness<WindowSummary, Report> harness =
                    new OneInputStreamOperatorTestHarness<>(new AsyncWaitOperatorFactory<>(
                            new NarrateFunction(llm, PromptBuilder.DEFAULT_MAX_SERIES),
                            llm.totalBudget().toMillis(), llm.maxInFlight() * 4 + 16,
                            AsyncDataStream.OutputMode.UNORDERED),
                            TypeInformation.of(WindowSummary.class).createSerializer(new SerializerConfigImpl()))) {
                harness.open();
                harness.processElement(new StreamRecord<>(summary(0)));
                harness.processElement(new StreamRecord<>(summary(1)));
                harness.endInput();
                narrated = harness.extractOutputValues();
            }
            assertEquals(List.of(1, 0), narrated.stream().map(r -> r.revision).toList(),
                    "the premise: revision 1 (LLM busy) leaves narration before revision 0 (LLM answering)");

            // What leaves the job: through DropSupersededRevisions, keyed by suite and window.
            List<String> order;
            try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                    new KeyedProcessOperator<>(new DropSupersededRevisions(Duration.ofDays(8))),
                    DropSupersededRevisions::key, Types.TUPLE(Types.STRING, Types.STRING))) {
                harness.open();
                for (Report report : narrated) {
                    harness.processElement(new StreamRecord<>(report));
                }
                order = harness.extractOutputValues().stream()
                        .map(r -> r.windowStart + " revision " + r.revision + " (" + r.status + ")").toList();
            }
            assertEquals(List.of("2026-11-20T09:00:00Z revision 1 (llm_busy)"), order,
                    "the last report of the window (what a compacted topic keeps) is its latest revision");
        }
    }
}
