package io.chimera.telemetry.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The job's own metrics, scraped from Flink's Prometheus reporter while the job runs. */
class PrometheusMetricsTest {

    private static final int FIRST_PORT = 9271;
    private static final int LAST_PORT = 9279;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(() -> {
        Configuration config = new Configuration();
        config.setString(
                "metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        config.setString("metrics.reporter.prom.port", FIRST_PORT + "-" + LAST_PORT);
        return new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(config)
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(2)
                .build();
    });

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void countsFilesEventsWindowsReportsAndGroundingWhileTheJobRuns(@TempDir Path root) throws Exception {
        Path watched = Files.createDirectories(root.resolve("watched"));
        JobSettings settings = TestSettings.watching(watched, root.resolve("out"))
                .set(JobOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(1))
                .settings();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Pipelines.configure(env, settings);
        Pipelines.telemetryJob(settings).build(env);
        JobClient job = env.executeAsync("metrics");
        try {
            // Everything in one 2 s window, the empty file's modification time included (it has no event time).
            long earlier = System.currentTimeMillis() - 2000;
            Instant time = Instant.ofEpochMilli(earlier - earlier % 2000 + 100);
            land(
                    watched,
                    "llm/run-1.csv",
                    "timestamp,model,tokens_s\n" + time + ",gemma3,100\n" + time + ",gemma3,110\n" + time
                            + ",gemma3,120\n",
                    time);
            land(watched, "llm/run-2.csv", "timestamp,model,tokens_s,error\n" + time + ",gemma3,0,refused\n", time);
            land(watched, "llm/broken.json", "", time);

            waitUntil(() -> value(scrape(), "chimera_reports") >= 1);
            String metrics = scrape();
            // For people: what the dashboard and Prometheus see of the job.
            Files.writeString(Path.of("target/prometheus-scrape.txt"), metrics);

            assertEquals(3, value(metrics, "chimera_filesDiscovered"), metrics);
            assertEquals(2, value(metrics, "chimera_filesParsed"));
            assertEquals(
                    1,
                    value(metrics, "chimera_reason_filesDeadLettered", "reason=\"empty\""),
                    "dead letters are counted by reason class");
            assertEquals(-1, value(metrics, "chimera_reason_filesDeadLettered", "reason=\"malformed\""));
            assertEquals(4, value(metrics, "chimera_metricEvents"), "three values plus one failed row's");
            assertEquals(1, value(metrics, "chimera_failedRows"));
            assertEquals(1, value(metrics, "chimera_seriesWindowsClosed"));
            assertEquals(1, value(metrics, "chimera_summaryWindowsClosed"));
            assertEquals(1, value(metrics, "chimera_reports"));
            assertEquals(1, value(metrics, "chimera_builtinReports"));
            assertEquals(0, value(metrics, "chimera_llmFallbacks"));
            assertEquals(1.0, value(metrics, "chimera_groundingRatio"), "the built-in narrative is fully grounded");
            assertEquals(0, value(metrics, "chimera_tooLateValues"));
            assertEquals(0, value(metrics, "chimera_seriesWindowRevisions"));
            assertEquals(0, value(metrics, "chimera_summaryWindowRevisions"));
            assertEquals(0, value(metrics, "chimera_regressions"));
        } finally {
            job.cancel().get();
        }
    }

    /** Every reporter in the range: the MiniCluster's JobManager and TaskManager each take one port. */
    private String scrape() {
        StringBuilder all = new StringBuilder();
        for (int port = FIRST_PORT; port <= LAST_PORT; port++) {
            try {
                all.append(http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                        .timeout(Duration.ofSeconds(2))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
            } catch (IOException | InterruptedException nothingThere) {
                // not a reporter's port
            }
        }
        return all.toString();
    }

    /**
     * The sum of a job metric over its series: {@code flink_taskmanager_job_task_operator_<name>} (reason
     * groups become part of the name as the reporter writes key/value groups), -1 when absent.
     */
    private static double value(String metrics, String name) {
        return value(metrics, name, "");
    }

    /** The same, over the series whose labels contain {@code label} ({@code reason="empty"}). */
    private static double value(String metrics, String name, String label) {
        Pattern line = Pattern.compile(
                "^flink_taskmanager_job_task_operator_" + Pattern.quote(name) + "(?:\\{[^}]*" + Pattern.quote(label)
                        + "[^}]*})? (\\S+)$",
                Pattern.MULTILINE);
        Matcher matcher = line.matcher(metrics);
        double sum = 0;
        boolean found = false;
        while (matcher.find()) {
            sum += Double.parseDouble(matcher.group(1));
            found = true;
        }
        return found ? sum : -1;
    }

    private static void land(Path root, String relative, String content, Instant modified) throws IOException {
        Path target = root.resolve(relative);
        Files.createDirectories(target.getParent());
        Path hidden = target.resolveSibling("." + target.getFileName());
        Files.writeString(hidden, content);
        Files.setLastModifiedTime(hidden, FileTime.from(modified));
        Files.move(hidden, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no report counted within 60 s");
            }
            Thread.sleep(300);
        }
    }
}
