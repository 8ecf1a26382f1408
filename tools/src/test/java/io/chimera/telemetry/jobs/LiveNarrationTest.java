package io.chimera.telemetry.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.harness.SlowOllamaServer;
import io.chimera.telemetry.testing.KafkaTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watching job over a farm whose history is there at the start, narrated by an LLM that takes 5 s a window (an
 * HTTP server speaking Ollama's wire format), one call at a time: every window's numbers go out at once, each suite's
 * older waiting windows are superseded by its newest, the backlog survives a stop with a savepoint and is narrated
 * after the restart, and Kafka (read_committed) ends with exactly one final report per window.
 */
class LiveNarrationTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final List<String> SUITES = List.of("kernels", "llm");
    private static final int WINDOWS_PER_SUITE = 6;

    private static KafkaClusterTestKit kafka;

    @TempDir
    Path root;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaTopics.startBroker();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of("reports", "stats", "alerts", "dead-letters").stream()
                            .map(t -> new NewTopic(t, 1, (short) 1))
                            .toList())
                    .all()
                    .get();
        }
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void everyWindowGetsItsNumbersAtOnceAndOneFinalNarrativeAcrossARestart() throws Exception {
        Path farm = farmWithHistory();
        try (SlowOllamaServer ollama = SlowOllamaServer.start(Duration.ofSeconds(5))) {
            JobSettings settings = JobArguments.parse(new String[] {
                "--input",
                farm.toString(),
                "--output",
                root.resolve("out").toString(),
                "--window",
                "10s",
                "--out-of-orderness",
                "0s",
                "--flush-timeout",
                "1s",
                "--settle-time",
                "200ms",
                "--discovery-interval",
                "200ms",
                "--checkpoint-interval",
                "1s",
                "--parallelism",
                "2",
                "--llm",
                "ollama",
                "--llm-url",
                ollama.baseUrl(),
                "--llm-max-in-flight",
                "1",
                "--kafka-bootstrap",
                kafka.bootstrapServers(),
                "--kafka-transactional-id-prefix",
                "live-narration",
                "--kafka-topic-reports",
                "reports",
                "--kafka-topic-stats",
                "stats",
                "--kafka-topic-alerts",
                "alerts",
                "--kafka-topic-dead-letters",
                "dead-letters"
            });
            int windows = SUITES.size() * WINDOWS_PER_SUITE;

            JobClient first = start(settings, new Configuration());
            // The history's windows close at once, but for each suite's newest, which the flush closes a window
            // later; a call takes 5 s, so the LLM is slower than they close.
            waitUntil(() -> count(reports(), "narration_pending") == windows, "every window's report");
            assertEquals(windows, read("stats").size(), "every window's statistics");
            assertTrue(
                    ollama.answered() < windows / 2,
                    "the numbers did not wait for the LLM: " + ollama.answered() + " answers so far");
            String savepoint = Savepoints.stopWithSavepoint(first, root.resolve("savepoints"));
            int answeredBeforeTheStop = ollama.answered();
            int finalBeforeTheStop = finals(reports()).size();
            System.out.println("LiveNarrationTest: stopped with " + (windows - finalBeforeTheStop)
                    + " windows waiting for the LLM, " + answeredBeforeTheStop + " answered");
            assertTrue(finalBeforeTheStop < windows, "the backlog is not empty at the stop");

            Configuration restore = new Configuration();
            restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
            JobClient second = start(settings, restore);
            try {
                waitUntil(() -> finals(reports()).size() == windows, "every window's final report");
                Thread.sleep(2000);
            } finally {
                second.cancel().get();
            }

            List<JsonNode> all = reports();
            Map<String, List<Integer>> revisions = all.stream()
                    .collect(Collectors.groupingBy(
                            r -> r.get("suite").asText() + " "
                                    + r.get("windowStart").asText(),
                            TreeMap::new,
                            Collectors.mapping(r -> r.get("revision").asInt(), Collectors.toList())));
            assertEquals(windows, revisions.size());
            revisions.forEach((window, seen) ->
                    assertEquals(List.of(0, 1), seen, window + ": one pending report and one final, in that order"));
            List<JsonNode> finals = finals(all);
            Map<String, Long> byStatus = finals.stream()
                    .collect(Collectors.groupingBy(r -> r.get("status").asText(), TreeMap::new, Collectors.counting()));
            System.out.println(
                    "LiveNarrationTest: final reports by status " + byStatus + ", LLM calls " + ollama.received());
            assertEquals(
                    Map.of(
                            "ok",
                            (long) windows - byStatus.getOrDefault("superseded", 0L),
                            "superseded",
                            byStatus.getOrDefault("superseded", 0L)),
                    byStatus,
                    "narrated by the LLM or superseded");
            for (String suite : SUITES) {
                JsonNode newest = finals.stream()
                        .filter(r -> r.get("suite").asText().equals(suite))
                        .max(java.util.Comparator.comparing(
                                r -> r.get("windowStart").asText()))
                        .orElseThrow();
                assertEquals("ok", newest.get("status").asText(), suite + "'s newest window is narrated");
                assertTrue(
                        finals.stream()
                                .anyMatch(r -> r.get("suite").asText().equals(suite)
                                        && r.get("status").asText().equals("superseded")),
                        suite + " had windows superseded");
            }
            assertTrue(ollama.answered() > answeredBeforeTheStop, "the backlog was narrated after the restart");
        }
    }

    private static JobClient start(JobSettings settings, Configuration conf) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        Pipelines.configure(env, settings);
        Pipelines.telemetryJob(settings).build(env);
        return env.executeAsync("live-narration");
    }

    /** Two suites, a run every 10 s for a minute an hour ago: the history a watching job finds at its start. */
    private Path farmWithHistory() throws IOException {
        Path farm = Files.createDirectories(root.resolve("farm"));
        long hourAgo = System.currentTimeMillis() / 10_000 * 10_000 - 3_600_000;
        for (String suite : SUITES) {
            for (int run = 0; run < WINDOWS_PER_SUITE; run++) {
                Path file = Files.createDirectories(farm.resolve(suite)).resolve("run-" + run + ".csv");
                Files.writeString(file, "model,tokens_s\ngemma3," + (100 + run) + "\n");
                Files.setLastModifiedTime(file, FileTime.fromMillis(hourAgo + run * 10_000L + 1_000));
            }
        }
        return farm;
    }

    private static List<JsonNode> reports() {
        return read("reports").stream()
                .map(record -> {
                    try {
                        return JSON.readTree(record.value());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic) {
        return KafkaTopics.read(kafka.bootstrapServers(), topic, "read_committed");
    }

    private static long count(List<JsonNode> reports, String status) {
        return reports.stream()
                .filter(r -> r.get("status").asText().equals(status))
                .count();
    }

    private static List<JsonNode> finals(List<JsonNode> reports) {
        List<JsonNode> finals = new ArrayList<>();
        for (JsonNode report : reports) {
            if (report.get("revision").asInt() % 2 == 1) {
                finals.add(report);
            }
        }
        return finals;
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(300);
        }
    }
}
