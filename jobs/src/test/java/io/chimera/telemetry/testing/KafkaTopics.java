package io.chimera.telemetry.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** Reads a whole topic as a consumer with the given isolation level would see it now. */
public final class KafkaTopics {

    private KafkaTopics() {}

    /** A single-node KRaft broker in this JVM, configured for transactions. */
    public static KafkaClusterTestKit startBroker() throws Exception {
        KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                // Retention checked every second from the start, so a test can watch it delete.
                .setConfigProp("log.retention.check.interval.ms", "1000")
                .setConfigProp("log.initial.task.delay.ms", "0")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        return kafka;
    }

    public static List<ConsumerRecord<byte[], byte[]>> read(String bootstrap, String topic, String isolation) {
        Properties client = new Properties();
        client.put("bootstrap.servers", bootstrap);
        return read(client, topic, isolation);
    }

    /** As {@link #read(String, String, String)}, with the client's connection settings (SASL, SSL, ...). */
    public static List<ConsumerRecord<byte[], byte[]>> read(Properties client, String topic, String isolation) {
        Properties properties = new Properties();
        properties.putAll(client);
        properties.put("group.id", "reader-" + UUID.randomUUID());
        properties.put("isolation.level", isolation);
        properties.put("enable.auto.commit", "false");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 5000;
            while (System.currentTimeMillis() < deadline
                    && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The suites of the records: the first element of each key (a JSON array: suite, window, …). */
    public static List<String> keys(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> key(r).get(0).asText()).toList();
    }

    /** A record's key, a JSON array. */
    public static com.fasterxml.jackson.databind.JsonNode key(ConsumerRecord<byte[], byte[]> record) {
        try {
            return JSON.readTree(new String(record.key(), StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("a key that is not JSON: " + new String(record.key(), StandardCharsets.UTF_8));
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
}
