package io.chimera.telemetry.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.emit.KafkaSettings;
import io.chimera.telemetry.render.JsonEncoding;
import io.chimera.telemetry.testing.Corpus;
import io.chimera.telemetry.testing.EventSchemas;
import io.chimera.telemetry.testing.KafkaTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
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
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
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
    private static final EventSchemas SCHEMAS = new EventSchemas();
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
            assertEquals(
                    List.of(),
                    read(topics.reportsTopic(), "read_committed"),
                    "nothing is visible to read_committed consumers before the checkpoint commits");

            flink.triggerCheckpoint(job.getJobID()).get();

            waitUntil(() -> read(topics.reportsTopic(), "read_committed").size() >= 2, "committed reports");
            Thread.sleep(1000);
            List<ConsumerRecord<byte[], byte[]>> committed = read(topics.reportsTopic(), "read_committed");
            assertEquals(
                    Map.of("llm", 1L, "kernels", 1L),
                    countBySuiteAndWindow(committed).entrySet().stream()
                            .collect(Collectors.toMap(e -> e.getKey().split("@")[0], Map.Entry::getValue)));
            ConsumerRecord<byte[], byte[]> first = committed.get(0);
            JsonNode value = JSON.readTree(first.value());
            assertEquals(JsonEncoding.SCHEMA_VERSION, value.get("schemaVersion").asInt());
            JsonNode key = KafkaTopics.key(first);
            assertEquals(
                    List.of(
                            value.get("suite").asText(),
                            value.get("windowStart").asText()),
                    List.of(key.get(0).asText(), key.get(1).asText()),
                    "key: suite and window");
            assertEquals("1", header(first, "revision"), "final at once: the built-in narrator");
            assertEquals(value.get("windowStart").asText(), header(first, "windowStart"));
            assertEquals(value.get("windowEnd").asText(), header(first, "windowEnd"));
            assertEquals("builtin", value.get("narrator").asText());
            assertEquals("", SCHEMAS.problems("report", value), "docs/schemas/report.schema.json: " + value);
            JsonNode stat = JSON.readTree(
                    read(topics.statsTopic(), "read_committed").get(0).value());
            assertEquals("", SCHEMAS.problems("stats", stat), "docs/schemas/stats.schema.json: " + stat);
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
        Configuration restarts = restartAfterFailures();
        JobClient job = start(settings, restarts);
        try {
            Instant now = windowStartNow(settings).plusMillis(100);
            land(watched, "before/run.csv", "timestamp,model,tokens_s\n" + now + ",gemma3,100\n");
            waitUntil(() -> read(topics.reportsTopic(), "read_uncommitted").size() >= 1, "the first report");
            flink.triggerCheckpoint(job.getJobID()).get();
            waitUntil(() -> read(topics.reportsTopic(), "read_committed").size() >= 1, "the first report committed");

            Instant later = windowStartNow(settings).plusMillis(100);
            land(watched, "after/run.csv", "timestamp,model,tokens_s\n" + later + ",gemma3,120\n");
            waitUntil(
                    () -> suites(read(topics.reportsTopic(), "read_uncommitted"))
                            .contains("after"),
                    "the second report, not yet committed");

            loseTheTaskManager();

            // Restored from the checkpoint taken before after/run.csv landed: the file is read again and its
            // report written again, in a new transaction; the first one was aborted with the TaskManager.
            waitUntil(
                    () -> suites(read(topics.reportsTopic(), "read_uncommitted")).stream()
                                    .filter("after"::equals)
                                    .count()
                            >= 2,
                    "the second report written again after the restart");
            waitUntil(() -> checkpointed(job), "a checkpoint after the restart");
            waitUntil(
                    () -> suites(read(topics.reportsTopic(), "read_committed")).contains("after"),
                    "the second report committed");
            Thread.sleep(1000);

            List<ConsumerRecord<byte[], byte[]>> committed = read(topics.reportsTopic(), "read_committed");
            assertEquals(
                    List.of("after", "before"),
                    suites(committed).stream().sorted().toList(),
                    "0 lost, 0 duplicated");
            assertTrue(countBySuiteAndWindow(committed).values().stream().allMatch(n -> n == 1));
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aLateFileRevisesItsWindowOnceInKafkaThroughALostTaskManager() throws Exception {
        KafkaSettings topics = topics();
        JobSettings settings = settings(topics);
        Path watched = Files.createDirectories(Path.of(settings.inputs().get(0)));
        Configuration restarts = restartAfterFailures();
        long began = System.currentTimeMillis();
        JobClient job = start(settings, restarts);
        try {
            long landed = land(watched, "llm/run-1.csv", "timestamp,model,tokens_s\n2025-09-30T10:00:00Z,gemma3,100\n");
            waitUntil(() -> read(topics.reportsTopic(), "read_uncommitted").size() >= 1, "the window's report");
            flink.triggerCheckpoint(job.getJobID()).get();
            waitUntil(() -> read(topics.reportsTopic(), "read_committed").size() >= 1, "the report committed");

            // Copied in with its old modification time: it lands in the window already reported.
            land(watched, "llm/run-2.csv", "timestamp,model,tokens_s\n2025-09-30T10:00:00Z,gemma3,130\n", landed);
            waitUntil(
                    () -> revisions(read(topics.reportsTopic(), "read_uncommitted"))
                            .contains(3),
                    "the revision, not yet committed");
            // The TaskManager is lost in the middle of the revision: written, not committed.
            loseTheTaskManager();

            waitUntil(
                    () -> revisions(read(topics.reportsTopic(), "read_uncommitted")).stream()
                                    .filter(r -> r == 3)
                                    .count()
                            >= 2,
                    "the revision written again after the restart");
            waitUntil(() -> checkpointed(job), "a checkpoint after the restart");
            waitUntil(
                    () -> revisions(read(topics.reportsTopic(), "read_committed"))
                            .contains(3),
                    "the revision committed");
            Thread.sleep(1000);

            List<ConsumerRecord<byte[], byte[]>> reports = read(topics.reportsTopic(), "read_committed");
            assertEquals(List.of(1, 3), revisions(reports), "each revision once, none lost (final: odd)");
            assertEquals(
                    1,
                    reports.stream()
                            .map(r -> KafkaTopics.key(r).toString())
                            .distinct()
                            .count(),
                    "one key: a compacted topic keeps the latest revision");
            JsonNode revised = JSON.readTree(reports.get(1).value());
            assertEquals(3, revised.get("revision").asInt());
            assertEquals(1, revised.get("dataRevision").asInt());
            assertEquals(2, revised.get("inventory").get("files").asInt());
            assertEquals(1, revised.get("revisionAdded").get("files").asInt());
            assertEquals(1, revised.get("statisticsCount").asInt());
            assertTrue(
                    reports.stream().allMatch(r -> r.timestamp() >= began),
                    "stamped when written, not with the window's time (retention counts from then)");
            List<ConsumerRecord<byte[], byte[]>> stats = read(topics.statsTopic(), "read_committed");
            assertEquals(List.of(0, 1), revisions(stats), "the series' statistics revised once too");
            JsonNode revisedStats = JSON.readTree(stats.stream()
                    .filter(r -> header(r, "revision").equals("1"))
                    .findFirst()
                    .orElseThrow()
                    .value());
            assertEquals(115.0, revisedStats.get("mean").asDouble(), 1e-9);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aWindowOfThousandsOfSeriesReachesKafkaAsOneEventThatCountsItsStatistics() throws Exception {
        KafkaSettings topics = topics();
        Path watched = root.resolve("watched");
        // The corpus as a fresh clone lays it down: every file with the same time, so one window per suite,
        // the largest with over 2,000 series (a 1.3 MB report with its statistics).
        long cloned = System.currentTimeMillis() - 60_000;
        try (var files = Files.walk(Corpus.chimera())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = watched.resolve(Corpus.chimera().relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
                Files.setLastModifiedTime(copy, FileTime.fromMillis(cloned));
            }
        }
        // A suite whose last run drops 30 %: an alert for the alerts topic.
        double[] tokensPerSecond = {100, 101, 99, 100, 102, 98, 100, 70};
        for (int minute = 0; minute < tokensPerSecond.length; minute++) {
            Instant at = Instant.ofEpochMilli(cloned).minus(Duration.ofMinutes(20 - minute));
            land(
                    watched,
                    "regressed/run_" + minute + ".csv",
                    "timestamp,model,tokens_s\n" + at + ",gemma3," + tokensPerSecond[minute] + "\n",
                    at.toEpochMilli());
        }
        JobSettings once = options(topics).set(JobOptions.ONCE, true).settings();

        start(once, new Configuration()).getJobExecutionResult().get();

        List<ConsumerRecord<byte[], byte[]>> reports = read(topics.reportsTopic(), "read_committed");
        List<ConsumerRecord<byte[], byte[]>> stats = read(topics.statsTopic(), "read_committed");
        Map<String, Long> statsPerWindow = countBySuiteAndWindow(stats);
        assertEquals(statsPerWindow.keySet(), countBySuiteAndWindow(reports).keySet(), "a report for every window");
        long largest = 0;
        for (ConsumerRecord<byte[], byte[]> report : reports) {
            assertTrue(report.value().length <= topics.maxValueBytes(), report.value().length + " bytes");
            JsonNode value = JSON.readTree(report.value());
            String window = KafkaTopics.key(report).get(0).asText() + "@" + header(report, "windowStart");
            assertEquals(
                    statsPerWindow.get(window), value.get("statisticsCount").asLong(), window);
            largest = Math.max(largest, value.get("statisticsCount").asLong());
        }
        assertTrue(largest > 2000, "the corpus makes a window of " + largest + " series");
        List<ConsumerRecord<byte[], byte[]>> alerts = read(topics.alertsTopic(), "read_committed");
        List<ConsumerRecord<byte[], byte[]>> deadLetters = read(topics.deadLettersTopic(), "read_committed");
        assertEquals(1, alerts.size(), "the regressed suite's drop");
        assertEquals(1, deadLetters.size(), "the corpus' UTF-16 file");
        for (var topic : Map.of("report", reports, "stats", stats, "alert", alerts, "dead-letter", deadLetters)
                .entrySet()) {
            for (ConsumerRecord<byte[], byte[]> record : topic.getValue()) {
                JsonNode value = JSON.readTree(record.value());
                assertEquals("", SCHEMAS.problems(topic.getKey(), value), topic.getKey() + ": " + value);
            }
        }
    }

    @Test
    void aReportOfAnOldWindowOutlivesTheTopicsRetention() throws Exception {
        KafkaSettings topics = topics();
        String topic = "retained-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(adminProperties())) {
            // A minute of retention, and a new segment for every write a tenth of a second after the last.
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                            .configs(Map.of("retention.ms", "60000", "segment.ms", "100"))))
                    .all()
                    .get();
        }
        KafkaSettings retained = new KafkaSettings(
                topics.bootstrapServers(),
                topics.properties(),
                topic,
                topics.statsTopic(),
                topics.deadLettersTopic(),
                topics.alertsTopic(),
                true,
                topics.transactionalIdPrefix(),
                topics.transactionTimeout());
        Instant window = Instant.parse("2025-09-30T10:00:00Z");
        // The control: a record stamped with the old window's time, first in the log, which retention deletes.
        produce(topic, "control", window.toEpochMilli());
        Thread.sleep(300);
        Path watched = root.resolve("watched");
        land(watched, "llm/run_1.csv", "timestamp,model,tokens_s\n" + window + ",gemma3,100\n", window.toEpochMilli());
        JobSettings once = options(retained).set(JobOptions.ONCE, true).settings();
        long began = System.currentTimeMillis();

        start(once, new Configuration()).getJobExecutionResult().get();
        Thread.sleep(300);
        produce(topic, "after", System.currentTimeMillis());

        waitUntil(
                () -> read(topic, "read_uncommitted").stream().noneMatch(r -> "control".equals(key(r))),
                "retention deleting the record stamped with the window's time");
        List<ConsumerRecord<byte[], byte[]>> reports = read(topic, "read_committed").stream()
                .filter(r -> !"after".equals(key(r)))
                .toList();
        assertEquals(1, reports.size(), "the window's report is still there");
        assertEquals(window.toString(), header(reports.get(0), "windowStart"));
        assertTrue(
                reports.get(0).timestamp() >= began,
                "stamped when written: " + reports.get(0).timestamp());
    }

    private static void produce(String topic, String key, long timestamp) throws Exception {
        Properties properties = adminProperties();
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(
                properties,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, 0, timestamp, key, "{}"))
                    .get();
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    private static List<Integer> revisions(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .map(r -> Integer.parseInt(header(r, "revision")))
                .sorted()
                .toList();
    }

    /** A job that restarts from its last checkpoint when its TaskManager is lost. */
    private static Configuration restartAfterFailures() {
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        return restarts;
    }

    /** The MiniCluster's TaskManagers by the order they started: the one running is the latest. */
    private static int runningTaskManager;

    /** Stops the running TaskManager, as a lost machine, and starts another in its place. */
    private static void loseTheTaskManager() throws Exception {
        flink.terminateTaskManager(runningTaskManager).get();
        flink.startTaskManager();
        runningTaskManager++;
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
        KafkaSettings named = KafkaSettings.defaults(kafka.bootstrapServers())
                .withTopics("reports-" + id, "stats-" + id, "dead-" + id)
                .withTransactionalIdPrefix("chimera-test-" + id);
        KafkaSettings settings = new KafkaSettings(
                named.bootstrapServers(),
                named.properties(),
                named.reportsTopic(),
                named.statsTopic(),
                named.deadLettersTopic(),
                "alerts-" + id,
                true,
                named.transactionalIdPrefix(),
                named.transactionTimeout());
        try (Admin admin = Admin.create(adminProperties())) {
            admin.createTopics(List.of(
                            new NewTopic(settings.reportsTopic(), 1, (short) 1),
                            new NewTopic(settings.statsTopic(), 1, (short) 1),
                            new NewTopic(settings.deadLettersTopic(), 1, (short) 1),
                            new NewTopic(settings.alertsTopic(), 1, (short) 1)))
                    .all()
                    .get();
        }
        return settings;
    }

    private JobSettings settings(KafkaSettings kafkaSettings) {
        return options(kafkaSettings).settings();
    }

    private TestSettings options(KafkaSettings kafkaSettings) {
        // Checkpoints only when the test triggers them: what is committed when is then certain.
        return TestSettings.watching(root.resolve("watched"), root.resolve("out"))
                .set(JobOptions.CHECKPOINT_INTERVAL, Duration.ofHours(1))
                .kafka(kafkaSettings);
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
        return records.stream()
                .collect(Collectors.groupingBy(
                        r -> KafkaTopics.key(r).get(0).asText() + "@" + header(r, "windowStart"),
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

    /** Writes under a hidden name and renames into place; returns the modification time it landed with. */
    private static long land(Path root, String relative, String content) throws java.io.IOException {
        long modified = System.currentTimeMillis() - 2_000;
        land(root, relative, content, modified);
        return modified;
    }

    private static void land(Path root, String relative, String content, long modified) throws java.io.IOException {
        Path target = root.resolve(relative);
        Files.createDirectories(target.getParent());
        Path hidden = target.resolveSibling("." + target.getFileName());
        Files.writeString(hidden, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(hidden, FileTime.fromMillis(modified));
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
