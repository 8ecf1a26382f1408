package io.chimera.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.testing.Corpus;
import io.chimera.telemetry.testing.KafkaTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's secrets reach the services they are for and nothing else. bin/chimera runs with an OpenAI-compatible
 * API key in an environment variable and a Kafka SASL password as a producer property, logging at INFO (Kafka's
 * clients and ours at DEBUG), against a server that checks the key and a SASL_PLAINTEXT KRaft broker that checks
 * the password. Neither secret may appear in the process's output, its log, or any file it writes.
 */
class SecretsStayOutOfOutputIT {

    private static final String KEY_VARIABLE = "CHIMERA_IT_OPENAI_KEY";
    private static final String SASL_PASSWORD = JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD;
    private static final String JAAS_CONFIG = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"" + JaasUtils.KAFKA_PLAIN_ADMIN + "\" password=\"" + SASL_PASSWORD + "\";";

    private static KafkaClusterTestKit kafka;
    private static String previousJaasFile;

    @BeforeAll
    static void startSaslBroker() throws Exception {
        previousJaasFile = System.getProperty("java.security.auth.login.config");
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                        .setBrokerListenerName(new ListenerName("EXTERNAL"))
                        .build())
                // Authentication is what this test needs; the controller's own listener stays unauthenticated.
                .setConfigProp("allow.everyone.if.no.acl.found", "true")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        try (Admin admin = Admin.create(saslClient())) {
            admin.createTopics(List.of(
                            new NewTopic("chimera.reports", 1, (short) 1),
                            new NewTopic("chimera.stats", 1, (short) 1),
                            new NewTopic("chimera.dead-letters", 1, (short) 1),
                            new NewTopic("chimera.alerts", 1, (short) 1)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopSaslBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        // The test kit points the whole JVM at its JAAS file; later tests in this JVM expect none.
        if (previousJaasFile == null) {
            System.clearProperty("java.security.auth.login.config");
        } else {
            System.setProperty("java.security.auth.login.config", previousJaasFile);
        }
    }

    @Test
    void anApiKeyAndASaslPasswordReachTheirServersAndNoLogOrOutput(@TempDir Path work) throws Exception {
        String apiKey = "sk-chimera-it-" + UUID.randomUUID();
        try (MockWebServer openAi = openAiServer(apiKey, new ConcurrentLinkedQueue<>())) {
            Path out = work.resolve("out");

            var result = binChimera(
                    work,
                    Map.of(KEY_VARIABLE, apiKey),
                    "run",
                    "--once",
                    "--input",
                    Corpus.chimera().toString(),
                    "--output",
                    out.toString(),
                    "--web-ui-port",
                    "0",
                    "--llm",
                    "openai",
                    "--llm-url",
                    openAi.url("/v1").toString(),
                    "--llm-model",
                    "gpt-4o-mini",
                    "--llm-api-key-env",
                    KEY_VARIABLE,
                    "--kafka-bootstrap",
                    kafka.bootstrapServers(),
                    "--kafka-property",
                    "security.protocol=SASL_PLAINTEXT",
                    "--kafka-property",
                    "sasl.mechanism=PLAIN",
                    "--kafka-property",
                    "sasl.jaas.config=" + JAAS_CONFIG);

            assertEquals(0, result.exit(), result.stderr());
            List<JsonNode> reports = jsonLines(out.resolve("reports"));
            assertFalse(reports.isEmpty());
            for (JsonNode report : reports) {
                assertEquals("ok", report.get("status").asText(), "the server took the key");
                assertTrue(
                        report.get("narrator").asText().startsWith("openai:"),
                        report.get("narrator").asText());
            }
            List<ConsumerRecord<byte[], byte[]>> published =
                    KafkaTopics.read(saslClient(), "chimera.reports", "read_committed");
            assertEquals(reports.size(), published.size(), "the broker took the password: every report is there");
            assertTrue(
                    result.stderr().contains("DEBUG") && result.stderr().contains("ProducerConfig"),
                    "the run logged verbosely, producer settings included: " + tail(result.stderr()));

            assertNowhere(apiKey, result, out);
            assertNowhere(SASL_PASSWORD, result, out);
            for (ConsumerRecord<byte[], byte[]> record : published) {
                assertFalse(new String(record.value(), StandardCharsets.UTF_8).contains(apiKey));
            }
        }
    }

    @Test
    void aKeyTheServerRefusesAndEchoesIsNotRepeatedInLogsOrReports(@TempDir Path work) throws Exception {
        String wrongKey = "sk-chimera-it-wrong-" + UUID.randomUUID();
        ConcurrentLinkedQueue<String> presented = new ConcurrentLinkedQueue<>();
        try (MockWebServer openAi = openAiServer("sk-the-right-one", presented)) {
            Path out = work.resolve("out");

            var result = binChimera(
                    work,
                    Map.of(KEY_VARIABLE, wrongKey),
                    "run",
                    "--once",
                    "--input",
                    Corpus.chimera().toString(),
                    "--output",
                    out.toString(),
                    "--web-ui-port",
                    "0",
                    "--llm",
                    "openai",
                    "--llm-url",
                    openAi.url("/v1").toString(),
                    "--llm-retries",
                    "0",
                    "--llm-api-key-env",
                    KEY_VARIABLE);

            assertEquals(0, result.exit(), result.stderr());
            assertTrue(presented.contains("Bearer " + wrongKey), "the key was sent: " + presented);
            List<JsonNode> reports = jsonLines(out.resolve("reports"));
            assertFalse(reports.isEmpty());
            for (JsonNode report : reports) {
                assertEquals("llm_error: HTTP 401", report.get("status").asText());
            }
            assertNowhere(wrongKey, result, out);
        }
    }

    /**
     * An OpenAI-compatible server that answers only the given bearer key and, like OpenAI, names the key it
     * refused in its error (here in full, so that a client repeating error bodies would be caught).
     */
    private static MockWebServer openAiServer(String acceptedKey, ConcurrentLinkedQueue<String> presented)
            throws IOException {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String authorization = request.getHeaders().get("Authorization");
                presented.add(String.valueOf(authorization));
                if (!("Bearer " + acceptedKey).equals(authorization)) {
                    String shown = authorization == null ? "none" : authorization.replaceFirst("^Bearer ", "");
                    return new MockResponse.Builder()
                            .code(401)
                            .addHeader("Content-Type", "application/json")
                            .body("{\"error\":{\"message\":\"Incorrect API key provided: " + shown + ".\","
                                    + "\"type\":\"invalid_request_error\",\"param\":null,"
                                    + "\"code\":\"invalid_api_key\"}}")
                            .build();
                }
                boolean stream = request.getBody().utf8().contains("\"stream\":true");
                if (stream) {
                    return new MockResponse.Builder()
                            .code(200)
                            .addHeader("Content-Type", "text/event-stream")
                            .body(sse("The window ran as the statistics show.") + "data: [DONE]\n\n")
                            .build();
                }
                return new MockResponse.Builder()
                        .code(200)
                        .addHeader("Content-Type", "application/json")
                        .body("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini\","
                                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                                + "\"The window ran as the statistics show.\"},\"finish_reason\":\"stop\"}],"
                                + "\"usage\":{\"prompt_tokens\":900,\"completion_tokens\":9,\"total_tokens\":909}}")
                        .build();
            }
        });
        server.start();
        return server;
    }

    private static String sse(String text) {
        StringBuilder events = new StringBuilder();
        for (String word : text.split("(?<= )")) {
            events.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{")
                    .append("\"index\":0,\"delta\":{\"content\":\"")
                    .append(word)
                    .append("\"}}]}\n\n");
        }
        events.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[],")
                .append("\"usage\":{\"prompt_tokens\":900,\"completion_tokens\":8,\"total_tokens\":908}}\n\n");
        return events.toString();
    }

    private static void assertNowhere(String secret, BinChimera.Result result, Path out) throws IOException {
        assertFalse(result.stdout().contains(secret), "a secret on stdout");
        assertFalse(result.stderr().contains(secret), "a secret in the log: " + around(result.stderr(), secret));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertFalse(content.contains(secret), "a secret in " + file + ": " + around(content, secret));
        }
    }

    private static String around(String text, String secret) {
        int at = text.indexOf(secret);
        return at < 0 ? "" : text.substring(Math.max(0, at - 300), Math.min(text.length(), at + 100));
    }

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 2000));
    }

    private static Properties saslClient() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        properties.put("security.protocol", "SASL_PLAINTEXT");
        properties.put("sasl.mechanism", "PLAIN");
        properties.put("sasl.jaas.config", JAAS_CONFIG);
        return properties;
    }

    private static List<JsonNode> jsonLines(Path folder) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    lines.add(json.readTree(line));
                }
            }
        }
        return lines;
    }

    /** bin/chimera with the given environment, logging as a cluster's default configuration does and more. */
    private static BinChimera.Result binChimera(Path work, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Path logConfig = work.resolve("log4j2-verbose.properties");
        Files.writeString(
                logConfig,
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.console.ref = Console",
                        "logger.chimera.name = io.chimera.telemetry",
                        "logger.chimera.level = DEBUG",
                        "logger.kafka.name = org.apache.kafka.clients",
                        "logger.kafka.level = DEBUG",
                        "logger.okhttp.name = okhttp3",
                        "logger.okhttp.level = DEBUG",
                        "appender.console.name = Console",
                        "appender.console.type = Console",
                        "appender.console.target = SYSTEM_ERR",
                        "appender.console.layout.type = PatternLayout",
                        "appender.console.layout.pattern = %d{HH:mm:ss} %-5p %c{1} - %m%n",
                        ""));
        Map<String, String> withLogging = new java.util.HashMap<>(environment);
        withLogging.put("CHIMERA_JAVA_OPTS", "-Dlog4j.configurationFile=" + logConfig);
        return BinChimera.run(withLogging, Duration.ofSeconds(180), args);
    }
}
