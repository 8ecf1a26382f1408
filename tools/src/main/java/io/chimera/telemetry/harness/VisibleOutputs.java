package io.chimera.telemetry.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.emit.KafkaSettings;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * When a window's numbers become visible to a reader, not just emitted: a summary in a committed part file under
 * {@code summaries/} (the file sinks commit at checkpoints; in-progress part files are hidden), and, with Kafka on,
 * a report a {@code read_committed} consumer can read (transactions commit at checkpoints too). Notes, per run
 * folder named in an inventory, the wall-clock time it was first seen; polls every 100 ms on its own thread.
 */
final class VisibleOutputs implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MILLIS = 100;

    private final Path summaries;
    private final KafkaSettings kafka;
    private final Map<String, Long> inFiles = new ConcurrentHashMap<>();
    private final Map<String, Long> inKafka = new ConcurrentHashMap<>();
    private final Map<Path, Long> readUpTo = new HashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    VisibleOutputs(Path output, KafkaSettings kafka) {
        this.summaries = output.resolve("summaries");
        this.kafka = kafka;
        this.poller = new Thread(this::poll, "visible-outputs");
        poller.setDaemon(true);
        poller.start();
    }

    /** Run folder → when a committed summary listing it was first seen. */
    Map<String, Long> inFiles() {
        return Map.copyOf(inFiles);
    }

    /** Run folder → when a report listing it was first readable by a read_committed consumer; empty without Kafka. */
    Map<String, Long> inKafka() {
        return Map.copyOf(inKafka);
    }

    boolean kafka() {
        return kafka != null;
    }

    private void poll() {
        KafkaConsumer<byte[], byte[]> consumer = kafka == null ? null : consumer();
        try {
            while (running) {
                readCommittedFiles();
                if (consumer != null) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(POLL_MILLIS))) {
                        note(record.value(), inKafka);
                    }
                } else {
                    Thread.sleep(POLL_MILLIS);
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } finally {
            if (consumer != null) {
                consumer.close();
            }
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        properties.putAll(kafka.properties());
        properties.put("group.id", "chimera-bench-" + UUID.randomUUID());
        properties.put("isolation.level", "read_committed");
        properties.put("enable.auto.commit", "false");
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(kafka.reportsTopic()).stream()
                .map(p -> new TopicPartition(kafka.reportsTopic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** New complete lines of committed part files (the sink renames them into view when it commits). */
    private void readCommittedFiles() {
        if (!Files.isDirectory(summaries)) {
            return;
        }
        try (Stream<Path> files = Files.walk(summaries)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .toList()) {
                readNewLines(file);
            }
        } catch (IOException | java.io.UncheckedIOException vanishing) {
            // A part file renamed during the walk: the next poll sees it under its new name.
        }
    }

    private void readNewLines(Path file) throws IOException {
        long from = readUpTo.getOrDefault(file, 0L);
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() <= from) {
                return;
            }
            byte[] bytes = new byte[(int) (in.length() - from)];
            in.seek(from);
            in.readFully(bytes);
            int end = lastNewline(bytes);
            if (end < 0) {
                return;
            }
            for (String line : new String(bytes, 0, end + 1, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    note(line.getBytes(StandardCharsets.UTF_8), inFiles);
                }
            }
            readUpTo.put(file, from + end + 1);
        }
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void note(byte[] json, Map<String, Long> seen) {
        long now = System.currentTimeMillis();
        try {
            JsonNode record = JSON.readTree(json);
            for (JsonNode folder : record.path("inventory").path("folders")) {
                seen.putIfAbsent(folder.asText(), now);
            }
        } catch (IOException notARecord) {
            // Not ours to judge here: the sinks write whole lines.
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(Duration.ofSeconds(10).toMillis());
    }
}
