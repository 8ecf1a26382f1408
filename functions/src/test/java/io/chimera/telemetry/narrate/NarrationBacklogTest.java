package io.chimera.telemetry.narrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.WindowSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The narration backlog on Flink's operator harness, against an HTTP server speaking Ollama's wire format: every
 * window gets the LLM's narrative, the numbers never wait for it, and what waits survives a restore.
 */
class NarrationBacklogTest {

    private static final String OLLAMA_ANSWER = """
            {"model":"gemma3:latest","created_at":"2026-11-23T10:00:00Z",
             "response":"Throughput held.","done":true,"done_reason":"stop",
             "total_duration":2500000000,"load_duration":200000000,"prompt_eval_count":350,
             "prompt_eval_duration":300000000,"eval_count":120,"eval_duration":1500000000}""";

    private MockWebServer ollama;
    private volatile long answerDelayMillis;
    private final List<String> prompts = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startOllama() throws Exception {
        ollama = new MockWebServer();
        ollama.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                prompts.add(request.getBody() == null ? "" : request.getBody().utf8());
                return new MockResponse.Builder()
                        .code(200)
                        .body(OLLAMA_ANSWER)
                        .headersDelay(answerDelayMillis, TimeUnit.MILLISECONDS)
                        .build();
            }
        });
        ollama.start(0);
    }

    @AfterEach
    void stopOllama() {
        ollama.close();
    }

    @Test
    void aWatchingJobSendsTheNumbersAtOnceAndTheLlmsNarrativeAsTheNextRevision() throws Exception {
        answerDelayMillis = 300;
        try (var harness = harness(true, 1, LlmSettings.Backlog.DEFAULTS)) {
            harness.open();
            harness.processElement(new StreamRecord<>(window("llm", "09:00", 0)));

            assertEquals(
                    List.of("09:00 r0 narration_pending builtin"),
                    lines(harness),
                    "the report goes out when the window closes, before any answer");
            assertTrue(harness.extractOutputValues().get(0).narrative.contains("on its way"));
            runMailsUntil(harness, () -> harness.extractOutputValues().size() == 2);
            assertEquals(
                    List.of("09:00 r0 narration_pending builtin", "09:00 r1 ok ollama:gemma3:latest"), lines(harness));
            Report narrated = harness.extractOutputValues().get(1);
            assertEquals(0, narrated.dataRevision);
            assertEquals("Throughput held.", narrated.narrative);
        }
    }

    @Test
    void anAnswerForAnOlderDataRevisionIsDroppedAndTheNewestIsNarratedSoRevisionsLeaveInOrder() throws Exception {
        answerDelayMillis = 300;
        List<Report> narrated;
        try (var harness = harness(true, 1, LlmSettings.Backlog.DEFAULTS)) {
            harness.open();
            harness.processElement(new StreamRecord<>(window("llm", "09:00", 0)));
            harness.processElement(new StreamRecord<>(window("llm", "09:00", 1)));
            runMailsUntil(harness, () -> harness.extractOutputValues().size() == 3);
            narrated = harness.extractOutputValues();
        }
        assertEquals(
                List.of(
                        "09:00 r0 narration_pending builtin",
                        "09:00 r2 narration_pending builtin",
                        "09:00 r3 ok ollama:gemma3:latest"),
                lines(narrated));
        assertEquals(2, prompts.size(), "asked about data revision 0, then again about 1");

        // What leaves the job: through DropSupersededRevisions, keyed by suite and window.
        try (var drop = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DropSupersededRevisions(Duration.ofDays(8))),
                DropSupersededRevisions::key,
                Types.TUPLE(Types.STRING, Types.STRING))) {
            drop.open();
            for (Report report : narrated) {
                drop.processElement(new StreamRecord<>(report));
            }
            List<Report> out = drop.extractOutputValues();
            assertEquals("09:00 r3 ok ollama:gemma3:latest", lines(out).get(out.size() - 1));
        }
    }

    @Test
    void aBoundedRunSendsOneFinalReportPerWindowAndWaitsAtItsEndForEveryOne() throws Exception {
        answerDelayMillis = 50;
        try (var harness = harness(false, 1, LlmSettings.Backlog.DEFAULTS)) {
            harness.open();
            for (String start : List.of("09:00", "09:01", "09:02", "09:03", "09:04")) {
                harness.processElement(new StreamRecord<>(window("llm", start, 0)));
            }
            assertEquals(List.of(), lines(harness), "nothing before the LLM's answers: no pending reports");

            harness.endInput();

            assertEquals(
                    List.of(
                            "09:00 r1 ok ollama:gemma3:latest",
                            "09:01 r1 ok ollama:gemma3:latest",
                            "09:02 r1 ok ollama:gemma3:latest",
                            "09:03 r1 ok ollama:gemma3:latest",
                            "09:04 r1 ok ollama:gemma3:latest"),
                    lines(harness).stream().sorted().toList());
            assertEquals(5, prompts.size());
        }
    }

    @Test
    void windowsWithRegressionsOrFailuresAreNarratedFirstThenTheNewest() throws Exception {
        answerDelayMillis = 20;
        try (var harness = harness(false, 1, LlmSettings.Backlog.DEFAULTS)) {
            harness.open();
            // The first is asked about at once (the LLM is free); the others wait and are ordered.
            harness.processElement(new StreamRecord<>(window("a", "09:00", 0)));
            harness.processElement(new StreamRecord<>(window("a", "09:01", 0)));
            WindowSummary regressed = window("b", "09:01", 0);
            Alert alert = new Alert();
            alert.kind = Alert.REGRESSION;
            alert.metric = "tokens_s";
            regressed.alerts.add(alert);
            harness.processElement(new StreamRecord<>(window("a", "09:02", 0)));
            harness.processElement(new StreamRecord<>(regressed));
            harness.endInput();

            List<String> asked =
                    prompts.stream().map(NarrationBacklogTest::suiteAndWindow).toList();
            assertEquals(List.of("a 09:00", "b 09:01", "a 09:02", "a 09:01"), asked);
        }
    }

    @Test
    void whenTheLlmIsSlowerThanWindowsCloseASuitesOlderWaitingWindowsAreSupersededByItsNewest() throws Exception {
        answerDelayMillis = 400;
        try (var harness = harness(true, 1, LlmSettings.Backlog.DEFAULTS)) {
            harness.open();
            harness.processElement(new StreamRecord<>(window("llm", "09:00", 0)));
            harness.processElement(new StreamRecord<>(window("llm", "09:01", 0)));
            harness.processElement(new StreamRecord<>(window("llm", "09:02", 0)));
            runMailsUntil(
                    harness,
                    () -> harness.extractOutputValues().stream()
                                    .filter(r -> "ok".equals(r.status))
                                    .count()
                            == 2);

            assertEquals(
                    List.of(
                            "09:00 r0 narration_pending builtin",
                            "09:00 r1 ok ollama:gemma3:latest",
                            "09:01 r0 narration_pending builtin",
                            "09:01 r1 superseded builtin",
                            "09:02 r0 narration_pending builtin",
                            "09:02 r1 ok ollama:gemma3:latest"),
                    lines(harness).stream().sorted().toList());
            Report superseded = harness.extractOutputValues().stream()
                    .filter(r -> "superseded".equals(r.status))
                    .findFirst()
                    .orElseThrow();
            assertTrue(superseded.narrative.contains("narrated a newer window"), superseded.narrative);
            assertEquals(2, prompts.size());
            assertTrue(
                    prompts.get(1).contains("Earlier windows of this suite")
                            && prompts.get(1).contains("2026-11-20T09:01:00Z"),
                    "the newest is narrated with 09:01 in view");
        }
    }

    @Test
    void windowsWaitingAtACheckpointAreNarratedAfterTheRestore() throws Exception {
        answerDelayMillis = 30_000;
        OperatorSubtaskState snapshot;
        try (var harness = harness(true, 1, LlmSettings.Backlog.DEFAULTS)) {
            harness.open();
            harness.processElement(new StreamRecord<>(window("llm", "09:00", 0)));
            harness.processElement(new StreamRecord<>(window("kernels", "09:00", 0)));
            snapshot = harness.snapshot(1, 1);
        }
        answerDelayMillis = 0;
        try (var harness = harness(true, 1, LlmSettings.Backlog.DEFAULTS)) {
            harness.initializeState(snapshot);
            harness.open();
            runMailsUntil(harness, () -> harness.extractOutputValues().size() == 2);

            assertEquals(
                    List.of("09:00 r1 ok ollama:gemma3:latest", "09:00 r1 ok ollama:gemma3:latest"), lines(harness));
            assertEquals(
                    List.of("kernels", "llm"),
                    harness.extractOutputValues().stream()
                            .map(r -> r.suite)
                            .sorted()
                            .toList());
        }
    }

    @Test
    void whatTheBudgetCutsOffKeepsTheBuiltInNarrativeAndSaysSo() throws Exception {
        answerDelayMillis = 10_000;
        try (var harness = harness(false, 1, new LlmSettings.Backlog(1000, Duration.ofHours(1), Duration.ZERO))) {
            harness.open();
            harness.processElement(new StreamRecord<>(window("llm", "09:00", 0)));
            harness.processElement(new StreamRecord<>(window("llm", "09:01", 0)));
            harness.endInput();

            assertEquals(
                    List.of("09:00 r1 llm_budget builtin", "09:01 r1 llm_budget builtin"),
                    lines(harness).stream().sorted().toList());
            assertTrue(harness.extractOutputValues().get(0).narrative.contains("time budget"));
        }
    }

    @Test
    void beyondTheBacklogsSizeTheLeastValuableWindowKeepsItsBuiltInNarrative() throws Exception {
        answerDelayMillis = 10_000;
        try (var harness = harness(true, 1, new LlmSettings.Backlog(1, Duration.ofHours(1), Duration.ZERO))) {
            harness.open();
            harness.processElement(new StreamRecord<>(window("a", "09:00", 0))); // asked at once
            harness.processElement(new StreamRecord<>(window("b", "09:00", 0))); // waits; the backlog is full

            assertEquals(
                    List.of(
                            "09:00 r0 narration_pending builtin",
                            "09:00 r0 narration_pending builtin",
                            "09:00 r1 narration_backlog_full builtin"),
                    lines(harness));
            assertEquals(
                    "b",
                    harness.extractOutputValues().get(2).suite,
                    "a is under way and stays; b, waiting beyond the backlog's size, is given up on");
        }
    }

    @Test
    void withTheBuiltInNarratorEveryReportIsFinalAtOnce() throws Exception {
        LlmSettings builtin = LlmSettings.builtin();
        try (var harness = new OneInputStreamOperatorTestHarness<WindowSummary, Report>(
                new NarrationBacklog(builtin, PromptBuilder.DEFAULT_MAX_SERIES, true))) {
            harness.open();
            harness.processElement(new StreamRecord<>(window("llm", "09:00", 0)));
            harness.processElement(new StreamRecord<>(window("llm", "09:00", 1)));

            assertEquals(List.of("09:00 r1 ok builtin", "09:00 r3 ok builtin"), lines(harness));
        }
    }

    private OneInputStreamOperatorTestHarness<WindowSummary, Report> harness(
            boolean live, int maxInFlight, LlmSettings.Backlog backlog) throws Exception {
        LlmSettings llm = new LlmSettings(
                LlmSettings.OLLAMA,
                ollama.url("/").toString(),
                "gemma3:latest",
                "generate",
                false,
                Duration.ofSeconds(60),
                0,
                Duration.ofMillis(50),
                maxInFlight,
                Map.of(),
                "OPENAI_API_KEY",
                "insight",
                backlog);
        return new OneInputStreamOperatorTestHarness<>(
                new NarrationBacklog(llm, PromptBuilder.DEFAULT_MAX_SERIES, live));
    }

    /** Runs the task's mails (the LLM's answers come back as mails) until the condition holds. */
    private static void runMailsUntil(
            OneInputStreamOperatorTestHarness<WindowSummary, Report> harness, BooleanSupplier condition)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; reports so far: " + lines(harness));
            }
            Optional<Mail> mail = harness.getTaskMailbox().tryTake(TaskMailbox.MIN_PRIORITY);
            if (mail.isPresent()) {
                mail.get().run();
            } else {
                Thread.sleep(10);
            }
        }
    }

    private static WindowSummary window(String suite, String hourMinute, int revision) {
        WindowSummary summary = new WindowSummary();
        summary.suite = suite;
        summary.windowStart = "2026-11-20T" + hourMinute + ":00Z";
        summary.windowEnd = "2026-11-20T" + hourMinute + ":59Z";
        summary.revision = revision;
        summary.inventory.files = 1;
        return summary;
    }

    private static List<String> lines(OneInputStreamOperatorTestHarness<WindowSummary, Report> harness) {
        return lines(harness.extractOutputValues());
    }

    private static List<String> lines(List<Report> reports) {
        return reports.stream()
                .map(r -> r.windowStart.substring(11, 16) + " r" + r.revision + " " + r.status + " " + r.narrator)
                .toList();
    }

    /** "suite hh:mm" of the window a prompt is about. */
    private static String suiteAndWindow(String body) {
        int suite = body.indexOf("Suite: ");
        String name = suite < 0 ? "?" : body.substring(suite + 7, body.indexOf('\\', suite));
        int window = body.indexOf("2026-11-20T");
        return name + " " + body.substring(window + 11, window + 16);
    }
}
