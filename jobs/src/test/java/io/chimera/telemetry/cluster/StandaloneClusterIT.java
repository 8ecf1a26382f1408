package io.chimera.telemetry.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import io.chimera.telemetry.testing.KafkaTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar on a real standalone Flink cluster: one JobManager and two TaskManagers, each its own JVM on
 * 127.0.0.1, started from the Maven-resolved Flink jars the way a distribution's scripts start them. The job is
 * submitted through the REST API as the README says, files stream in, the TaskManager running the job is killed
 * with SIGKILL, and Kafka (read_committed) must hold every expected report exactly once.
 */
class StandaloneClusterIT {

    private static final Path JOBS = Path.of("").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> JAVA_17_OPENS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    /** Kept when the test fails: the cluster's logs are in it. */
    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path root;

    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Process> taskManagers = new java.util.HashMap<>();
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build();
    private KafkaClusterTestKit kafka;
    private String rest;

    @AfterEach
    void stopEverything() throws Exception {
        for (Process process : processes) {
            process.destroyForcibly();
        }
        for (Process process : processes) {
            process.waitFor(20, TimeUnit.SECONDS);
        }
        if (kafka != null) {
            kafka.close();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    void jobSurvivesLosingATaskManagerWithEveryReportOnKafkaExactlyOnce() throws Exception {
        startKafka();
        String topic = "reports-" + UUID.randomUUID().toString().substring(0, 8);
        createTopics(topic);
        Path config = writeConfig();
        startJobManager(config);
        startTaskManager(config, "tm1");
        startTaskManager(config, "tm2");
        waitUntil(() -> get("/overview").path("taskmanagers").asInt() == 2, "two registered TaskManagers");

        Path watched = Files.createDirectories(root.resolve("watched"));
        String jobId = submit(watched, topic);
        waitUntil(() -> "RUNNING".equals(get("/jobs/" + jobId).path("state").asText()), "the job running");

        land(watched, "alpha/run.csv", "model,tokens_s", "gemma3,100");
        waitUntil(() -> suites(read(topic, "read_committed")).contains("alpha"), "alpha's report committed");

        land(watched, "beta/run.csv", "model,tokens_s", "gemma3,110");
        waitUntil(() -> suites(read(topic, "read_uncommitted")).contains("beta"), "beta's report written");
        String busy = busiestTaskManager();
        Process victim = taskManagers.get(busy);
        victim.destroyForcibly();
        victim.waitFor(20, TimeUnit.SECONDS);

        waitUntil(() -> get("/jobs/" + jobId).path("status-counts").path("RUNNING").asInt() > 0
                && restarts(jobId) >= 1, "the job restarted on the remaining TaskManager");
        land(watched, "gamma/run.csv", "model,tokens_s", "gemma3,120");
        waitUntil(() -> suites(read(topic, "read_committed")).containsAll(List.of("alpha", "beta", "gamma")),
                "every report committed after the recovery");
        Thread.sleep(3000);

        List<ConsumerRecord<byte[], byte[]>> committed = read(topic, "read_committed");
        Map<String, Long> perSuiteWindow = committed.stream().collect(Collectors.groupingBy(
                // The key is suite and window; with the revision, what a read_committed consumer must see once.
                r -> new String(r.key(), StandardCharsets.UTF_8) + " revision "
                        + new String(r.headers().lastHeader("revision").value(), StandardCharsets.UTF_8),
                Collectors.counting()));
        assertEquals(3, perSuiteWindow.size(), perSuiteWindow.toString());
        assertTrue(perSuiteWindow.values().stream().allMatch(n -> n == 1), "0 lost, 0 duplicated: " + perSuiteWindow);
        assertEquals(List.of("alpha", "beta", "gamma"), suites(committed).stream().sorted().toList());
    }

    private void startKafka() throws Exception {
        kafka = KafkaTopics.startBroker();
    }

    private void createTopics(String... topics) throws Exception {
        try (Admin admin = Admin.create(kafkaProperties())) {
            admin.createTopics(java.util.Arrays.stream(topics).map(t -> new NewTopic(t, 1, (short) 1)).toList())
                    .all().get();
        }
    }

    /** deploy/flink/config.yaml as shipped, with this machine's ports and folders. */
    private Path writeConfig() throws IOException {
        Path dir = Files.createDirectories(root.resolve("conf"));
        String shipped = Files.readString(JOBS.resolveSibling("deploy").resolve("flink/config.yaml"));
        int restPort = freePort();
        rest = "http://127.0.0.1:" + restPort;
        Map<String, String> overrides = new java.util.LinkedHashMap<>();
        overrides.put("jobmanager.rpc.address", "127.0.0.1");
        overrides.put("jobmanager.rpc.port", String.valueOf(freePort()));
        overrides.put("jobmanager.bind-host", "127.0.0.1");
        overrides.put("taskmanager.bind-host", "127.0.0.1");
        overrides.put("taskmanager.host", "127.0.0.1");
        overrides.put("rest.address", "127.0.0.1");
        overrides.put("rest.bind-address", "127.0.0.1");
        overrides.put("rest.port", String.valueOf(restPort));
        overrides.put("taskmanager.memory.process.size", "1024m");
        overrides.put("jobmanager.memory.process.size", "1024m");
        overrides.put("heartbeat.interval", "2000");
        overrides.put("heartbeat.timeout", "8000");
        overrides.put("restart-strategy.fixed-delay.delay", "2 s");
        overrides.put("execution.checkpointing.dir", root.resolve("checkpoints").toUri().toString());
        overrides.put("execution.checkpointing.savepoint-dir", root.resolve("savepoints").toUri().toString());
        overrides.put("web.upload.dir", Files.createDirectories(root.resolve("uploads")).toString());
        // YAML forbids a key twice: drop the shipped lines that are overridden.
        StringBuilder local = new StringBuilder();
        for (String line : shipped.split("\n")) {
            int colon = line.indexOf(':');
            String key = colon > 0 && !line.startsWith("#") ? line.substring(0, colon).trim() : null;
            if (key == null || !overrides.containsKey(key)) {
                local.append(line).append('\n');
            }
        }
        local.append("\n# Overrides of the standalone-cluster test\n");
        overrides.forEach((key, value) -> local.append(key).append(": ").append(value).append('\n'));
        Files.writeString(dir.resolve("config.yaml"), local.toString());
        Files.writeString(dir.resolve("log4j.properties"), """
                rootLogger.level = INFO
                rootLogger.appenderRef.file.ref = File
                appender.file.name = File
                appender.file.type = File
                appender.file.append = true
                appender.file.fileName = ${sys:log.file}
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n
                """);
        return dir;
    }

    private void startJobManager(Path config) throws IOException, InterruptedException {
        List<String> command = java(config, "jobmanager", List.of("-Xmx512m"));
        command.addAll(List.of("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                "--configDir", config.toString(), "--executionMode", "cluster"));
        processes.add(start(command, "jobmanager"));
        waitUntil(() -> get("/overview").has("taskmanagers"), "the JobManager's REST API");
    }

    /** As Flink's taskmanager.sh does: memory flags and settings from BashJavaUtils, then the TaskManagerRunner. */
    private void startTaskManager(Path config, String id) throws Exception {
        List<String> utils = java(config, "bash-java-utils", List.of());
        utils.addAll(List.of("org.apache.flink.runtime.util.bash.BashJavaUtils", "GET_TM_RESOURCE_PARAMS",
                "--configDir", config.toString()));
        Process resources = new ProcessBuilder(utils).redirectErrorStream(true).start();
        List<String> results = new String(resources.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines().filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length())).toList();
        resources.waitFor(60, TimeUnit.SECONDS);
        assertEquals(2, results.size(), "BashJavaUtils gave: " + results);
        List<String> command = java(config, id, List.of(results.get(0).trim().split("\\s+")));
        command.addAll(List.of("org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "--configDir",
                config.toString()));
        command.addAll(List.of(results.get(1).trim().split("\\s+")));
        command.addAll(List.of("-D", "taskmanager.resource-id=" + id));
        Process process = start(command, id);
        processes.add(process);
        taskManagers.put(id, process);
    }

    private List<String> java(Path config, String name, List<String> jvmFlags) throws IOException {
        String classpath = Files.readString(JOBS.resolve("target/flink-cluster-classpath.txt")).trim();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JAVA_17_OPENS);
        command.addAll(jvmFlags);
        command.add("-Dlog.file=" + root.resolve(name + ".log"));
        command.add("-Dlog4j.configurationFile=" + config.resolve("log4j.properties").toUri());
        command.addAll(List.of("-cp", classpath));
        return command;
    }

    private Process start(List<String> command, String name) throws IOException {
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(root.resolve(name + ".out").toFile())
                .start();
    }

    /** The README's REST submission: upload the shaded jar, then run it with the cluster entry point. */
    private String submit(Path watched, String topic) throws IOException {
        File jar = Files.list(JOBS.resolve("target"))
                .filter(p -> p.getFileName().toString().endsWith("-job.jar"))
                .findFirst().orElseThrow().toFile();
        RequestBody upload = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("jarfile", jar.getName(),
                        RequestBody.create(jar, MediaType.get("application/x-java-archive")))
                .build();
        JsonNode uploaded = call(new Request.Builder().url(rest + "/jars/upload").post(upload).build());
        String filename = uploaded.get("filename").asText();
        String jarId = filename.substring(filename.lastIndexOf('/') + 1);
        Map<String, Object> run = Map.of(
                "entryClass", "io.chimera.telemetry.jobs.TelemetryJobMain",
                "parallelism", 2,
                "programArgsList", List.of(
                        "--input", watched.toString(),
                        "--output", root.resolve("out").toString(),
                        "--window", "2s", "--out-of-orderness", "200ms", "--flush-timeout", "800ms",
                        "--settle-time", "300ms", "--discovery-interval", "200ms", "--checkpoint-interval", "2s",
                        "--parallelism", "2",
                        "--kafka-bootstrap", kafka.bootstrapServers(),
                        "--kafka-topic-reports", topic,
                        "--kafka-transactional-id-prefix", "cluster-it-" + topic));
        JsonNode started = call(new Request.Builder().url(rest + "/jars/" + jarId + "/run")
                .post(RequestBody.create(JSON.writeValueAsString(run), MediaType.get("application/json"))).build());
        return started.get("jobid").asText();
    }

    /** The TaskManager with the fewest free slots: the one running the job's tasks. */
    private String busiestTaskManager() {
        JsonNode list = get("/taskmanagers").get("taskmanagers");
        String busiest = null;
        int fewestFree = Integer.MAX_VALUE;
        for (JsonNode tm : list) {
            if (tm.get("freeSlots").asInt() < fewestFree) {
                fewestFree = tm.get("freeSlots").asInt();
                busiest = tm.get("id").asText();
            }
        }
        return busiest;
    }

    private int restarts(String jobId) {
        JsonNode exceptions = get("/jobs/" + jobId + "/exceptions");
        return exceptions.path("exceptionHistory").path("entries").size();
    }

    private JsonNode get(String path) {
        try {
            return call(new Request.Builder().url(rest + path).get().build());
        } catch (IOException notUpYet) {
            return JSON.createObjectNode();
        }
    }

    private JsonNode call(Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw new IOException(request.url() + ": HTTP " + response.code() + " " + body);
            }
            return JSON.readTree(body);
        }
    }

    private Properties kafkaProperties() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        return properties;
    }

    private List<ConsumerRecord<byte[], byte[]>> read(String topic, String isolation) {
        return KafkaTopics.read(kafka.bootstrapServers(), topic, isolation);
    }

    private static List<String> suites(List<ConsumerRecord<byte[], byte[]>> records) {
        return KafkaTopics.keys(records);
    }

    private static void land(Path root, String relative, String header, String row) throws IOException {
        Instant now = Instant.now();
        Path target = root.resolve(relative);
        Files.createDirectories(target.getParent());
        Path hidden = target.resolveSibling("." + target.getFileName());
        Files.writeString(hidden, "timestamp," + header + "\n" + now + "," + row + "\n");
        Files.setLastModifiedTime(hidden, FileTime.fromMillis(System.currentTimeMillis() - 2_000));
        Files.move(hidden, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for " + what
                        + "; logs in " + root);
            }
            Thread.sleep(500);
        }
    }
}
