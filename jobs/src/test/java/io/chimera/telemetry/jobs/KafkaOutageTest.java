package io.chimera.telemetry.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.testing.CommittedOutputs;
import io.chimera.telemetry.testing.KafkaBrokerProcess;
import io.chimera.telemetry.testing.KafkaTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka broker goes away for a while under a watching job, files land meanwhile, and it comes back (the same
 * broker, stopped with SIGTERM and started again): the job keeps its state, and every report and statistic of the
 * outage reaches Kafka exactly once (read_committed), as the file outputs hold them once.
 */
class KafkaOutageTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(1)
            .build());

    private static final Duration OUTAGE = Duration.ofSeconds(40);
    private static final Duration WAIT = Duration.ofSeconds(240);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path root;

    @Test
    void reportsOfAnOutageReachTheBrokerOnceWhenItReturns() throws Exception {
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.format(root.resolve("broker"))) {
            broker.start();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(Stream.of("reports", "stats", "alerts", "dead-letters")
                                .map(t -> new NewTopic(t, 1, (short) 1))
                                .toList())
                        .all()
                        .get();
            }
            Path farm = Files.createDirectories(root.resolve("farm"));
            Path out = root.resolve("out");
            JobSettings settings = JobArguments.parse(new String[] {
                "--input",
                farm.toString(),
                "--output",
                out.toString(),
                "--window",
                "2s",
                "--out-of-orderness",
                "200ms",
                "--flush-timeout",
                "800ms",
                "--settle-time",
                "300ms",
                "--discovery-interval",
                "200ms",
                "--checkpoint-interval",
                "1s",
                "--parallelism",
                "1",
                "--kafka-bootstrap",
                broker.bootstrapServers(),
                "--kafka-transactional-id-prefix",
                "outage",
                "--kafka-topic-reports",
                "reports",
                "--kafka-topic-stats",
                "stats",
                "--kafka-topic-alerts",
                "alerts",
                "--kafka-topic-dead-letters",
                "dead-letters"
            });
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            Pipelines.configure(env, settings);
            Pipelines.telemetryJob(settings).build(env);
            JobClient job = env.executeAsync("kafka-outage");
            try {
                land(farm, "alpha/run.csv", "gemma3,100");
                waitUntil(() -> suites(broker, "reports").contains("alpha"), "alpha's report on Kafka");

                broker.stop();
                long away = System.nanoTime();
                land(farm, "beta/run.csv", "gemma3,110");
                Thread.sleep(OUTAGE.toMillis() / 2);
                land(farm, "gamma/run.csv", "gemma3,120");
                Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - away) / 1_000_000));
                List<String> committedMeanwhile = committedSuites(out);
                broker.start();

                waitUntil(
                        () -> suites(broker, "reports").containsAll(List.of("alpha", "beta", "gamma")),
                        "the outage's reports on Kafka after the broker came back");
                waitUntil(
                        () -> committedSuites(out).containsAll(List.of("alpha", "beta", "gamma")),
                        "the outage's statistics in the files");
                Thread.sleep(3000);
                assertEquals(JobStatus.RUNNING, job.getJobStatus().get(), "the job goes on");
                System.out.println("KafkaOutageTest: statistics committed to files during the outage, by suite: "
                        + committedMeanwhile);
            } finally {
                job.cancel().get();
            }

            for (String topic : List.of("reports", "stats")) {
                Map<String, Long> perKey = read(broker, topic).stream()
                        .collect(Collectors.groupingBy(
                                r -> new String(r.key(), StandardCharsets.UTF_8) + " revision "
                                        + new String(
                                                r.headers()
                                                        .lastHeader("revision")
                                                        .value(),
                                                StandardCharsets.UTF_8),
                                TreeMap::new,
                                Collectors.counting()));
                assertTrue(perKey.values().stream().allMatch(n -> n == 1), topic + ": once each: " + perKey);
            }
            // Every report carries its window's statistics (each suite's one file has one series), the outage's
            // too: their files were read late, after the watermark had moved on, and their first report must
            // still wait for the statistics.
            Map<String, List<Integer>> revisions = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> record : read(broker, "reports")) {
                JsonNode report = JSON.readTree(record.value());
                String suite = report.get("suite").asText();
                revisions
                        .computeIfAbsent(suite, s -> new ArrayList<>())
                        .add(report.get("revision").asInt());
                assertEquals(1, report.get("statisticsCount").asInt(), suite + "'s report: " + report);
            }
            assertEquals(List.of("alpha", "beta", "gamma"), List.copyOf(revisions.keySet()));
            System.out.println("KafkaOutageTest: report revisions by suite: " + revisions);
            List<String> lines =
                    committedStats(out).stream().map(JsonNode::toString).toList();
            assertEquals(lines.size(), lines.stream().distinct().count(), "a statistics line twice in the files");
            assertEquals(lines.size(), read(broker, "stats").size(), "Kafka holds what the files hold");
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(KafkaBrokerProcess broker, String topic) {
        return KafkaTopics.read(broker.bootstrapServers(), topic, "read_committed");
    }

    private static List<String> suites(KafkaBrokerProcess broker, String topic) {
        return KafkaTopics.keys(read(broker, topic));
    }

    private static List<String> committedSuites(Path out) {
        return committedStats(out).stream()
                .map(s -> s.get("suite").asText())
                .distinct()
                .sorted()
                .toList();
    }

    private static List<JsonNode> committedStats(Path out) {
        return CommittedOutputs.read(out, "stats");
    }

    private static void land(Path farm, String relative, String row) throws IOException {
        Path target = farm.resolve(relative);
        Files.createDirectories(target.getParent());
        Path hidden = target.resolveSibling("." + target.getFileName());
        Files.writeString(hidden, "timestamp,model,tokens_s\n" + Instant.now() + "," + row + "\n");
        Files.move(hidden, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(500);
        }
    }
}
