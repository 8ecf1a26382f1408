package io.chimera.telemetry.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.testing.KafkaTopics;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar on a real standalone Flink cluster: one JobManager and two TaskManagers, each its own JVM on
 * 127.0.0.1, started from the Maven-resolved Flink jars the way a distribution's scripts start them. The job is
 * submitted through the REST API as the README says and files stream in. Kafka (read_committed) must hold every
 * expected report exactly once when the TaskManager running the job is killed with SIGKILL, and when the job is
 * stopped with a savepoint and submitted again from it (deploy/README.md has the commands).
 */
class StandaloneClusterIT {

    private static final Path JOBS = Path.of("").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** Long enough to stop a job with a window open: it stays open a window's length after its file is read. */
    private static final Duration SAVEPOINT_WINDOW = Duration.ofSeconds(10);

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
    private final OkHttpClient http =
            new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build();
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
        String topic = startCluster();
        Path watched = Files.createDirectories(root.resolve("watched"));
        String jobId = run(upload(), jobArguments(watched, topic, Duration.ofSeconds(2)), null);
        waitUntilRunning(jobId);

        land(watched, "alpha/run.csv", justLanded(), "gemma3,100");
        waitUntil(() -> suites(read(topic, "read_committed")).contains("alpha"), "alpha's report committed");

        land(watched, "beta/run.csv", justLanded(), "gemma3,110");
        waitUntil(() -> suites(read(topic, "read_uncommitted")).contains("beta"), "beta's report written");
        String busy = busiestTaskManager();
        Process victim = taskManagers.get(busy);
        victim.destroyForcibly();
        victim.waitFor(20, TimeUnit.SECONDS);

        waitUntil(
                () -> get("/jobs/" + jobId)
                                        .path("status-counts")
                                        .path("RUNNING")
                                        .asInt()
                                > 0
                        && restarts(jobId) >= 1,
                "the job restarted on the remaining TaskManager");
        land(watched, "gamma/run.csv", justLanded(), "gemma3,120");
        assertEveryReportCommittedOnce(topic, List.of("alpha", "beta", "gamma"));
    }

    /**
     * {@code flink stop --savepointPath} (no --drain) and {@code flink run -s}, through the REST API as the CLI
     * does. Files land by their modification time into 10 s windows chosen by the test, so that one window is
     * certainly open at the stop: its report must come from the resubmitted job, once, and everything reported
     * before the stop must not come again (a job that ignored the savepoint would read every file again).
     */
    @Test
    void aJobStoppedWithASavepointAndResubmittedFromItLosesAndRepeatsNothing() throws Exception {
        String topic = startCluster();
        Path watched = Files.createDirectories(root.resolve("watched"));
        List<String> arguments = jobArguments(watched, topic, SAVEPOINT_WINDOW);
        String jarId = upload();
        String first = run(jarId, arguments, null);
        waitUntilRunning(first);

        // Landing times well in the past (settled at once), in windows the test picks: alpha and beta at the end
        // of one window, which closes a moment after they are read; gamma at the start of the next one, which then
        // stays open for a whole window after gamma is read: time to stop the job with it open.
        long window = SAVEPOINT_WINDOW.toMillis();
        long closedWindow = (System.currentTimeMillis() - Duration.ofMinutes(2).toMillis()) / window * window;
        long openWindow = closedWindow + window;
        land(watched, "alpha/run.csv", Instant.ofEpochMilli(openWindow - 1000), "gemma3,100");
        land(watched, "beta/run.csv", Instant.ofEpochMilli(openWindow - 900), "gemma3,110");
        waitUntil(
                () -> suites(read(topic, "read_committed")).containsAll(List.of("alpha", "beta")),
                "alpha's and beta's reports committed");
        land(watched, "gamma/run.csv", Instant.ofEpochMilli(openWindow), "gemma3,120");
        waitUntil(() -> filesParsed(first) >= 3, "gamma's file read by the first job");

        String savepoint = stopWithSavepoint(first, root.resolve("savepoints"));
        assertEquals("FINISHED", get("/jobs/" + first).path("state").asText());
        // The stop's savepoint commits what was written: gamma is not there, so its window was open.
        List<ConsumerRecord<byte[], byte[]>> committed = read(topic, "read_committed");
        assertEquals(
                List.of("alpha", "beta"),
                suites(committed).stream().sorted().toList(),
                "committed when the first job stopped (gamma's window still open): " + windowsOf(committed));

        String second = run(jarId, arguments, savepoint);
        waitUntilRunning(second);
        // delta joins gamma's window. The restored watermark goes on from the landing times in the savepoint with
        // the clock, so the window closes at most a window's length after the restart.
        land(watched, "delta/run.csv", Instant.ofEpochMilli(openWindow + window - 1000), "gemma3,130");
        List<String> everySuite = List.of("alpha", "beta", "gamma", "delta");
        assertEveryReportCommittedOnce(topic, everySuite);
        assertEquals(0, restarts(second), "the resubmitted job ran without failing");

        Path stats = root.resolve("out").resolve("stats");
        waitUntil(
                () -> committedStatistics(stats).stream()
                        .map(line -> line.path("suite").asText())
                        .toList()
                        .containsAll(everySuite),
                "every suite's statistics in committed files");
        Map<String, Long> perSeriesWindow = committedStatistics(stats).stream()
                .collect(Collectors.groupingBy(StandaloneClusterIT::statisticsIdentity, Collectors.counting()));
        assertEquals(everySuite.size(), perSeriesWindow.size(), perSeriesWindow.toString());
        assertTrue(
                perSeriesWindow.values().stream().allMatch(n -> n == 1),
                "no statistics line twice: " + perSeriesWindow);
    }

    /** Kafka, a reports topic (returned), and a JobManager with two TaskManagers registered. */
    private String startCluster() throws Exception {
        startKafka();
        String topic = "reports-" + UUID.randomUUID().toString().substring(0, 8);
        createTopics(topic);
        Path config = writeConfig();
        startJobManager(config);
        startTaskManager(config, "tm1");
        startTaskManager(config, "tm2");
        waitUntil(() -> get("/overview").path("taskmanagers").asInt() == 2, "two registered TaskManagers");
        return topic;
    }

    /**
     * Waits for the suites' reports on read_committed, gives duplicates a few checkpoints to show up, then checks
     * that every (key, revision) is there exactly once and no suite is missing.
     */
    private void assertEveryReportCommittedOnce(String topic, List<String> suites) throws InterruptedException {
        waitUntil(() -> suites(read(topic, "read_committed")).containsAll(suites), "every report committed");
        Thread.sleep(3000);

        List<ConsumerRecord<byte[], byte[]>> committed = read(topic, "read_committed");
        Map<String, Long> perSuiteWindow = committed.stream()
                .collect(Collectors.groupingBy(
                        // The key is suite and window; with the revision, what a read_committed consumer must see once.
                        r -> new String(r.key(), StandardCharsets.UTF_8) + " revision "
                                + new String(r.headers().lastHeader("revision").value(), StandardCharsets.UTF_8),
                        Collectors.counting()));
        assertEquals(suites.size(), perSuiteWindow.size(), perSuiteWindow.toString());
        assertTrue(perSuiteWindow.values().stream().allMatch(n -> n == 1), "0 lost, 0 duplicated: " + perSuiteWindow);
        assertEquals(
                suites.stream().sorted().toList(),
                suites(committed).stream().sorted().toList());
    }

    private void startKafka() throws Exception {
        kafka = KafkaTopics.startBroker();
    }

    private void createTopics(String... topics) throws Exception {
        try (Admin admin = Admin.create(kafkaProperties())) {
            admin.createTopics(java.util.Arrays.stream(topics)
                            .map(t -> new NewTopic(t, 1, (short) 1))
                            .toList())
                    .all()
                    .get();
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
        overrides.put("metrics.fetcher.update-interval", "1000");
        overrides.put(
                "execution.checkpointing.dir",
                root.resolve("checkpoints").toUri().toString());
        overrides.put(
                "execution.checkpointing.savepoint-dir",
                root.resolve("savepoints").toUri().toString());
        overrides.put(
                "web.upload.dir",
                Files.createDirectories(root.resolve("uploads")).toString());
        // YAML forbids a key twice: drop the shipped lines that are overridden.
        StringBuilder local = new StringBuilder();
        for (String line : shipped.split("\n")) {
            int colon = line.indexOf(':');
            String key = colon > 0 && !line.startsWith("#")
                    ? line.substring(0, colon).trim()
                    : null;
            if (key == null || !overrides.containsKey(key)) {
                local.append(line).append('\n');
            }
        }
        local.append("\n# Overrides of the standalone-cluster test\n");
        overrides.forEach(
                (key, value) -> local.append(key).append(": ").append(value).append('\n'));
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
        command.addAll(List.of(
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                "--configDir",
                config.toString(),
                "--executionMode",
                "cluster"));
        processes.add(start(command, "jobmanager"));
        waitUntil(() -> get("/overview").has("taskmanagers"), "the JobManager's REST API");
    }

    /** As Flink's taskmanager.sh does: memory flags and settings from BashJavaUtils, then the TaskManagerRunner. */
    private void startTaskManager(Path config, String id) throws Exception {
        List<String> utils = java(config, "bash-java-utils", List.of());
        utils.addAll(List.of(
                "org.apache.flink.runtime.util.bash.BashJavaUtils",
                "GET_TM_RESOURCE_PARAMS",
                "--configDir",
                config.toString()));
        Process resources = new ProcessBuilder(utils).redirectErrorStream(true).start();
        List<String> results = new String(resources.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()))
                .toList();
        resources.waitFor(60, TimeUnit.SECONDS);
        assertEquals(2, results.size(), "BashJavaUtils gave: " + results);
        List<String> command = java(config, id, List.of(results.get(0).trim().split("\\s+")));
        command.addAll(
                List.of("org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "--configDir", config.toString()));
        command.addAll(List.of(results.get(1).trim().split("\\s+")));
        command.addAll(List.of("-D", "taskmanager.resource-id=" + id));
        Process process = start(command, id);
        processes.add(process);
        taskManagers.put(id, process);
    }

    private List<String> java(Path config, String name, List<String> jvmFlags) throws IOException {
        String classpath = Files.readString(JOBS.resolve("target/flink-cluster-classpath.txt"))
                .trim();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JAVA_17_OPENS);
        command.addAll(jvmFlags);
        command.add("-Dlog.file=" + root.resolve(name + ".log"));
        command.add("-Dlog4j.configurationFile="
                + config.resolve("log4j.properties").toUri());
        command.addAll(List.of("-cp", classpath));
        return command;
    }

    private Process start(List<String> command, String name) throws IOException {
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(root.resolve(name + ".out").toFile())
                .start();
    }

    /** The README's REST submission, first half: upload the shaded jar; its id on the cluster. */
    private String upload() throws IOException {
        File jar = Files.list(JOBS.resolve("target"))
                .filter(p -> p.getFileName().toString().endsWith("-job.jar"))
                .findFirst()
                .orElseThrow()
                .toFile();
        RequestBody upload = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart(
                        "jarfile", jar.getName(), RequestBody.create(jar, MediaType.get("application/x-java-archive")))
                .build();
        JsonNode uploaded = call(
                new Request.Builder().url(rest + "/jars/upload").post(upload).build());
        String filename = uploaded.get("filename").asText();
        return filename.substring(filename.lastIndexOf('/') + 1);
    }

    private List<String> jobArguments(Path watched, String topic, Duration window) {
        return List.of(
                "--input",
                watched.toString(),
                "--output",
                root.resolve("out").toString(),
                "--window",
                window.toMillis() + "ms",
                "--out-of-orderness",
                "200ms",
                "--flush-timeout",
                "800ms",
                "--settle-time",
                "300ms",
                "--discovery-interval",
                "200ms",
                "--checkpoint-interval",
                "2s",
                "--parallelism",
                "2",
                "--kafka-bootstrap",
                kafka.bootstrapServers(),
                "--kafka-topic-reports",
                topic,
                "--kafka-transactional-id-prefix",
                "cluster-it-" + topic);
    }

    /**
     * Second half: run the uploaded jar with the cluster entry point; from a savepoint when one is given, as
     * {@code flink run -s <savepoint>} does. The job's id.
     */
    private String run(String jarId, List<String> arguments, String savepoint) throws IOException {
        Map<String, Object> run = new java.util.HashMap<>(Map.of(
                "entryClass",
                "io.chimera.telemetry.jobs.TelemetryJobMain",
                "parallelism",
                2,
                "programArgsList",
                arguments));
        if (savepoint != null) {
            run.put("savepointPath", savepoint);
        }
        JsonNode started = call(new Request.Builder()
                .url(rest + "/jars/" + jarId + "/run")
                .post(RequestBody.create(JSON.writeValueAsString(run), MediaType.get("application/json")))
                .build());
        return started.get("jobid").asText();
    }

    /** The job and every one of its tasks running (no checkpoint is taken before). */
    private void waitUntilRunning(String jobId) throws InterruptedException {
        waitUntil(
                () -> {
                    JsonNode job = get("/jobs/" + jobId);
                    List<String> tasks = new ArrayList<>();
                    job.path("vertices")
                            .forEach(vertex -> tasks.add(vertex.path("status").asText()));
                    return "RUNNING".equals(job.path("state").asText())
                            && !tasks.isEmpty()
                            && tasks.stream().allMatch("RUNNING"::equals);
                },
                "every task of the job running");
    }

    /**
     * As {@code flink stop --savepointPath <folder> <jobId>}: a savepoint, then the job finishes without draining
     * (no end-of-time watermark, so open windows stay open in the savepoint). The savepoint's location.
     */
    private String stopWithSavepoint(String jobId, Path folder) throws Exception {
        String body =
                JSON.writeValueAsString(Map.of("targetDirectory", folder.toUri().toString(), "drain", false));
        JsonNode triggered = call(new Request.Builder()
                .url(rest + "/jobs/" + jobId + "/stop")
                .post(RequestBody.create(body, MediaType.get("application/json")))
                .build());
        String trigger =
                "/jobs/" + jobId + "/savepoints/" + triggered.get("request-id").asText();
        waitUntil(
                () -> "COMPLETED".equals(get(trigger).path("status").path("id").asText()), "the savepoint");
        JsonNode operation = get(trigger).path("operation");
        assertTrue(operation.has("location"), "the stop failed: " + operation);
        List<String> ended = List.of("FINISHED", "CANCELED", "FAILED");
        waitUntil(() -> ended.contains(get("/jobs/" + jobId).path("state").asText()), "the stopped job's end");
        return operation.get("location").asText();
    }

    /** Files the job has parsed, by its own counter (the JobManager fetches metrics every second here). */
    private long filesParsed(String jobId) {
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            if (vertex.path("name").asText().contains("combine-file-values")) {
                String metrics =
                        "/jobs/" + jobId + "/vertices/" + vertex.get("id").asText() + "/subtasks/metrics";
                for (JsonNode metric : get(metrics)) {
                    String id = metric.path("id").asText();
                    if (id.endsWith("chimera.filesParsed")) {
                        return (long) get(metrics + "?agg=sum&get=" + id)
                                .path(0)
                                .path("sum")
                                .asDouble();
                    }
                }
            }
        }
        return 0;
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

    /** Each report's suite, window and revision: what a failure needs to say which report came twice. */
    private static List<String> windowsOf(List<ConsumerRecord<byte[], byte[]>> records) {
        List<String> windows = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                JsonNode report = new ObjectMapper().readTree(record.value());
                windows.add(report.path("suite").asText() + " "
                        + report.path("windowStart").asText() + " revision "
                        + report.path("revision").asText() + " (added " + report.path("revisionAdded") + ", status "
                        + report.path("status").asText() + ") at offset " + record.offset());
            } catch (IOException e) {
                windows.add("unreadable record at offset " + record.offset());
            }
        }
        return windows;
    }

    private static List<String> suites(List<ConsumerRecord<byte[], byte[]>> records) {
        return KafkaTopics.keys(records);
    }

    /** The statistics lines in the committed part files (in-progress files are hidden: their names start with '.'). */
    private static List<JsonNode> committedStatistics(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.walk(folder)) {
            List<JsonNode> lines = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .toList()) {
                for (String line : Files.readAllLines(file)) {
                    lines.add(JSON.readTree(line));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What a statistics line must be the only one of: its series (suite, naming, metric, unit), window, revision. */
    private static String statisticsIdentity(JsonNode line) {
        return String.join(
                " ",
                line.path("suite").asText(),
                line.path("series").toString(),
                line.path("metric").asText(),
                line.path("unit").asText(),
                line.path("windowStart").asText(),
                "revision " + line.path("revision").asText());
    }

    /** A moment ago: settled as soon as the source lists it. */
    private static Instant justLanded() {
        return Instant.now().minusSeconds(2);
    }

    /** A file that lands (written hidden, renamed) with this modification time, which puts it in a window. */
    private static void land(Path root, String relative, Instant landed, String row) throws IOException {
        Path target = root.resolve(relative);
        Files.createDirectories(target.getParent());
        Path hidden = target.resolveSibling("." + target.getFileName());
        Files.writeString(hidden, "timestamp,model,tokens_s\n" + landed + "," + row + "\n");
        Files.setLastModifiedTime(hidden, FileTime.from(landed));
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
                throw new AssertionError(
                        "timed out after " + WAIT.toSeconds() + " s waiting for " + what + "; logs in " + root);
            }
            Thread.sleep(500);
        }
    }
}
