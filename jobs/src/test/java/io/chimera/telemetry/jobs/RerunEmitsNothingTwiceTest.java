package io.chimera.telemetry.jobs;

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
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running the same bounded command again over the same input and output emits nothing it emitted before, to the
 * files or to Kafka; after new and changed files, only the windows they touch go out again, as new revisions, and
 * the latest revision of everything equals a first run over all the files. On the real corpus, with the production
 * sinks (file part files and Kafka transactions).
 */
class RerunEmitsNothingTwiceTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OUTPUTS = List.of("stats", "summaries", "reports", "dead-letters", "alerts");
    private static final long HOUR_AGO = System.currentTimeMillis() / 60_000 * 60_000 - 3_600_000;

    private static KafkaClusterTestKit kafka;

    @TempDir
    Path root;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaTopics.startBroker();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void aRerunEmitsOnlyWhatNewAndChangedFilesChange() throws Exception {
        Path farm = Files.createDirectories(root.resolve("farm"));
        List<Path> files = corpusInto(farm);
        Path out = root.resolve("out");
        String suffix = UUID.randomUUID().toString().substring(0, 8);

        run(farm, out, suffix);
        Map<String, Integer> first = lineCounts(out);
        int firstSummaries = committed(out, "summaries").size();
        Map<String, Integer> kafkaFirst = kafkaCounts(suffix);
        assertTrue(first.get("stats") > 1000 && firstSummaries > 10 && first.get("dead-letters") > 0, "" + first);
        assertEquals(first, kafkaFirst, "Kafka holds what the files hold");

        run(farm, out, suffix);
        assertEquals(first, lineCounts(out), "the same command again: nothing emitted to the files");
        assertEquals(firstSummaries, committed(out, "summaries").size());
        assertEquals(kafkaFirst, kafkaCounts(suffix), "nor to Kafka");

        // A copy landing in an existing window with its old time kept, a changed file, a run in a new window.
        Path copied = files.get(3);
        Path copy = copied.resolveSibling("again-" + copied.getFileName());
        Files.copy(copied, copy);
        Path sameSuite = files.stream()
                .filter(f -> farm.relativize(f)
                                .getName(0)
                                .equals(farm.relativize(copied).getName(0))
                        && !modified(f).equals(modified(copied)))
                .findFirst()
                .orElseThrow();
        Files.setLastModifiedTime(copy, modified(sameSuite));
        Path changed = files.stream()
                .filter(f -> f.toString().endsWith(".csv"))
                .findFirst()
                .orElseThrow();
        FileTime changedTime = Files.getLastModifiedTime(changed);
        // Rewritten with one more row: its last test run again.
        List<String> lines = new ArrayList<>(Files.readAllLines(changed, StandardCharsets.UTF_8));
        lines.add(lines.get(lines.size() - 1));
        Files.write(changed, lines, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(changed, changedTime);
        Path fresh = farm.resolve(farm.relativize(copied).getName(0)).resolve("fresh-run.csv");
        Files.writeString(fresh, "model,tokens_s\ngemma3,42.5\n");
        Files.setLastModifiedTime(fresh, FileTime.fromMillis(HOUR_AGO + 50 * 60_000));
        run(farm, out, suffix);

        List<JsonNode> summaries = committed(out, "summaries");
        List<JsonNode> third = summaries.subList(firstSummaries, summaries.size());
        Map<String, Integer> revisedWindows = third.stream()
                .collect(Collectors.toMap(
                        s -> s.get("suite").asText() + " "
                                + s.get("windowStart").asText(),
                        s -> s.get("revision").asInt()));
        assertEquals(1, revisedWindows.get(window(farm, copy)), "the copy's window, revised: " + revisedWindows);
        assertEquals(1, revisedWindows.get(window(farm, changed)), "the changed file's window, revised");
        assertEquals(0, revisedWindows.get(window(farm, fresh)), "the new run's window, first reported");
        assertTrue(
                third.size() < firstSummaries / 2,
                "only windows the files touched (and the windows" + " compared with them) again: "
                        + revisedWindows.keySet());

        Path once = root.resolve("once");
        run(farm, once, null);
        for (String kind : List.of("stats", "summaries")) {
            Map<String, JsonNode> expected = latest(committed(once, kind));
            Map<String, JsonNode> actual = latest(committed(out, kind));
            assertEquals(List.of(), difference(expected.keySet(), actual.keySet()), kind + ": only in the first run");
            assertEquals(List.of(), difference(actual.keySet(), expected.keySet()), kind + ": only in the reruns");
            List<String> different = expected.keySet().stream()
                    .filter(key -> !expected.get(key).equals(actual.get(key)))
                    .toList();
            assertEquals(List.of(), different, kind + ": the latest revisions equal a first run over all the files");
        }
        for (String kind : OUTPUTS) {
            List<String> ids = committed(out, kind).stream()
                    .map(RerunEmitsNothingTwiceTest::identity)
                    .toList();
            assertEquals(ids.size(), ids.stream().distinct().count(), kind + ": a record twice");
        }
        assertEquals(lineCounts(out), kafkaCounts(suffix), "Kafka holds what the files hold, after three runs");
    }

    private static void run(Path farm, Path out, String kafkaSuffix) throws Exception {
        List<String> args = new ArrayList<>(
                List.of("--once", "--input", farm.toString(), "--output", out.toString(), "--parallelism", "2"));
        if (kafkaSuffix != null) {
            args.addAll(List.of(
                    "--kafka-bootstrap",
                    kafka.bootstrapServers(),
                    "--kafka-transactional-id-prefix",
                    "rerun-" + kafkaSuffix,
                    "--kafka-topic-reports",
                    "reports-" + kafkaSuffix,
                    "--kafka-topic-stats",
                    "stats-" + kafkaSuffix,
                    "--kafka-topic-alerts",
                    "alerts-" + kafkaSuffix,
                    "--kafka-topic-dead-letters",
                    "dead-letters-" + kafkaSuffix));
        }
        JobSettings settings = JobArguments.parse(args.toArray(String[]::new));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Pipelines.configure(env, settings);
        Pipelines.telemetryJob(settings).execute(env, "rerun");
    }

    /** The corpus as a farm whose files landed over the last hour, a minute window apart in threes. */
    private static List<Path> corpusInto(Path farm) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path base : List.of(Corpus.chimera(), Corpus.formats())) {
            try (Stream<Path> walk = Files.walk(base)) {
                for (Path source : walk.filter(Files::isRegularFile)
                        .filter(f -> !f.getFileName().toString().equals("LICENSE"))
                        .sorted()
                        .toList()) {
                    // The corpus' folders become the farm's suites.
                    Path target = farm.resolve(base.relativize(source).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target);
                    Files.setLastModifiedTime(target, FileTime.fromMillis(HOUR_AGO + files.size() / 3 * 60_000L));
                    files.add(target);
                }
            }
        }
        return files;
    }

    /** The suite and window a file landed in, as summaries name them. */
    private static String window(Path farm, Path file) throws IOException {
        long time = Files.getLastModifiedTime(file).toMillis();
        return farm.relativize(file).getName(0) + " " + java.time.Instant.ofEpochMilli(time - time % 60_000);
    }

    private static Map<String, Integer> lineCounts(Path out) {
        Map<String, Integer> counts = new TreeMap<>();
        OUTPUTS.stream()
                .filter(kind -> !kind.equals("summaries"))
                .forEach(kind -> counts.put(kind, committed(out, kind).size()));
        return counts;
    }

    private static Map<String, Integer> kafkaCounts(String suffix) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String kind : List.of("stats", "reports", "dead-letters", "alerts")) {
            List<ConsumerRecord<byte[], byte[]>> records =
                    KafkaTopics.read(kafka.bootstrapServers(), kind + "-" + suffix, "read_committed");
            counts.put(kind, records.size());
        }
        return counts;
    }

    private static List<JsonNode> committed(Path out, String kind) {
        return CommittedOutputs.read(out, kind);
    }

    private static List<String> difference(java.util.Set<String> a, java.util.Set<String> b) {
        return a.stream().filter(key -> !b.contains(key)).toList();
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a record is across revisions, and its revision. */
    private static String identity(JsonNode record) {
        return key(record) + " revision " + record.path("revision").asInt();
    }

    private static String key(JsonNode record) {
        return record.path("suite").asText() + " " + record.path("windowStart").asText() + " "
                + record.path("metric").asText() + " " + record.path("unit").asText() + " "
                + (record.path("series").isObject()
                        ? new TreeMap<>(JSON.convertValue(record.path("series"), Map.class))
                        : "")
                + " "
                + record.path("sourcePath").asText();
    }

    /** The highest revision of each record, its revisions left out. */
    private static Map<String, JsonNode> latest(List<JsonNode> records) {
        Map<String, JsonNode> latest = records.stream()
                .collect(Collectors.toMap(
                        RerunEmitsNothingTwiceTest::key,
                        Function.identity(),
                        (a, b) ->
                                a.path("revision").asInt() >= b.path("revision").asInt() ? a : b,
                        TreeMap::new));
        latest.replaceAll((key, record) -> withoutRevisions(record.deepCopy()));
        return latest;
    }

    private static JsonNode withoutRevisions(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("revision");
            object.forEach(RerunEmitsNothingTwiceTest::withoutRevisions);
        } else if (node.isArray()) {
            node.forEach(RerunEmitsNothingTwiceTest::withoutRevisions);
        }
        return node;
    }
}
