package io.chimera.telemetry.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelinesTest {

    @Test
    void aLocalContinuousRunCheckpointsToDiskBesideItsOutputs(@TempDir Path root) {
        StreamExecutionEnvironment env = Pipelines.localEnvironment(
                TestSettings.over(root.resolve("out"), root).settings());

        // The JobManager's in-memory storage would refuse revisable windows' state past 5 MB.
        assertEquals("filesystem", env.getConfiguration().get(CheckpointingOptions.CHECKPOINT_STORAGE));
        assertEquals(
                root.resolve("out").resolve(RunFolder.CHECKPOINTS).toUri().toString(),
                env.getConfiguration().get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
        assertTrue(env.getCheckpointConfig().isCheckpointingEnabled());
        // Days of revisable windows: on disk, and each checkpoint writes only what changed.
        assertEquals("rocksdb", env.getConfiguration().get(StateBackendOptions.STATE_BACKEND));
        assertTrue(env.getConfiguration().get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS));
    }

    @Test
    void aLocalRunListensOnLoopbackOnlyAndTakesNoJars(@TempDir Path root) throws Exception {
        try (LocalRun run = LocalRun.start(root, JobSettings.LOOPBACK)) {
            assertFalse(run.opened.isEmpty(), "the dashboard at least");
            assertTrue(run.opened.stream().allMatch(ListeningSockets::isLoopback), "listening on " + run.opened);
            assertTrue(run.config.contains("\"web-submit\":false"), run.config);
            assertRefusesAJar(run.port);
        }
    }

    @Test
    void webUiBindOpensAReadOnlyDashboardAndKeepsTheRestApiOnLoopback(@TempDir Path root) throws Exception {
        try (LocalRun run = LocalRun.start(root, "0.0.0.0")) {
            List<String> open = run.opened.stream()
                    .filter(s -> !ListeningSockets.isLoopback(s))
                    .toList();

            assertEquals(1, open.size(), "listening on " + run.opened);
            assertTrue(open.get(0).endsWith(":" + run.port), "only the dashboard is open: " + open);
            assertTrue(run.config.contains("\"flink-version\""), "the dashboard reads through: " + run.config);
            assertTrue(get("http://127.0.0.1:" + run.port + "/jobs/overview").contains("\"RUNNING\""));
            assertRefusesAJar(run.port);
            // Flink's REST API takes a job graph with jars here whatever web.submit.enable says.
            assertEquals(405, send("POST", "http://127.0.0.1:" + run.port + "/jobs", "{}"));
            assertEquals(
                    405,
                    send("PATCH", "http://127.0.0.1:" + run.port + "/jobs/" + run.job.getJobID() + "?mode=cancel", ""));
            assertEquals(
                    405, send("POST", "http://127.0.0.1:" + run.port + "/jobs/" + run.job.getJobID() + "/stop", "{}"));
            assertEquals(JobStatus.RUNNING, run.job.getJobStatus().get(), "not cancelled or stopped");
        }
    }

    /** A local continuous run of a trivial job with its dashboard on a free port. */
    private record LocalRun(JobClient job, AutoCloseable dashboard, int port, Set<String> opened, String config)
            implements AutoCloseable {

        static LocalRun start(Path root, String bind) throws Exception {
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            JobSettings settings = TestSettings.over(root.resolve("out"), root)
                    .set(JobOptions.WEB_UI_PORT, port)
                    .set(JobOptions.WEB_UI_BIND, bind)
                    .settings();
            Set<String> before = ListeningSockets.ofThisProcess();
            StreamExecutionEnvironment env = Pipelines.localEnvironment(settings);
            env.fromSequence(0, Long.MAX_VALUE).sinkTo(new DiscardingSink<>());
            JobClient job = env.executeAsync("listening");
            AutoCloseable dashboard = Pipelines.openDashboard(settings, env);
            String config = awaitGet("http://127.0.0.1:" + port + "/config");
            Set<String> opened = new LinkedHashSet<>(ListeningSockets.ofThisProcess());
            opened.removeAll(before);
            return new LocalRun(job, dashboard, port, opened, config);
        }

        @Override
        public void close() throws Exception {
            dashboard.close();
            job.cancel().get();
        }
    }

    private static void assertRefusesAJar(int port) throws Exception {
        HttpURLConnection upload = (HttpURLConnection)
                URI.create("http://127.0.0.1:" + port + "/jars/upload").toURL().openConnection();
        upload.setRequestMethod("POST");
        upload.setDoOutput(true);
        upload.setRequestProperty("Content-Type", "multipart/form-data; boundary=x");
        upload.getOutputStream().write("--x--\r\n".getBytes(StandardCharsets.US_ASCII));
        int status = upload.getResponseCode();
        assertTrue(status >= 400 && status < 500, "a jar upload is refused: HTTP " + status);
    }

    private static int send(String method, String url, String body) throws Exception {
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(URI.create(url))
                                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body))
                                .header("Content-Type", "application/json")
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        return answer.statusCode();
    }

    private static String get(String url) throws Exception {
        HttpURLConnection get = (HttpURLConnection) URI.create(url).toURL().openConnection();
        assertEquals(200, get.getResponseCode(), url);
        return new String(get.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String awaitGet(String url) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try {
                HttpURLConnection get =
                        (HttpURLConnection) URI.create(url).toURL().openConnection();
                if (get.getResponseCode() == 200) {
                    return new String(get.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (java.io.IOException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw notYet;
                }
            }
            Thread.sleep(200);
        }
    }
}
