package io.chimera.telemetry.narrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.records.LlmMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Ollama client against a MockWebServer speaking Ollama's wire format ({@code /api/generate},
 * {@code /api/chat}, NDJSON streaming, durations in nanoseconds). Expected metrics are the canned nanosecond
 * fields divided by 10^6 by hand.
 */
class OllamaNarratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double EPS = 1e-9;

    /** Ollama's documented non-streaming /api/generate answer (docs.ollama.com/api/usage). */
    private static final String GENERATE_REPLY = "{\"model\":\"gemma3\",\"created_at\":\"2025-10-17T23:14:07.414671Z\","
            + "\"response\":\"Hello! How can I help you today?\",\"done\":true,\"done_reason\":\"stop\","
            + "\"context\":[1,2,3],\"total_duration\":174560334,\"load_duration\":101397084,"
            + "\"prompt_eval_count\":11,\"prompt_eval_duration\":13074791,\"eval_count\":18,"
            + "\"eval_duration\":52479709}";

    private MockWebServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    // ---------------------------------------------------------------- helpers

    /** The server's address without a trailing slash, as a user would write it. */
    private String baseUrl() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    private static LlmSettings settings(
            String baseUrl, String api, boolean stream, Duration timeout, int maxRetries, Map<String, String> options) {
        return new LlmSettings(
                LlmSettings.OLLAMA,
                baseUrl,
                "gemma3",
                api,
                stream,
                timeout,
                maxRetries,
                Duration.ofMillis(50),
                2,
                options,
                "OPENAI_API_KEY",
                "insight");
    }

    private LlmSettings generate(boolean stream) {
        return settings(baseUrl(), "generate", stream, Duration.ofSeconds(2), 2, Map.of());
    }

    private static Narrator create(LlmSettings settings) {
        Narrator narrator = Narrators.create(settings);
        assertInstanceOf(OllamaNarrator.class, narrator);
        return narrator;
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json; charset=utf-8")
                .body(body)
                .build();
    }

    private static MockResponse ndjson(String... lines) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/x-ndjson")
                .chunkedBody(String.join("\n", lines) + "\n", 64)
                .build();
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body("{\"error\":\"status " + code + "\"}")
                .build();
    }

    private static LlmReply reply(CompletableFuture<LlmReply> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    /** The future fails with an {@link LlmFailure}; returns its status. */
    private static String failure(CompletableFuture<LlmReply> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        assertInstanceOf(LlmFailure.class, e.getCause(), "cause: " + e.getCause());
        return LlmFailure.statusOf(e);
    }

    private RecordedRequest taken() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(request, "no request reached the server");
        return request;
    }

    private static JsonNode body(RecordedRequest request) throws IOException {
        assertNotNull(request.getBody(), "request without body");
        return JSON.readTree(request.getBody().utf8());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    // ---------------------------------------------------------------- success, non-streaming

    @Test
    void generateNonStreamingReturnsTextAndMetricsInMilliseconds() throws Exception {
        server.enqueue(json(200, GENERATE_REPLY));
        try (Narrator narrator = create(generate(false))) {
            LlmReply reply = reply(narrator.complete("You are terse.", "Say hello."));

            assertEquals("Hello! How can I help you today?", reply.text());
            LlmMetrics m = reply.metrics();
            assertEquals(174.560334, m.totalDurationMs, EPS);
            assertEquals(101.397084, m.loadDurationMs, EPS);
            assertEquals(13.074791, m.promptEvalDurationMs, EPS);
            assertEquals(52.479709, m.evalDurationMs, EPS);
            assertEquals(11, m.promptTokens);
            assertEquals(18, m.tokensGenerated);
            // eval_count / eval_duration: 18 / 0.052479709 s
            assertEquals(342.98970674551566, m.throughputTokensPerSecond, 1e-6);
            // Not streamed: TTFT = load + prompt evaluation = 101.397084 + 13.074791
            assertEquals(114.471875, m.ttftMs, EPS);
            assertEquals(1, m.attempts);
        }
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void generateRequestCarriesModelSystemPromptStreamFlagAndTypedOptions() throws Exception {
        server.enqueue(json(200, GENERATE_REPLY));
        Map<String, String> options =
                Map.of("num_ctx", "4096", "temperature", "0.3", "top_k", "40", "repeat_penalty", "1.1");
        try (Narrator narrator = create(settings(baseUrl(), "generate", false, Duration.ofSeconds(2), 2, options))) {
            reply(narrator.complete("You are terse.", "Summarise the window."));
        }
        RecordedRequest request = taken();
        assertEquals("POST", request.getMethod());
        assertEquals("/api/generate", request.getUrl().encodedPath());
        String contentType = request.getHeaders().get("Content-Type");
        assertNotNull(contentType);
        assertTrue(contentType.startsWith("application/json"), contentType);

        JsonNode body = body(request);
        assertEquals("gemma3", body.path("model").asText());
        assertEquals("You are terse.", body.path("system").asText());
        assertEquals("Summarise the window.", body.path("prompt").asText());
        assertTrue(body.path("stream").isBoolean());
        assertFalse(body.path("stream").asBoolean());
        assertFalse(body.has("messages"), "generate must not send chat messages");

        JsonNode sent = body.path("options");
        assertEquals(Set.of("num_ctx", "temperature", "top_k", "repeat_penalty"), fieldNames(sent));
        // Numbers, not strings (whether integers stay integers: integerOptionsAreSentAsJsonIntegers).
        assertTrue(sent.get("num_ctx").isNumber(), "num_ctx as a number: " + sent.get("num_ctx"));
        assertEquals(4096, sent.get("num_ctx").asDouble(), EPS);
        assertTrue(sent.get("top_k").isNumber(), "top_k as a number: " + sent.get("top_k"));
        assertEquals(40, sent.get("top_k").asDouble(), EPS);
        assertTrue(
                sent.get("temperature").isFloatingPointNumber(), "temperature as a number: " + sent.get("temperature"));
        assertEquals(0.3, sent.get("temperature").asDouble(), EPS);
        assertTrue(sent.get("repeat_penalty").isNumber(), "repeat_penalty as a number: " + sent.get("repeat_penalty"));
        assertEquals(1.1, sent.get("repeat_penalty").asDouble(), EPS);
    }

    @Test
    void integerOptionsAreSentAsJsonIntegers() throws Exception {
        server.enqueue(json(200, GENERATE_REPLY));
        Map<String, String> options =
                Map.of("num_ctx", "4096", "top_k", "40", "num_gpu", "99", "seed", "42", "temperature", "0.3");
        try (Narrator narrator = create(settings(baseUrl(), "generate", false, Duration.ofSeconds(2), 0, options))) {
            reply(narrator.complete("s", "p"));
        }
        RecordedRequest request = taken();
        JsonNode sent = body(request).path("options");
        for (String name : List.of("num_ctx", "top_k", "num_gpu", "seed")) {
            assertTrue(sent.get(name).isIntegralNumber(), name + " as an integer: " + sent.get(name));
        }
        assertEquals(4096, sent.get("num_ctx").asLong());
        assertEquals(40, sent.get("top_k").asLong());
        assertEquals(99, sent.get("num_gpu").asLong());
        assertEquals(42, sent.get("seed").asLong());
        assertTrue(
                request.getBody().utf8().contains("\"num_ctx\":4096,")
                        || request.getBody().utf8().contains("\"num_ctx\":4096}"),
                request.getBody().utf8());
        assertTrue(sent.get("temperature").isFloatingPointNumber());
        assertEquals(0.3, sent.get("temperature").asDouble(), EPS);
    }

    @Test
    void trailingSlashesInTheBaseUrlAreIgnored() throws Exception {
        server.enqueue(json(200, GENERATE_REPLY));
        try (Narrator narrator =
                create(settings(baseUrl() + "//", "generate", false, Duration.ofSeconds(2), 0, Map.of()))) {
            reply(narrator.complete("s", "p"));
        }
        assertEquals("/api/generate", taken().getTarget());
    }

    @Test
    void chatSendsSystemAndUserMessagesAndReadsTheAssistantMessage() throws Exception {
        server.enqueue(json(
                200,
                "{\"model\":\"gemma3\",\"created_at\":\"2023-12-12T14:13:43.416799Z\","
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"Hello! How are you today?\"},"
                        + "\"done_reason\":\"stop\",\"done\":true,\"total_duration\":5191566416,\"load_duration\":2154458,"
                        + "\"prompt_eval_count\":26,\"prompt_eval_duration\":383809000,\"eval_count\":298,"
                        + "\"eval_duration\":4799921000}"));
        try (Narrator narrator = create(settings(
                baseUrl(), "chat", false, Duration.ofSeconds(2), 2, Map.of("num_ctx", "4096", "temperature", "0.3")))) {
            LlmReply reply = reply(narrator.complete("You are terse.", "Say hello."));

            assertEquals("Hello! How are you today?", reply.text());
            LlmMetrics m = reply.metrics();
            assertEquals(5191.566416, m.totalDurationMs, EPS);
            assertEquals(2.154458, m.loadDurationMs, EPS);
            assertEquals(383.809, m.promptEvalDurationMs, EPS);
            assertEquals(4799.921, m.evalDurationMs, EPS);
            assertEquals(26, m.promptTokens);
            assertEquals(298, m.tokensGenerated);
            assertEquals(62.08435513834498, m.throughputTokensPerSecond, 1e-6); // 298 / 4.799921 s
            assertEquals(385.963458, m.ttftMs, EPS); // 2.154458 + 383.809
            assertEquals(1, m.attempts);
        }
        RecordedRequest request = taken();
        assertEquals("/api/chat", request.getUrl().encodedPath());
        JsonNode body = body(request);
        assertEquals("gemma3", body.path("model").asText());
        assertFalse(body.has("prompt"), "chat must not send a bare prompt");
        assertFalse(body.has("system"), "chat carries the system prompt as a message");
        JsonNode messages = body.path("messages");
        assertEquals(2, messages.size());
        assertEquals("system", messages.get(0).path("role").asText());
        assertEquals("You are terse.", messages.get(0).path("content").asText());
        assertEquals("user", messages.get(1).path("role").asText());
        assertEquals("Say hello.", messages.get(1).path("content").asText());
        assertFalse(body.path("stream").asBoolean(true));
        assertTrue(body.path("options").path("num_ctx").isNumber());
        assertEquals(4096, body.path("options").path("num_ctx").asDouble(), EPS);
        assertEquals(0.3, body.path("options").path("temperature").asDouble(), EPS);
    }

    // ---------------------------------------------------------------- streaming

    @Test
    void streamingGenerateAssemblesChunksAndTakesMetricsFromTheFinalChunk() throws Exception {
        MockResponse stream = ndjson(
                "{\"model\":\"gemma3\",\"created_at\":\"2023-08-04T08:52:19.385406455-07:00\",\"response\":\"The\",\"done\":false}",
                "{\"model\":\"gemma3\",\"created_at\":\"2023-08-04T08:52:19.405406455-07:00\",\"response\":\" sky\",\"done\":false}",
                "{\"model\":\"gemma3\",\"created_at\":\"2023-08-04T08:52:19.425406455-07:00\",\"response\":\" is blue.\",\"done\":false}",
                "{\"model\":\"gemma3\",\"created_at\":\"2023-08-04T19:22:45.499127Z\",\"response\":\"\",\"done\":true,"
                        + "\"done_reason\":\"stop\",\"context\":[1,2,3],\"total_duration\":10706818083,"
                        + "\"load_duration\":6338219291,\"prompt_eval_count\":26,\"prompt_eval_duration\":130079000,"
                        + "\"eval_count\":259,\"eval_duration\":4232710000}");
        server.enqueue(stream.newBuilder().bodyDelay(100, TimeUnit.MILLISECONDS).build());
        try (Narrator narrator = create(generate(true))) {
            LlmReply reply = reply(narrator.complete("You are terse.", "Why is the sky blue?"));

            assertEquals("The sky is blue.", reply.text());
            LlmMetrics m = reply.metrics();
            assertEquals(10706.818083, m.totalDurationMs, EPS);
            assertEquals(6338.219291, m.loadDurationMs, EPS);
            assertEquals(130.079, m.promptEvalDurationMs, EPS);
            assertEquals(4232.71, m.evalDurationMs, EPS);
            assertEquals(26, m.promptTokens);
            assertEquals(259, m.tokensGenerated);
            assertEquals(61.19011224487385, m.throughputTokensPerSecond, 1e-6); // 259 / 4.23271 s
            // Measured: at least the 100 ms the body was held back, within the total, and not the computed
            // load + prompt eval (6468.298291 ms) a non-streamed answer would report.
            assertTrue(m.ttftMs >= 100, "ttft " + m.ttftMs);
            assertTrue(m.ttftMs <= m.totalDurationMs, "ttft " + m.ttftMs + " > total " + m.totalDurationMs);
            assertTrue(m.ttftMs < 6000, "ttft looks computed, not measured: " + m.ttftMs);
            assertEquals(1, m.attempts);
        }
        JsonNode body = body(taken());
        assertTrue(body.path("stream").isBoolean());
        assertTrue(body.path("stream").asBoolean());
    }

    @Test
    void streamingChatAssemblesMessageContentPieces() throws Exception {
        server.enqueue(ndjson(
                "{\"model\":\"gemma3\",\"created_at\":\"2023-08-04T08:52:19.385406455-07:00\",\"message\":{\"role\":\"assistant\",\"content\":\"CPU \"},\"done\":false}",
                "{\"model\":\"gemma3\",\"created_at\":\"2023-08-04T08:52:19.395406455-07:00\",\"message\":{\"role\":\"assistant\",\"content\":\"load \"},\"done\":false}",
                "{\"model\":\"gemma3\",\"created_at\":\"2023-08-04T08:52:19.405406455-07:00\",\"message\":{\"role\":\"assistant\",\"content\":\"rose.\"},\"done\":false}",
                "{\"model\":\"gemma3\",\"created_at\":\"2023-08-04T19:22:45.499127Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
                        + "\"done\":true,\"done_reason\":\"stop\",\"total_duration\":4883583458,\"load_duration\":1334875,"
                        + "\"prompt_eval_count\":26,\"prompt_eval_duration\":342546000,\"eval_count\":282,"
                        + "\"eval_duration\":4535599000}"));
        try (Narrator narrator = create(settings(baseUrl(), "chat", true, Duration.ofSeconds(2), 2, Map.of()))) {
            LlmReply reply = reply(narrator.complete("s", "p"));

            assertEquals("CPU load rose.", reply.text());
            LlmMetrics m = reply.metrics();
            assertEquals(4883.583458, m.totalDurationMs, EPS);
            assertEquals(4535.599, m.evalDurationMs, EPS);
            assertEquals(282, m.tokensGenerated);
            assertEquals(26, m.promptTokens);
            assertTrue(m.ttftMs >= 0 && m.ttftMs <= m.totalDurationMs, "ttft " + m.ttftMs);
        }
        RecordedRequest request = taken();
        assertEquals("/api/chat", request.getUrl().encodedPath());
        assertTrue(body(request).path("stream").asBoolean());
    }

    @Test
    void streamCutBeforeDoneIsMalformed() throws Exception {
        server.enqueue(
                ndjson(
                        "{\"model\":\"gemma3\",\"created_at\":\"2023-08-04T08:52:19.385406455-07:00\",\"response\":\"The\",\"done\":false}",
                        "{\"model\":\"gemma3\",\"created_at\":\"2023-08-04T08:52:19.405406455-07:00\",\"response\":\" sky\",\"done\":false}"));
        try (Narrator narrator = create(generate(true))) {
            assertEquals("llm_error: malformed response", failure(narrator.complete("s", "p")));
        }
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void errorChunkMidStreamIsMalformed() throws Exception {
        server.enqueue(ndjson(
                "{\"model\":\"gemma3\",\"created_at\":\"2023-08-04T08:52:19.385406455-07:00\",\"response\":\"The\",\"done\":false}",
                "{\"error\":\"an error was encountered while running the model\"}"));
        try (Narrator narrator = create(generate(true))) {
            assertEquals("llm_error: malformed response", failure(narrator.complete("s", "p")));
        }
    }

    // ---------------------------------------------------------------- retries

    @Test
    void serverErrorThenSuccessIsRetried() throws Exception {
        server.enqueue(status(500));
        server.enqueue(json(200, GENERATE_REPLY));
        try (Narrator narrator = create(generate(false))) {
            LlmReply reply = reply(narrator.complete("s", "p"));
            assertEquals("Hello! How can I help you today?", reply.text());
            assertEquals(2, reply.metrics().attempts);
        }
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void successOnTheLastAllowedAttempt() throws Exception {
        server.enqueue(status(502));
        server.enqueue(status(503));
        server.enqueue(json(200, GENERATE_REPLY));
        try (Narrator narrator = create(generate(false))) { // maxRetries 2: three attempts
            LlmReply reply = reply(narrator.complete("s", "p"));
            assertEquals(3, reply.metrics().attempts);
        }
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void tooManyRequestsWaitsForRetryAfter() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .addHeader("Retry-After", "1")
                .addHeader("Content-Type", "application/json")
                .body("{\"error\":\"busy\"}")
                .build());
        server.enqueue(json(200, GENERATE_REPLY));
        try (Narrator narrator = create(generate(false))) { // initial backoff 50 ms
            long start = System.nanoTime();
            LlmReply reply = reply(narrator.complete("s", "p"));
            long elapsed = millisSince(start);

            assertEquals(2, reply.metrics().attempts);
            assertTrue(elapsed >= 990, "retried after " + elapsed + " ms, Retry-After asked for 1 s");
        }
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void serviceUnavailableOnEveryAttemptFailsAfterMaxRetriesWithExponentialBackoff() throws Exception {
        for (int i = 0; i < 4; i++) {
            server.enqueue(status(503));
        }
        try (Narrator narrator = create(generate(false))) { // maxRetries 2, backoff 50 ms then 100 ms
            long start = System.nanoTime();
            String status = failure(narrator.complete("s", "p"));
            long elapsed = millisSince(start);

            assertEquals("llm_error: HTTP 503", status);
            assertTrue(elapsed >= 150, "backoffs 50 + 100 ms, but failed after " + elapsed + " ms");
        }
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void notFoundIsNotRetried() throws Exception {
        server.enqueue(json(404, "{\"error\":\"model 'gemma3' not found\"}"));
        server.enqueue(json(200, GENERATE_REPLY));
        try (Narrator narrator = create(generate(false))) {
            assertEquals("llm_error: HTTP 404", failure(narrator.complete("s", "p")));
        }
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void connectionRefusedIsRetriedThenFails() throws Exception {
        int port;
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket socket = new ServerSocket(0, 1, loopback)) {
            port = socket.getLocalPort();
        }
        LlmSettings settings =
                settings("http://127.0.0.1:" + port, "generate", false, Duration.ofSeconds(2), 2, Map.of());
        try (Narrator narrator = create(settings)) {
            long start = System.nanoTime();
            String status = failure(narrator.complete("s", "p"));
            long elapsed = millisSince(start);

            assertTrue(status.startsWith("llm_error"), status);
            assertEquals("llm_error: connection refused", status);
            assertTrue(elapsed >= 150, "two retries (50 + 100 ms backoff) expected, failed after " + elapsed + " ms");
        }
    }

    // ---------------------------------------------------------------- timeouts and bad answers

    @Test
    void answerSlowerThanTheTimeoutIsATimeout() throws Exception {
        server.enqueue(json(200, GENERATE_REPLY)
                .newBuilder()
                .headersDelay(4, TimeUnit.SECONDS)
                .build());
        try (Narrator narrator = create(settings(baseUrl(), "generate", false, Duration.ofSeconds(1), 2, Map.of()))) {
            long start = System.nanoTime();
            String status = failure(narrator.complete("s", "p"));
            long elapsed = millisSince(start);

            assertEquals("llm_timeout", status);
            assertTrue(elapsed >= 950, "timed out after " + elapsed + " ms, timeout is 1 s");
            assertTrue(elapsed < 4000, "waited for the slow answer: " + elapsed + " ms");
        }
    }

    @Test
    void streamStallingPastTheTimeoutIsATimeout() throws Exception {
        String first =
                "{\"model\":\"gemma3\",\"created_at\":\"2023-08-04T08:52:19.385406455-07:00\",\"response\":\"The\",\"done\":false}\n";
        String rest =
                "{\"model\":\"gemma3\",\"created_at\":\"2023-08-04T19:22:45.499127Z\",\"response\":\"\",\"done\":true,"
                        + "\"total_duration\":10706818083,\"eval_count\":259,\"eval_duration\":4232710000}\n";
        // The first line arrives at once, then the server stalls 4 s before the next: past the 1 s timeout.
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/x-ndjson")
                .body(first + rest)
                .throttleBody(first.length(), 4, TimeUnit.SECONDS)
                .build());
        try (Narrator narrator = create(settings(baseUrl(), "generate", true, Duration.ofSeconds(1), 2, Map.of()))) {
            long start = System.nanoTime();
            String status = failure(narrator.complete("s", "p"));
            long elapsed = millisSince(start);

            assertEquals("llm_timeout", status);
            assertTrue(elapsed < 4000, "waited for the stalled stream: " + elapsed + " ms");
        }
    }

    @Test
    void malformedJsonIsAMalformedResponse() throws Exception {
        server.enqueue(json(200, "{\"model\":\"gemma3\",\"response\":\"Hello! How can"));
        try (Narrator narrator = create(generate(false))) {
            assertEquals("llm_error: malformed response", failure(narrator.complete("s", "p")));
        }
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void jsonWithoutResponseTextIsAMalformedResponse() throws Exception {
        server.enqueue(
                json(200, "{\"model\":\"gemma3\",\"created_at\":\"2025-10-17T23:14:07.414671Z\",\"done\":true}"));
        try (Narrator narrator = create(generate(false))) {
            assertEquals("llm_error: malformed response", failure(narrator.complete("s", "p")));
        }
    }

    @Test
    void nonObjectJsonIsAMalformedResponse() throws Exception {
        server.enqueue(json(200, "[\"Hello\"]"));
        try (Narrator narrator = create(generate(false))) {
            assertEquals("llm_error: malformed response", failure(narrator.complete("s", "p")));
        }
    }

    @Test
    void emptyOrBlankResponseTextIsAnEmptyResponse() throws Exception {
        String empty = GENERATE_REPLY.replace("\"Hello! How can I help you today?\"", "\"\"");
        String blank = GENERATE_REPLY.replace("\"Hello! How can I help you today?\"", "\" \\n \"");
        server.enqueue(json(200, empty));
        server.enqueue(json(200, blank));
        List<String> statuses = new ArrayList<>();
        try (Narrator narrator = create(generate(false))) {
            statuses.add(failure(narrator.complete("s", "p")));
            statuses.add(failure(narrator.complete("s", "p")));
        }
        assertEquals(List.of("llm_error: empty response", "llm_error: empty response"), statuses);
        assertEquals(2, server.getRequestCount(), "an empty answer is not retried");
    }

    // ---------------------------------------------------------------- factory

    @Test
    void factoryMakesTheBackendTheSettingsAskFor() {
        try (Narrator narrator = create(generate(false))) {
            assertEquals("ollama:gemma3", narrator.label());
        }
        Map<String, String> options = Map.of("temperature", "0.3");
        try (Narrator narrator = create(settings(baseUrl(), "generate", false, Duration.ofSeconds(1), 0, options))) {
            assertEquals(options, narrator.options());
        }
        assertNull(Narrators.create(LlmSettings.builtin()));
    }

    @Test
    void closingTheNarratorFailsACallWaitingForItsRetry() throws Exception {
        server.enqueue(status(503));
        LlmSettings slowRetry = new LlmSettings(
                LlmSettings.OLLAMA,
                baseUrl(),
                "gemma3",
                "generate",
                false,
                Duration.ofSeconds(2),
                2,
                Duration.ofSeconds(30),
                2,
                Map.of(),
                "OPENAI_API_KEY",
                "insight");
        Narrator narrator = create(slowRetry);
        CompletableFuture<LlmReply> call = narrator.complete("system", "prompt");
        server.takeRequest(5, TimeUnit.SECONDS);
        Thread.sleep(200);

        narrator.close();

        ExecutionException failed = assertThrows(ExecutionException.class, () -> call.get(2, TimeUnit.SECONDS));
        assertEquals("llm_error: narrator closed", LlmFailure.statusOf(failed));
    }
}
