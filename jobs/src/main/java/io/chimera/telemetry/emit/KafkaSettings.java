package io.chimera.telemetry.emit;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where report events, statistics and dead letters go on Kafka, and how.
 *
 * @param bootstrapServers {@code host:port[,host:port]}
 * @param properties passed to the producers as they are (SASL, SSL, …)
 * @param reportsTopic one report event per suite and window
 * @param statsTopic one statistics record per series and window
 * @param deadLettersTopic one record per file that could not be parsed
 * @param alertsTopic one record per regression or improvement
 * @param exactlyOnce transactions committed with each checkpoint; else at least once
 * @param transactionalIdPrefix must be unique per job writing to the same cluster
 * @param transactionTimeout must stay below the broker's {@code transaction.max.timeout.ms} (15 min by default)
 *     and above the checkpoint interval
 */
public record KafkaSettings(
        String bootstrapServers,
        Map<String, String> properties,
        String reportsTopic,
        String statsTopic,
        String deadLettersTopic,
        String alertsTopic,
        boolean exactlyOnce,
        String transactionalIdPrefix,
        Duration transactionTimeout)
        implements Serializable {

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--kafka-bootstrap needs host:port");
        }
        if (exactlyOnce && (transactionalIdPrefix == null || transactionalIdPrefix.isBlank())) {
            throw new IllegalArgumentException("exactly-once delivery needs --kafka-transactional-id-prefix");
        }
        if (transactionTimeout.compareTo(Duration.ofMinutes(15)) >= 0) {
            throw new IllegalArgumentException("--kafka-transaction-timeout must be below the broker's default"
                    + " transaction.max.timeout.ms of 15 min (raise that on the broker first)");
        }
        properties = new TreeMap<>(properties);
        String requestSize = properties.get("max.request.size");
        if (requestSize != null && !requestSize.trim().matches("\\d{5,9}")) {
            throw new IllegalArgumentException("--kafka-property max.request.size needs a number of bytes"
                    + " from 10000 to 999999999, got '" + requestSize + "'");
        }
    }

    /**
     * The largest value a record may have: the producer's {@code max.request.size} (1 MiB unless set) less room
     * for the key, headers and batch framing. A topic must take as much (its {@code max.message.bytes}).
     */
    public int maxValueBytes() {
        String configured = properties.get("max.request.size");
        int request = configured == null ? 1 << 20 : Integer.parseInt(configured.trim());
        return request - 8 * 1024;
    }

    public static KafkaSettings defaults(String bootstrapServers) {
        return new KafkaSettings(
                bootstrapServers,
                Map.of(),
                "chimera.reports",
                "chimera.stats",
                "chimera.dead-letters",
                "chimera.alerts",
                true,
                "chimera-telemetry",
                Duration.ofMinutes(10));
    }

    public KafkaSettings withTopics(String reports, String stats, String deadLetters) {
        return new KafkaSettings(
                bootstrapServers,
                properties,
                reports,
                stats,
                deadLetters,
                alertsTopic,
                exactlyOnce,
                transactionalIdPrefix,
                transactionTimeout);
    }

    public KafkaSettings withTransactionalIdPrefix(String prefix) {
        return new KafkaSettings(
                bootstrapServers,
                properties,
                reportsTopic,
                statsTopic,
                deadLettersTopic,
                alertsTopic,
                exactlyOnce,
                prefix,
                transactionTimeout);
    }
}
