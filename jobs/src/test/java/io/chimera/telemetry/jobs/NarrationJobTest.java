package io.chimera.telemetry.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.emit.TelemetrySinks;
import io.chimera.telemetry.narrate.LlmSettings;
import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.WindowSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Files in, windows closed, one narrated report per window and suite, whatever the LLM does. */
class NarrationJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    /** What Ollama's /api/generate returns with "stream": false (durations in nanoseconds). */
    private static final String OLLAMA_ANSWER = """
            {"model":"gemma3:latest","created_at":"2026-11-23T10:00:00Z",
             "response":"Throughput held at 100.0 tok/s.","done":true,"done_reason":"stop",
             "total_duration":2500000000,"load_duration":200000000,"prompt_eval_count":350,
             "prompt_eval_duration":300000000,"eval_count":120,"eval_duration":1500000000}""";

    @TempDir
    Path root;

    private MockWebServer ollama;
    private final CollectingSink<Report> reports = CollectingSink.named("reports-" + System.nanoTime());

    @BeforeEach
    void startOllama() throws IOException {
        ollama = new MockWebServer();
        ollama.start(0);
    }

    @AfterEach
    void stopOllama() {
        ollama.close();
    }

    @Test
    void emitsOneNarratedReportPerWindowAndSuiteWithLlmMetrics() throws Exception {
        answerAlways(new MockResponse.Builder().code(200).body(OLLAMA_ANSWER).build());
        Path input = artifacts();

        run(input, ollama(Duration.ofSeconds(5), 0, 4));

        List<Report> all = reports.received();
        assertEquals(Map.of("kernels", 2L, "llm", 2L), countBySuite(all));
        assertEquals(
                4,
                all.stream().map(r -> r.suite + "@" + r.windowStart).distinct().count());
        for (Report report : all) {
            assertEquals("ok", report.status, report.suite + "@" + report.windowStart);
            assertEquals("ollama:gemma3:latest", report.narrator);
            assertEquals("Throughput held at 100.0 tok/s.", report.narrative);
            assertEquals(Map.of("num_ctx", "4096", "temperature", "0.3"), report.options);
            assertEquals(120, report.llmMetrics.tokensGenerated);
            assertEquals(80.0, report.llmMetrics.throughputTokensPerSecond, 1e-9, "120 tokens in 1.5 s");
            assertEquals(500.0, report.llmMetrics.ttftMs, 1e-9, "load 200 ms + prompt eval 300 ms");
            assertEquals(2500.0, report.llmMetrics.totalDurationMs, 1e-9);
        }
        Report llm = all.stream()
                .filter(r -> r.suite.equals("llm") && r.windowStart.endsWith("09:00:00Z"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of(), llm.grounding.unsupported, "100.0 tok/s is that window's mean");
        Report kernels =
                all.stream().filter(r -> r.suite.equals("kernels")).findFirst().orElseThrow();
        assertEquals(List.of("100.0 tok/s"), kernels.grounding.unsupported, "no kernel ran at 100 tok/s");
        assertEquals(4, ollama.getRequestCount());
    }

    @Test
    void aFailingLlmStillGivesEveryWindowItsReportWithTheBuiltInNarrative() throws Exception {
        answerAlways(new MockResponse.Builder().code(503).body("overloaded").build());

        run(artifacts(), ollama(Duration.ofSeconds(5), 1, 4));

        List<Report> all = reports.received();
        assertEquals(4, all.size());
        for (Report report : all) {
            assertEquals("llm_error: HTTP 503", report.status);
            assertEquals("builtin", report.narrator);
            assertTrue(report.narrative.contains("**What landed.**"), report.narrative);
            assertEquals(List.of(), report.grounding.unsupported);
        }
        assertEquals(8, ollama.getRequestCount(), "each of 4 windows: one attempt and one retry");
    }

    @Test
    void windowsClosingWhileTheOneLlmCallIsBusyWaitAndAreNarratedToo() throws Exception {
        answerAlways(new MockResponse.Builder()
                .code(200)
                .body(OLLAMA_ANSWER)
                .headersDelay(700, TimeUnit.MILLISECONDS)
                .build());

        run(artifacts(), ollama(Duration.ofSeconds(10), 0, 1));

        List<Report> all = reports.received();
        assertEquals(
                List.of("ok", "ok", "ok", "ok"), all.stream().map(r -> r.status).toList());
        assertEquals(4, ollama.getRequestCount(), "one call per window, one at a time");
    }

    @Test
    void aWindowsReportLeavesAtOnceWhileAnEarlierWindowsLlmCallIsStillUnderWay() throws Exception {
        answerAlways(new MockResponse.Builder()
                .code(200)
                .body(OLLAMA_ANSWER)
                .headersDelay(25, TimeUnit.SECONDS)
                .build());
        Path input = Files.createDirectories(root.resolve("farm"));
        JobSettings settings = TestSettings.over(root.resolve("out"), input).settings();
        LlmSettings llm = ollama(Duration.ofSeconds(60), 0, 1);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        Pipelines.configure(env, settings);
        new TelemetryJob(Pipelines.fileSource(settings), sinks(), settings.eventTime(), llm).build(env);
        JobClient job = env.executeAsync("slow-llm-test");
        try {
            // The 09:00 window closes when the 09:01 run lands: its report takes the one LLM slot for 25 s.
            write(input, "llm/run-1.csv", "timestamp,model,tokens_s\n2026-11-20T09:00:10Z,gemma3,90\n");
            write(input, "llm/run-2.csv", "timestamp,model,tokens_s\n2026-11-20T09:01:10Z,gemma3,100\n");
            RecordedRequest first = ollama.takeRequest(30, TimeUnit.SECONDS);
            assertTrue(first != null, "the first window's report asks the LLM");
            long asked = System.nanoTime();
            // A later watermark closes the 09:01 window: the LLM is busy, so its report goes out now with the
            // built-in narrative, not after the call ahead of it; the LLM's narrative will follow.
            write(input, "llm/run-3.csv", "timestamp,model,tokens_s\n2026-11-20T09:02:10Z,gemma3,110\n");
            while (reports.received().stream()
                    .noneMatch(r ->
                            r.windowStart.equals("2026-11-20T09:01:00Z") && "narration_pending".equals(r.status))) {
                assertTrue(
                        System.nanoTime() - asked < TimeUnit.SECONDS.toNanos(20),
                        "no report of 09:01 while the first call was under way: "
                                + reports.received().size());
                Thread.sleep(100);
            }
            assertTrue(
                    reports.received().stream().noneMatch(r -> "ok".equals(r.status)),
                    "the window's report left before the slow call came back");
        } finally {
            job.cancel().get();
        }
    }

    private TelemetrySinks sinks() {
        return new TelemetrySinks(
                CollectingSink.<SeriesStats>named("s" + System.nanoTime()),
                CollectingSink.<WindowSummary>named("w" + System.nanoTime()),
                reports,
                CollectingSink.<Report>named("d" + System.nanoTime()),
                CollectingSink.<DeadLetter>named("x" + System.nanoTime()),
                CollectingSink.named("a" + System.nanoTime()),
                CollectingSink.named("l" + System.nanoTime()));
    }

    @Test
    void anLlmSlowerThanItsTimeoutGivesTheBuiltInNarrativeMarkedTimedOut() throws Exception {
        answerAlways(new MockResponse.Builder()
                .code(200)
                .body(OLLAMA_ANSWER)
                .headersDelay(3, TimeUnit.SECONDS)
                .build());

        run(artifacts(), ollama(Duration.ofMillis(500), 0, 4));

        List<Report> all = reports.received();
        assertEquals(4, all.size());
        assertTrue(
                all.stream().allMatch(r -> r.status.equals("llm_timeout") && r.narrator.equals("builtin")),
                all.stream().map(r -> r.status).toList().toString());
    }

    @Test
    void anUnreachableLlmGivesTheBuiltInNarrativeMarkedConnectionRefused() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LlmSettings unreachable =
                ollama(Duration.ofSeconds(2), 1, 4).with("http://127.0.0.1:" + closedPort, "gemma3:latest", Map.of());

        run(artifacts(), unreachable);

        List<Report> all = reports.received();
        assertEquals(4, all.size());
        assertTrue(
                all.stream().allMatch(r -> r.status.equals("llm_error: connection refused")),
                all.stream().map(r -> r.status).toList().toString());
    }

    @Test
    void twoStageModeFeedsTheCollectorsNotesToTheInsightWriter() throws Exception {
        ollama.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                boolean collector = request.getBody().utf8().contains("data collector for a benchmark farm");
                String text = collector ? "COLLECTOR NOTES: 7 files landed." : "INSIGHT: all steady.";
                return new MockResponse.Builder()
                        .code(200)
                        .body(OLLAMA_ANSWER.replace("Throughput held at 100.0 tok/s.", text))
                        .build();
            }
        });
        LlmSettings twoStage = new LlmSettings(
                LlmSettings.OLLAMA,
                ollama.url("/").toString(),
                "gemma3:latest",
                "generate",
                false,
                Duration.ofSeconds(5),
                0,
                Duration.ofMillis(50),
                4,
                Map.of(),
                "OPENAI_API_KEY",
                "two-stage");

        run(artifacts(), twoStage);

        List<Report> all = reports.received();
        assertEquals(4, all.size());
        for (Report report : all) {
            assertEquals("ok", report.status);
            assertEquals("INSIGHT: all steady.", report.narrative);
            assertEquals(240, report.llmMetrics.tokensGenerated, "both stages' tokens");
            assertEquals(2, report.llmMetrics.attempts);
        }
        assertEquals(8, ollama.getRequestCount());
        int insightPromptsWithNotes = 0;
        for (int i = 0; i < 8; i++) {
            String body = ollama.takeRequest(1, TimeUnit.SECONDS).getBody().utf8();
            if (body.contains("Notes from the data collector") && body.contains("COLLECTOR NOTES: 7 files landed.")) {
                insightPromptsWithNotes++;
            }
        }
        assertEquals(4, insightPromptsWithNotes);
    }

    private LlmSettings ollama(Duration timeout, int retries, int maxInFlight) {
        return new LlmSettings(
                LlmSettings.OLLAMA,
                ollama.url("/").toString(),
                "gemma3:latest",
                "generate",
                false,
                timeout,
                retries,
                Duration.ofMillis(50),
                maxInFlight,
                Map.of("num_ctx", "4096", "temperature", "0.3"),
                "OPENAI_API_KEY",
                "insight");
    }

    private void answerAlways(MockResponse response) {
        ollama.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return response;
            }
        });
    }

    /** Two suites, each with runs in two one-minute windows. */
    private Path artifacts() throws IOException {
        Path input = Files.createDirectories(root.resolve("farm"));
        write(
                input,
                "llm/run-1.csv",
                "timestamp,model,tokens_s\n2026-11-20T09:00:10Z,gemma3,90\n" + "2026-11-20T09:00:20Z,gemma3,110\n");
        write(input, "llm/run-2.csv", "timestamp,model,tokens_s\n2026-11-20T09:05:10Z,gemma3,120\n");
        write(input, "kernels/gemm-1.csv", "timestamp,kernel,time_us\n2026-11-20T09:00:30Z,gemm_tn,512.4\n");
        write(input, "kernels/gemm-2.csv", "timestamp,kernel,time_us\n2026-11-20T09:07:30Z,gemm_tn,498.2\n");
        return input;
    }

    /** A run's file, landed when its last row was measured (its modification time places it in a window). */
    private static void write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        String lastRow = content.strip().lines().reduce((a, b) -> b).orElseThrow();
        Files.setLastModifiedTime(
                file,
                java.nio.file.attribute.FileTime.from(
                        java.time.Instant.parse(lastRow.substring(0, lastRow.indexOf(',')))));
    }

    private void run(Path input, LlmSettings llm) throws Exception {
        JobSettings settings = TestSettings.once(input, root.resolve("out")).settings();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        Pipelines.configure(env, settings);
        new TelemetryJob(Pipelines.fileSource(settings), sinks(), settings.eventTime(), llm)
                .execute(env, "narration-test");
    }

    private static Map<String, Long> countBySuite(List<Report> reports) {
        return reports.stream().collect(Collectors.groupingBy(r -> r.suite, Collectors.counting()));
    }
}
