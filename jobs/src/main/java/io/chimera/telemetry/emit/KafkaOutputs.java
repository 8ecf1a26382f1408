package io.chimera.telemetry.emit;

import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.SeriesStats;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/** The job's Kafka sinks: report events, window statistics, dead letters, alerts. */
public record KafkaOutputs(
        Sink<Report> reports, Sink<SeriesStats> stats, Sink<DeadLetter> deadLetters, Sink<Alert> alerts) {

    public static KafkaOutputs of(KafkaSettings settings) {
        return new KafkaOutputs(
                sink(settings, KafkaRecords.reports(settings.reportsTopic(), settings.maxValueBytes()), "reports"),
                sink(settings, KafkaRecords.stats(settings.statsTopic()), "stats"),
                sink(settings, KafkaRecords.deadLetters(settings.deadLettersTopic()), "dead-letters"),
                sink(settings, KafkaRecords.alerts(settings.alertsTopic()), "alerts"));
    }

    private static <T> KafkaSink<T> sink(
            KafkaSettings settings, KafkaRecordSerializationSchema<T> records, String kind) {
        var builder = KafkaSink.<T>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setRecordSerializer(records)
                .setDeliveryGuarantee(
                        settings.exactlyOnce() ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                // The connector's default (1 h) exceeds the broker's transaction.max.timeout.ms and fails.
                .setProperty(
                        "transaction.timeout.ms",
                        String.valueOf(settings.transactionTimeout().toMillis()));
        for (Map.Entry<String, String> property : settings.properties().entrySet()) {
            builder.setProperty(property.getKey(), property.getValue());
        }
        if (settings.exactlyOnce()) {
            // One prefix per sink: three sinks of one job must not share transactional ids.
            builder.setTransactionalIdPrefix(settings.transactionalIdPrefix() + "-" + kind);
        }
        return builder.build();
    }
}
