package io.chimera.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.telemetry.testing.CommittedOutputs;
import io.chimera.telemetry.testing.Corpus;
import io.chimera.telemetry.testing.KafkaTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A farm outlives any one run: {@code bin/chimera run} over the real corpus, stopped and started again at several
 * moments while files land (SIGTERM in the middle of a landing, SIGKILL, SIGTERM once all is reported, a start on
 * a farm where nothing changed), must end with the bounded run's statistics, every (window, revision) once in the
 * files and in Kafka (read_committed), and every dead letter once.
 */
class StopAndResumeIT {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration STOP = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 15;

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path root;

    private KafkaClusterTestKit kafka;

    @AfterEach
    void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void stoppedAndStartedAtAnyMomentAWatchingRunReportsEveryWindowOnceWithTheBoundedRunsNumbers() throws Exception {
        kafka = KafkaTopics.startBroker();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> topics = Map.of(
                "reports",
                "reports-" + suffix,
                "stats",
                "stats-" + suffix,
                "alerts",
                "alerts-" + suffix,
                "dead-letters",
                "dead-" + suffix);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(topics.values().stream()
                            .map(t -> new NewTopic(t, 2, (short) 1))
                            .toList())
                    .all()
                    .get();
        }
        Path farm = Files.createDirectories(root.resolve("farm"));
        Path out = root.resolve("out");
        List<Path[]> artifacts = corpus();
        Collections.shuffle(artifacts, new Random(SEED));
        int history = artifacts.size() / 3;
        int landing = (artifacts.size() - history) / 3;
        long now = System.currentTimeMillis();
        for (int i = 0; i < history; i++) {
            land(artifacts.get(i), farm, now - 600_000 + i * 600_000L / history);
        }
        List<String> args = new ArrayList<>(List.of(
                "run",
                "--input",
                farm.toString(),
                "--output",
                out.toString(),
                "--window",
                "5s",
                "--out-of-orderness",
                "500ms",
                "--flush-timeout",
                "1s",
                "--settle-time",
                "300ms",
                "--discovery-interval",
                "200ms",
                "--checkpoint-interval",
                "1s",
                "--parallelism",
                "2",
                "--web-ui-port",
                "0",
                "--kafka-bootstrap",
                kafka.bootstrapServers(),
                "--kafka-transactional-id-prefix",
                "resume-" + suffix));
        topics.forEach((kind, topic) -> args.addAll(List.of("--kafka-topic-" + kind, topic)));

        // 1. Reads the history, then SIGTERM while files land: some read, some not even seen yet.
        try (BinChimera.Running run = BinChimera.start(Map.of(), args.toArray(String[]::new))) {
            waitFor(run, () -> committedStats(out).size() > 0, "the history's first statistics");
            landEach(artifacts.subList(history, history + landing), farm, 30);
            BinChimera.Result stopped = run.terminate(STOP);
            assertEquals(0, stopped.exit(), stopped.stderr());
            assertTrue(
                    stopped.stdout().contains("stopped with a savepoint: " + out.resolve(".savepoints")),
                    stopped.stdout());
        }
        // 2. Resumes from the savepoint, files land, and the process is killed: no savepoint, only checkpoints.
        try (BinChimera.Running run = BinChimera.start(Map.of(), args.toArray(String[]::new))) {
            waitFor(run, () -> output(run).contains("resuming:     from the savepoint of"), "resuming");
            landEach(artifacts.subList(history + landing, history + 2 * landing), farm, 30);
            long checkpoint = latestCheckpoint(out);
            waitFor(run, () -> latestCheckpoint(out) > checkpoint, "a checkpoint after the landing");
            run.kill();
        }
        // 3. Resumes from the killed run's last checkpoint, the rest lands, and all is reported before SIGTERM.
        Map<String, JsonNode> expected = boundedRun(farmWithEverything(artifacts, farm, history + 2 * landing));
        try (BinChimera.Running run = BinChimera.start(Map.of(), args.toArray(String[]::new))) {
            waitFor(run, () -> output(run).contains("resuming:     from the checkpoint of"), "resuming");
            waitFor(run, () -> latest(committedStats(out)).equals(expected), "the bounded run's statistics");
            assertEquals(0, run.terminate(STOP).exit());
        }
        // 4. A start over a farm where nothing changed emits nothing.
        int lines = committedStats(out).size();
        List<String> reportKeys =
                KafkaTopics.read(kafka.bootstrapServers(), topics.get("reports"), "read_committed").stream()
                        .map(StopAndResumeIT::keyAndRevision)
                        .sorted()
                        .toList();
        try (BinChimera.Running run = BinChimera.start(Map.of(), args.toArray(String[]::new))) {
            waitFor(run, () -> output(run).contains("resuming:"), "resuming");
            long checkpoint = latestCheckpoint(out);
            waitFor(run, () -> latestCheckpoint(out) > checkpoint + 2, "three checkpoints");
            assertEquals(0, run.terminate(STOP).exit());
        }

        List<JsonNode> stats = committedStats(out);
        assertEquals(lines, stats.size(), "statistics lines after a restart with nothing new");
        assertEquals(expected, latest(stats), "the latest revision of every statistic equals the bounded run's");
        assertEquals(
                List.of(),
                duplicates(stats.stream().map(StopAndResumeIT::identity).toList()),
                "stats files");

        List<ConsumerRecord<byte[], byte[]>> kafkaStats =
                KafkaTopics.read(kafka.bootstrapServers(), topics.get("stats"), "read_committed");
        assertEquals(
                List.of(),
                duplicates(
                        kafkaStats.stream().map(StopAndResumeIT::keyAndRevision).toList()));
        assertEquals(stats.size(), kafkaStats.size(), "Kafka holds what the files hold");
        List<ConsumerRecord<byte[], byte[]>> reports =
                KafkaTopics.read(kafka.bootstrapServers(), topics.get("reports"), "read_committed");
        List<String> reportIds =
                reports.stream().map(StopAndResumeIT::keyAndRevision).sorted().toList();
        assertEquals(List.of(), duplicates(reportIds), "reports on Kafka");
        assertEquals(reportKeys, reportIds, "no report after a restart with nothing new");
        assertEquals(
                reportWindows(committed(root.resolve("once"), "reports")),
                reports.stream()
                        .map(r -> KafkaTopics.key(r).toString())
                        .collect(Collectors.toCollection(java.util.TreeSet::new)),
                "a report for every window the bounded run reports");
        assertEquals(committed(out, "reports").size(), reports.size(), "report files and Kafka agree");

        List<JsonNode> deadLetters = committed(out, "dead-letters");
        assertEquals(committed(root.resolve("once"), "dead-letters").size(), deadLetters.size(), "dead letters");
        List<ConsumerRecord<byte[], byte[]>> kafkaDead =
                KafkaTopics.read(kafka.bootstrapServers(), topics.get("dead-letters"), "read_committed");
        assertEquals(deadLetters.size(), kafkaDead.size());
        assertEquals(
                List.of(),
                duplicates(kafkaDead.stream()
                        .map(r -> KafkaTopics.key(r).toString())
                        .toList()));
    }

    /** The rest of the corpus lands; returns the farm, now holding every file. */
    private static Path farmWithEverything(List<Path[]> artifacts, Path farm, int from) throws Exception {
        landEach(artifacts.subList(from, artifacts.size()), farm, 30);
        return farm;
    }

    private Map<String, JsonNode> boundedRun(Path farm) throws Exception {
        BinChimera.Result once = BinChimera.run(
                Map.of(),
                START,
                "run",
                "--once",
                "--input",
                farm.toString(),
                "--output",
                root.resolve("once").toString(),
                "--window",
                "5s",
                "--parallelism",
                "2");
        assertEquals(0, once.exit(), once.stderr());
        List<JsonNode> stats = committedStats(root.resolve("once"));
        assertTrue(stats.size() > 100, "the corpus gives statistics: " + stats.size());
        return latest(stats);
    }

    /** Every file of the corpus, as suite folders of a farm: source and place. */
    private static List<Path[]> corpus() throws IOException {
        List<Path[]> artifacts = new ArrayList<>();
        for (Path base : List.of(Corpus.chimera(), Corpus.formats())) {
            try (Stream<Path> files = Files.walk(base)) {
                files.filter(Files::isRegularFile)
                        .filter(f -> !f.getFileName().toString().equals("LICENSE"))
                        .forEach(f -> artifacts.add(new Path[] {f, base.relativize(f)}));
            }
        }
        return artifacts;
    }

    private static void landEach(List<Path[]> artifacts, Path farm, long pauseMillis) throws Exception {
        for (Path[] artifact : artifacts) {
            land(artifact, farm, System.currentTimeMillis());
            Thread.sleep(pauseMillis);
        }
    }

    /** The writer's contract: a hidden copy, its modification time set, renamed into place. */
    private static void land(Path[] artifact, Path farm, long modifiedMillis) throws IOException {
        Path target = farm.resolve(artifact[1].toString());
        Files.createDirectories(target.getParent());
        Path hidden = target.resolveSibling("." + target.getFileName());
        Files.copy(artifact[0], hidden, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(hidden, FileTime.fromMillis(modifiedMillis));
        Files.move(hidden, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<JsonNode> committedStats(Path out) {
        return committed(out, "stats");
    }

    private static List<JsonNode> committed(Path out, String kind) {
        return CommittedOutputs.read(out, kind);
    }

    /** The number of the newest complete checkpoint: numbers go on across restores. */
    private static long latestCheckpoint(Path out) {
        try (Stream<Path> files = Files.walk(out.resolve(".checkpoints"))) {
            return files.filter(f -> f.getFileName().toString().equals("_metadata"))
                    .map(f -> f.getParent().getFileName().toString())
                    .filter(name -> name.startsWith("chk-"))
                    .mapToLong(name -> Long.parseLong(name.substring(4)))
                    .max()
                    .orElse(0);
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** A statistic's series window, without its revision. */
    private static String series(JsonNode stat) {
        return stat.get("suite").asText() + " " + stat.get("windowStart").asText() + " "
                + stat.get("metric").asText()
                + " [" + stat.get("unit").asText() + "] "
                + new TreeMap<>(JSON.convertValue(stat.get("series"), Map.class));
    }

    private static String identity(JsonNode stat) {
        return series(stat) + " revision " + stat.get("revision").asInt();
    }

    /** The latest revision of each series window, its revision number left out. */
    private static Map<String, JsonNode> latest(List<JsonNode> stats) {
        Map<String, JsonNode> latest = stats.stream()
                .collect(Collectors.toMap(
                        StopAndResumeIT::series,
                        Function.identity(),
                        (a, b) -> a.get("revision").asInt() >= b.get("revision").asInt() ? a : b,
                        TreeMap::new));
        latest.replaceAll((key, stat) -> ((ObjectNode) stat.deepCopy()).without("revision"));
        return latest;
    }

    /** Suite and window of each report, as a report's Kafka key names them. */
    private static java.util.SortedSet<String> reportWindows(List<JsonNode> reports) {
        return reports.stream()
                .map(r -> JSON.createArrayNode()
                        .add(r.get("suite").asText())
                        .add(r.get("windowStart").asText())
                        .toString())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static String keyAndRevision(ConsumerRecord<byte[], byte[]> record) {
        return KafkaTopics.key(record) + " revision "
                + new String(record.headers().lastHeader("revision").value(), StandardCharsets.UTF_8);
    }

    private static List<String> duplicates(List<String> ids) {
        return ids.stream()
                .collect(Collectors.groupingBy(id -> id, TreeMap::new, Collectors.counting()))
                .entrySet()
                .stream()
                .filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + " x" + e.getValue())
                .toList();
    }

    private static String output(BinChimera.Running run) {
        try {
            return run.stdout();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void waitFor(BinChimera.Running run, java.util.function.BooleanSupplier condition, String what)
            throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        while (!condition.getAsBoolean()) {
            if (!run.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError((run.isAlive() ? "timed out" : "the run ended") + " waiting for " + what
                        + "\nstdout: " + run.stdout() + "\nstderr: " + tail(run.stderr()));
            }
            Thread.sleep(200);
        }
    }

    private static String tail(String log) {
        return log.substring(Math.max(0, log.length() - 3000));
    }
}
