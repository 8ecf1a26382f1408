package io.chimera.telemetry.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.harness.SlowOllamaServer;
import io.chimera.telemetry.testing.CommittedOutputs;
import io.chimera.telemetry.testing.Corpus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded run over the real corpus with an LLM far slower than the windows close (an HTTP server speaking
 * Ollama's wire format, answering each call after 1 s): every window still ends narrated by the LLM, and the
 * number it invents is flagged in every report.
 */
class EveryWindowNarratedTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    /** 987654.3 is in no window of the corpus. */
    private static final String INVENTED = "Throughput peaked at 987654.3 tok/s in this window.";

    @TempDir
    Path root;

    @Test
    void aBoundedRunWaitsForTheLlmToNarrateEveryWindow() throws Exception {
        try (SlowOllamaServer ollama = SlowOllamaServer.start(Duration.ofSeconds(1), INVENTED)) {
            Path out = root.resolve("out");
            // By measured time (the rows' own), the corpus has 50 windows (its text reports and key-value lines
            // included); by landing time, as many as checkouts gave its files distinct modification times.
            JobSettings settings = JobArguments.parse(new String[] {
                "--once",
                "--input",
                Corpus.chimera().toString(),
                "--output",
                out.toString(),
                "--parallelism",
                "2",
                "--time-basis",
                "measured",
                "--llm",
                "ollama",
                "--llm-url",
                ollama.baseUrl()
            });
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            Pipelines.configure(env, settings);
            Pipelines.telemetryJob(settings).execute(env, "every-window-narrated");

            List<JsonNode> summaries = CommittedOutputs.read(out, "summaries");
            List<JsonNode> reports = CommittedOutputs.read(out, "reports");
            Map<String, Long> byStatus = reports.stream()
                    .collect(Collectors.groupingBy(r -> r.get("status").asText(), TreeMap::new, Collectors.counting()));
            System.out.println("EveryWindowNarratedTest: " + summaries.size() + " windows, reports by status "
                    + byStatus + ", LLM calls " + ollama.received());

            assertEquals(50, summaries.size(), "the corpus' windows by measured time");
            assertEquals(Map.of("ok", (long) summaries.size()), byStatus, "every window narrated by the LLM");
            assertEquals(
                    summaries.size(),
                    reports.stream()
                            .map(r -> r.get("suite").asText() + " "
                                    + r.get("windowStart").asText())
                            .distinct()
                            .count(),
                    "one report per window");
            for (JsonNode report : reports) {
                assertEquals(1, report.get("revision").asInt(), "a bounded run's report is final: " + report);
                assertEquals("ollama:gemma3:latest", report.get("narrator").asText());
                assertTrue(
                        report.get("grounding").get("unsupported").toString().contains("987654.3"),
                        "the invented number is flagged: " + report.get("grounding"));
            }
            assertEquals(summaries.size(), ollama.received(), "one call per window");
        }
    }
}
