package io.chimera.telemetry.emit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.render.JsonEncoding;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;

/**
 * A record as a Kafka record: JSON value with a schema version; as key, what identifies the record across its
 * revisions (suite and window, plus the series for statistics and alerts, a JSON array), so a compacted topic
 * or any consumer keeps the latest revision; the window's bounds and the revision as headers. The partition is
 * chosen by the suite alone, as Kafka's default partitioner would for a key of just the suite: one suite's
 * records stay in order on one partition. The record's timestamp is when it was written.
 */
public final class KafkaRecords<T> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String topic;
    private final SerializableFunction<T, String> suite;
    private final SerializableFunction<T, String> key;
    private final SerializableFunction<T, String> windowStart;
    private final SerializableFunction<T, String> windowEnd;
    private final SerializableFunction<T, Integer> revision;
    private final SerializableFunction<T, byte[]> value;

    private KafkaRecords(
            String topic,
            SerializableFunction<T, String> suite,
            SerializableFunction<T, String> key,
            SerializableFunction<T, String> windowStart,
            SerializableFunction<T, String> windowEnd,
            SerializableFunction<T, Integer> revision) {
        this(topic, suite, key, windowStart, windowEnd, revision, JsonEncoding::versioned);
    }

    private KafkaRecords(
            String topic,
            SerializableFunction<T, String> suite,
            SerializableFunction<T, String> key,
            SerializableFunction<T, String> windowStart,
            SerializableFunction<T, String> windowEnd,
            SerializableFunction<T, Integer> revision,
            SerializableFunction<T, byte[]> value) {
        this.topic = topic;
        this.value = value;
        this.suite = suite;
        this.key = key;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.revision = revision;
    }

    /** Report events of at most {@code maxValueBytes} (see {@link JsonEncoding#reportEvent}). */
    public static KafkaRecords<Report> reports(String topic, int maxValueBytes) {
        return new KafkaRecords<>(
                topic,
                r -> r.suite,
                r -> key(r.suite, r.windowStart),
                r -> r.windowStart,
                r -> r.windowEnd,
                r -> r.revision,
                r -> JsonEncoding.reportEvent(r, maxValueBytes));
    }

    public static KafkaRecords<SeriesStats> stats(String topic) {
        return new KafkaRecords<>(
                topic,
                s -> s.suite,
                s -> seriesKey(s.suite, s.windowStart, s.metric, s.unit, s.series),
                s -> s.windowStart,
                s -> s.windowEnd,
                s -> s.revision);
    }

    public static KafkaRecords<Alert> alerts(String topic) {
        return new KafkaRecords<>(
                topic,
                a -> a.suite,
                a -> seriesKey(a.suite, a.windowStart, a.metric, a.unit, a.series),
                a -> a.windowStart,
                a -> a.windowEnd,
                a -> a.revision);
    }

    public static KafkaRecords<DeadLetter> deadLetters(String topic) {
        return new KafkaRecords<>(
                topic, d -> d.suite, d -> key(d.suite, d.sourcePath), d -> null, d -> null, d -> null);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        String suiteName = suite.apply(element);
        int[] partitions = context.getPartitionsForTopic(topic);
        Integer partition = partitions == null || partitions.length == 0
                ? null
                : partitions[
                        Utils.toPositive(Utils.murmur2(suiteName.getBytes(StandardCharsets.UTF_8)))
                                % partitions.length];
        // No timestamp of ours: the producer stamps the time of writing. The element's Flink timestamp is event
        // time (a window's, or a revision's watermark) and would make the broker's retention delete fresh reports
        // of old windows; after a restore it can even be before 1970, which Kafka refuses.
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                topic, partition, null, key.apply(element).getBytes(StandardCharsets.UTF_8), value.apply(element));
        header(record, "windowStart", windowStart.apply(element));
        header(record, "windowEnd", windowEnd.apply(element));
        Integer number = revision.apply(element);
        header(record, "revision", number == null ? null : String.valueOf(number));
        header(record, "schemaVersion", String.valueOf(JsonEncoding.SCHEMA_VERSION));
        return record;
    }

    /** {@code ["suite","2026-11-20T09:07:00Z"]}. */
    static String key(String... parts) {
        ArrayNode array = MAPPER.createArrayNode();
        for (String part : parts) {
            array.add(part);
        }
        return array.toString();
    }

    /** {@code ["suite","2026-11-20T09:07:00Z","tokens_s","tok/s",{"model":"gemma3"}]}. */
    static String seriesKey(String suite, String windowStart, String metric, String unit, Map<String, String> series) {
        ArrayNode array = MAPPER.createArrayNode();
        array.add(suite);
        array.add(windowStart);
        array.add(metric);
        array.add(unit);
        var dimensions = array.addObject();
        new TreeMap<>(series).forEach(dimensions::put);
        return array.toString();
    }

    private static void header(ProducerRecord<byte[], byte[]> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A function Flink can ship to the task managers. */
    public interface SerializableFunction<A, B> extends Function<A, B>, java.io.Serializable {}
}
