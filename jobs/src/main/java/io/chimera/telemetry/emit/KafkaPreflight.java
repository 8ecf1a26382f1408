package io.chimera.telemetry.emit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * Before a local run writes to Kafka: does the cluster answer? A job started against a broker that is not there
 * otherwise fails only when its first transaction times out, a minute later, after a warning a second from the
 * client's reconnects, with a message about InitProducerId. First a plain TCP connection to each bootstrap
 * address (no client, so no warnings), then the cluster's metadata with the job's own producer settings (SASL,
 * SSL), so that a wrong password or protocol is named too.
 */
public final class KafkaPreflight {

    private KafkaPreflight() {}

    /** Why Kafka cannot be used, for the command line to say; the job does not start. */
    public static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message);
        }
    }

    public static void check(KafkaSettings kafka, Duration timeout) throws Unreachable {
        List<String> refused = new ArrayList<>();
        boolean anyOpen = false;
        for (String address : kafka.bootstrapServers().split(",")) {
            String trimmed = address.trim();
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0) {
                throw new Unreachable("--kafka-bootstrap needs host:port, got '" + trimmed + "'");
            }
            try (Socket socket = new Socket()) {
                socket.connect(
                        new InetSocketAddress(
                                trimmed.substring(0, colon), Integer.parseInt(trimmed.substring(colon + 1))),
                        (int) Math.min(timeout.toMillis(), 10_000));
                anyOpen = true;
            } catch (IOException | IllegalArgumentException e) {
                refused.add(trimmed + " (" + e.getMessage() + ")");
            }
        }
        if (!anyOpen) {
            throw new Unreachable("Kafka at " + kafka.bootstrapServers() + " cannot be reached: "
                    + String.join(", ", refused) + ". Is the broker running, and is --kafka-bootstrap right?");
        }
        Properties properties = new Properties();
        properties.putAll(kafka.properties());
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        properties.put("default.api.timeout.ms", String.valueOf(timeout.toMillis()));
        properties.put("request.timeout.ms", String.valueOf(Math.min(timeout.toMillis(), 15_000)));
        properties.put("client.id", "chimera-telemetry-preflight");
        Admin admin = null;
        try {
            admin = Admin.create(properties);
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new Unreachable("Kafka at " + kafka.bootstrapServers() + " accepts connections but does not answer"
                    + " as a Kafka cluster with these settings: " + e.getCause().getMessage()
                    + ". Check --kafka-property (security.protocol, sasl.*, ssl.*).");
        } catch (TimeoutException e) {
            throw new Unreachable("Kafka at " + kafka.bootstrapServers() + " accepts connections but gave no cluster"
                    + " metadata within " + timeout.toSeconds() + " s. Check --kafka-property (security.protocol,"
                    + " sasl.*, ssl.*) and that it is a Kafka broker.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while asking Kafka at " + kafka.bootstrapServers());
        } catch (RuntimeException e) {
            throw new Unreachable(
                    "Kafka at " + kafka.bootstrapServers() + " cannot be used with these settings: " + e.getMessage());
        } finally {
            if (admin != null) {
                // close() alone waits for the calls under way without end: against a server that is no Kafka, it
                // hung the check (and a test) for good.
                admin.close(Duration.ofSeconds(1));
            }
        }
    }
}
