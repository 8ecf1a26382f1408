package io.chimera.telemetry.jobs;

import io.chimera.telemetry.source.DiscoverySettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.aggregate.RegressionSettings;
import io.chimera.telemetry.narrate.LlmSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import io.chimera.telemetry.testing.KafkaTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Report events on a real KRaft broker, exactly once, through checkpoints and a lost TaskManager. */
class KafkaReportsTest {

    /** Our own MiniCluster rather than the JUnit extension's: the failure test stops one of its TaskManagers. */
    private static MiniCluster flink;

    private static final Duration WAIT = Duration.ofSeconds(150);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaClusterTestKit kafka;

    @TempDir
    Path root;

    @BeforeAll
    static void startFlink() throws Exception {
        Configuration config = new Configuration();
        // Any free port: 8081 may be taken by a Flink dashboard running on the same machine.
        config.set(org.apache.flink.configuration.RestOptions.BIND_PORT, "0");
        flink = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(2)
                .setConfiguration(config)
                .build());
        flink.start();
        TestStreamEnvironment.setAsContext(flink, 1);
    }

    @AfterAll
    static void stopFlink() throws Exception {
        TestStreamEnvironment.unsetAsContext();
        if (flink != null) {
            flink.closeAsync().get();
        }
    }

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaTopics.startBroker();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void reportsBecomeVisibleExactlyOnceWhenTheCheckpointCommits() throws Exception {
        KafkaSettings topics = topics();
        JobSettings settings = settings(topics);
        Path watched = Files.createDirectories(Path.of(settings.inputs().get(0)));
        JobClient job = start(settings, new Configuration());
        try {
            Instant now = windowStartNow(settings).plusMillis(100);
            land(watched, "llm/run.csv", "timestamp,model,tokens_s\n" + now + ",gemma3,100\n");
            land(watched, "kernels/run.csv", "timestamp,kernel,time_us\n" + now + ",gemm,5.5\n");

            waitUntil(() -> read(topics.reportsTopic(), "read_uncommitted").size() >= 2, "reports written");
            assertEquals(List.of(), read(topics.reportsTopic(), "read_committed"),
                    "nothing is visible to read_committed consumers before the checkpoint commits");

            flink.triggerCheckpoint(job.getJobID()).get();

            waitUntil(() -> read(topics.reportsTopic(), "read_committed").size() >= 2, "committed reports");
            Thread.sleep(1000);
            List<ConsumerRecord<byte[], byte[]>> committed = read(topics.reportsTopic(), "read_committed");
            assertEquals(Map.of("llm", 1L, "kernels", 1L), countBySuiteAndWindow(committed).entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().split("@")[0], Map.Entry::getValue)));
            ConsumerRecord<byte[], byte[]> first = committed.get(0);
            JsonNode value = JSON.readTree(first.value());
            assertEquals(1, value.get("schemaVersion").asInt());
            assertEquals(new String(first.key(), StandardCharsets.UTF_8), value.get("suite").asText());
            assertEquals(value.get("windowStart").asText(), header(first, "windowStart"));
            assertEquals(value.get("windowEnd").asText(), header(first, "windowEnd"));
            assertEquals("builtin", value.get("narrator").asText());
            for (JsonNode required : JSON.readTree(Path.of("").toAbsolutePath().getParent()
                    .resolve("docs/schemas/report.schema.json").toFile()).get("required")) {
                assertTrue(value.has(required.asText()), "docs/schemas/report.schema.json requires "
                        + required.asText() + ": " + value);
            }
            JsonNode stat = JSON.readTree(read(topics.statsTopic(), "read_committed").get(0).value());
            for (JsonNode required : JSON.readTree(Path.of("").toAbsolutePath().getParent()
                    .resolve("docs/schemas/stats.schema.json").toFile()).get("required")) {
                assertTrue(stat.has(required.asText()), "stats.schema.json requires " + required.asText());
            }
            assertEquals(2, read(topics.statsTopic(), "read_committed").size(), "one statistic per series");
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void losingTheTaskManagerMidStreamLeavesEveryReportExactlyOnce() throws Exception {
        KafkaSettings topics = topics();
        JobSettings settings = settings(topics);
        Path watched = Files.createDirectories(Path.of(settings.inputs().get(0)));
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        JobClient job = start(settings, restarts);
        try {
            Instant now = windowStartNow(settings).plusMillis(100);
            land(watched, "before/run.csv", "timestamp,model,tokens_s\n" + now + ",gemma3,100\n");
            waitUntil(() -> read(topics.reportsTopic(), "read_uncommitted").size() >= 1, "the first report");
            flink.triggerCheckpoint(job.getJobID()).get();
            waitUntil(() -> read(topics.reportsTopic(), "read_committed").size() >= 1, "the first report committed");

            Instant later = windowStartNow(settings).plusMillis(100);
            land(watched, "after/run.csv", "timestamp,model,tokens_s\n" + later + ",gemma3,120\n");
            waitUntil(() -> suites(read(topics.reportsTopic(), "read_uncommitted")).contains("after"),
                    "the second report, not yet committed");

            flink.terminateTaskManager(0).get();
            flink.startTaskManager();

            // Restored from the checkpoint taken before after/run.csv landed: the file is read again and its
            // report written again, in a new transaction; the first one was aborted with the TaskManager.
            waitUntil(() -> suites(read(topics.reportsTopic(), "read_uncommitted")).stream()
                    .filter("after"::equals).count() >= 2, "the second report written again after the restart");
            waitUntil(() -> checkpointed(job), "a checkpoint after the restart");
            waitUntil(() -> suites(read(topics.reportsTopic(), "read_committed")).contains("after"),
                    "the second report committed");
            Thread.sleep(1000);

            List<ConsumerRecord<byte[], byte[]>> committed = read(topics.reportsTopic(), "read_committed");
            assertEquals(List.of("after", "before"), suites(committed).stream().sorted().toList(),
                    "0 lost, 0 duplicated");
            assertTrue(countBySuiteAndWindow(committed).values().stream().allMatch(n -> n == 1));
        } finally {
            job.cancel().get();
        }
    }

    private static boolean checkpointed(JobClient job) {
        try {
            if (flink.getJobStatus(job.getJobID()).get() != JobStatus.RUNNING) {
                return false;
            }
            flink.triggerCheckpoint(job.getJobID()).get();
            return true;
        } catch (Exception notYet) {
            return false;
        }
    }

    private KafkaSettings topics() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        KafkaSettings settings = KafkaSettings.defaults(kafka.bootstrapServers())
                .withTopics("reports-" + id, "stats-" + id, "dead-" + id)
                .withTransactionalIdPrefix("chimera-test-" + id);
        try (Admin admin = Admin.create(adminProperties())) {
            admin.createTopics(List.of(new NewTopic(settings.reportsTopic(), 1, (short) 1),
                    new NewTopic(settings.statsTopic(), 1, (short) 1),
                    new NewTopic(settings.deadLettersTopic(), 1, (short) 1))).all().get();
        }
        return settings;
    }

    private JobSettings settings(KafkaSettings kafkaSettings) {
        // Checkpoints only when the test triggers them: what is committed when is then certain.
        return new JobSettings(List.of(root.resolve("watched").toString()), root.resolve("out").toString(), false,
                Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofMillis(800),
                Duration.ofMillis(300), DiscoverySettings.DEFAULT_LOOKBACK, Duration.ofHours(1), 1, 0, 1 << 20,
                LlmSettings.builtin(), kafkaSettings, RegressionSettings.defaults());
    }

    private static JobClient start(JobSettings settings, Configuration extra) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(extra);
        Pipelines.configure(env, settings);
        env.configure(extra);
        Pipelines.telemetryJob(settings).build(env);
        return env.executeAsync("kafka-test");
    }

    private static Properties adminProperties() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        return properties;
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, String isolation) {
        return KafkaTopics.read(kafka.bootstrapServers(), topic, isolation);
    }

    private static List<String> suites(List<ConsumerRecord<byte[], byte[]>> records) {
        return KafkaTopics.keys(records);
    }

    private static Map<String, Long> countBySuiteAndWindow(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().collect(Collectors.groupingBy(
                r -> new String(r.key(), StandardCharsets.UTF_8) + "@" + header(r, "windowStart"),
                Collectors.counting()));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static Instant windowStartNow(JobSettings settings) {
        long size = settings.window().toMillis();
        long now = System.currentTimeMillis();
        return Instant.ofEpochMilli(now - now % size);
    }

    private static void land(Path root, String relative, String content) throws java.io.IOException {
        Path target = root.resolve(relative);
        Files.createDirectories(target.getParent());
        Path hidden = target.resolveSibling("." + target.getFileName());
        Files.writeString(hidden, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(hidden, FileTime.fromMillis(System.currentTimeMillis() - 2_000));
        Files.move(hidden, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
