package io.chimera.telemetry.jobs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.emit.KafkaPreflight;
import io.chimera.telemetry.emit.KafkaSettings;
import io.chimera.telemetry.testing.KafkaTopics;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kafka asked before the job starts: a real broker answers; a closed port or a silent server is named. */
class KafkaPreflightTest {

    private static KafkaClusterTestKit kafka;

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
    void aRunningBrokerPasses() {
        assertDoesNotThrow(
                () -> KafkaPreflight.check(KafkaSettings.defaults(kafka.bootstrapServers()), Duration.ofSeconds(30)));
    }

    @Test
    void aClosedPortIsNamedAtOnce() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        String bootstrap = "127.0.0.1:" + closed;

        KafkaPreflight.Unreachable refused = assertThrows(
                KafkaPreflight.Unreachable.class,
                () -> KafkaPreflight.check(KafkaSettings.defaults(bootstrap), Duration.ofSeconds(30)));

        assertTrue(
                refused.getMessage().startsWith("Kafka at " + bootstrap + " cannot be reached"), refused.getMessage());
    }

    @Test
    void aServerThatIsNoKafkaIsNamedWithinTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            String bootstrap = "127.0.0.1:" + silent.getLocalPort();

            // The check promises an answer within its timeout: it once hung here for good, closing its client.
            KafkaPreflight.Unreachable silence = assertTimeoutPreemptively(
                    Duration.ofSeconds(30),
                    () -> assertThrows(
                            KafkaPreflight.Unreachable.class,
                            () -> KafkaPreflight.check(KafkaSettings.defaults(bootstrap), Duration.ofSeconds(3))));

            assertTrue(
                    silence.getMessage().contains(bootstrap)
                            && silence.getMessage().contains("accepts"),
                    silence.getMessage());
        }
    }

    @Test
    void wrongSecuritySettingsAreNamed() {
        KafkaSettings sasl = new KafkaSettings(
                kafka.bootstrapServers(),
                Map.of(
                        "security.protocol",
                        "SASL_PLAINTEXT",
                        "sasl.mechanism",
                        "PLAIN",
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";"),
                "chimera.reports",
                "chimera.stats",
                "chimera.dead-letters",
                "chimera.alerts",
                true,
                "chimera",
                Duration.ofMinutes(10));

        KafkaPreflight.Unreachable wrong =
                assertThrows(KafkaPreflight.Unreachable.class, () -> KafkaPreflight.check(sasl, Duration.ofSeconds(5)));

        assertTrue(wrong.getMessage().contains("--kafka-property"), wrong.getMessage());
    }
}
