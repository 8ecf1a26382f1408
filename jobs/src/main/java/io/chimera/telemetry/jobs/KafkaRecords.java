package io.chimera.telemetry.jobs;

import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.render.JsonEncoding;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A record as a Kafka record: JSON value with a schema version, the suite as key (one suite's records stay in
 * order on one partition), and the window's bounds as headers.
 */
public final class KafkaRecords<T> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final SerializableFunction<T, String> suite;
    private final SerializableFunction<T, String> windowStart;
    private final SerializableFunction<T, String> windowEnd;

    private KafkaRecords(String topic, SerializableFunction<T, String> suite,
            SerializableFunction<T, String> windowStart, SerializableFunction<T, String> windowEnd) {
        this.topic = topic;
        this.suite = suite;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
    }

    public static KafkaRecords<Report> reports(String topic) {
        return new KafkaRecords<>(topic, r -> r.suite, r -> r.windowStart, r -> r.windowEnd);
    }

    public static KafkaRecords<SeriesStats> stats(String topic) {
        return new KafkaRecords<>(topic, s -> s.suite, s -> s.windowStart, s -> s.windowEnd);
    }

    public static KafkaRecords<Alert> alerts(String topic) {
        return new KafkaRecords<>(topic, a -> a.suite, a -> a.windowStart, a -> a.windowEnd);
    }

    public static KafkaRecords<DeadLetter> deadLetters(String topic) {
        return new KafkaRecords<>(topic, d -> d.suite, d -> null, d -> null);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, timestamp,
                suite.apply(element).getBytes(StandardCharsets.UTF_8), JsonEncoding.versioned(element));
        header(record, "windowStart", windowStart.apply(element));
        header(record, "windowEnd", windowEnd.apply(element));
        header(record, "schemaVersion", String.valueOf(JsonEncoding.SCHEMA_VERSION));
        return record;
    }

    private static void header(ProducerRecord<byte[], byte[]> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A function Flink can ship to the task managers. */
    public interface SerializableFunction<A, B> extends Function<A, B>, java.io.Serializable {}
}
