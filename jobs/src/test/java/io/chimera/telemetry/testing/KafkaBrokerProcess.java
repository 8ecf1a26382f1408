package io.chimera.telemetry.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * A single-node KRaft broker as a process of its own, on fixed ports and a data folder of its own, so a test can
 * take it away (SIGTERM) and bring the same broker back, its topics and transactions as they were.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final Path folder;
    private final int port;
    private Process process;
    private int starts;

    private KafkaBrokerProcess(Path folder, int port) {
        this.folder = folder;
        this.port = port;
    }

    /** Formats a new broker's storage in the folder; not started yet. */
    public static KafkaBrokerProcess format(Path folder) throws Exception {
        Files.createDirectories(folder);
        int port = freePort();
        int controller = freePort();
        Files.writeString(
                folder.resolve("server.properties"),
                String.join(
                                "\n",
                                "process.roles=broker,controller",
                                "node.id=1",
                                "controller.quorum.voters=1@127.0.0.1:" + controller,
                                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                                "controller.listener.names=CONTROLLER",
                                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                                "inter.broker.listener.name=PLAINTEXT",
                                "log.dirs=" + folder.resolve("data"),
                                "offsets.topic.replication.factor=1",
                                "transaction.state.log.replication.factor=1",
                                "transaction.state.log.min.isr=1",
                                "group.initial.rebalance.delay.ms=0",
                                "num.partitions=1",
                                "")
                        + "\n");
        Process format = javaIn(
                folder,
                "format",
                "kafka.tools.StorageTool",
                "format",
                "-t",
                UUID.randomUUID().toString().replace("-", "").substring(0, 22),
                "-c",
                folder.resolve("server.properties").toString());
        if (!format.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IllegalStateException(
                    "formatting the broker's storage failed: " + Files.readString(folder.resolve("format.log")));
        }
        return new KafkaBrokerProcess(folder, port);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker and waits until it answers. */
    public void start() throws Exception {
        starts++;
        process = javaIn(
                folder,
                "broker-" + starts,
                "kafka.Kafka",
                folder.resolve("server.properties").toString());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try (Admin admin = Admin.create(Map.of(
                    "bootstrap.servers",
                    bootstrapServers(),
                    "request.timeout.ms",
                    "2000",
                    "default.api.timeout.ms",
                    "3000"))) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the broker did not start; its log: " + folder.resolve("broker-" + starts + ".log"),
                            notYet);
                }
                Thread.sleep(300);
            }
        }
    }

    /** SIGTERM, as a service manager stops it; returns once the process is gone. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static Process javaIn(Path folder, String log, String main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                main));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve(log + ".log").toFile())
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
