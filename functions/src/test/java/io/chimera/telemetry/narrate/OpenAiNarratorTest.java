package io.chimera.telemetry.narrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.records.LlmMetrics;
import java.io.IOException;
import java.time.Duration;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The OpenAI-compatible client against a MockWebServer speaking {@code /v1/chat/completions}: whole answers,
 * SSE streaming ({@code data: {...}} … {@code data: [DONE]}) with the usage chunk, bearer key, retries.
 */
class OpenAiNarratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double EPS = 1e-9;
    /** An environment variable no machine sets: no key, so no Authorization header. */
    private static final String UNSET_ENV = "CHIMERA_TEST_NO_SUCH_API_KEY_VARIABLE_3F9A";

    private static final String COMPLETION = "{\"id\":\"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\","
            + "\"object\":\"chat.completion\",\"created\":1741570283,\"model\":\"gpt-4o-2024-08-06\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"Latency rose 40% after the deploy.\",\"refusal\":null,\"annotations\":[]},"
            + "\"logprobs\":null,\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":1117,\"completion_tokens\":46,\"total_tokens\":1163,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
            + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},"
            + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_fc9f1d7035\"}";

    private static final String CHUNK_HEAD = "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1694268190,\"model\":\"gpt-4o-mini\",\"system_fingerprint\":\"fp_44709d6fcb\",";

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

    /** {@code http://host:port} with no trailing slash. */
    private String root() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    private static LlmSettings settings(
            String baseUrl, boolean stream, int maxRetries, Map<String, String> options, String apiKeyEnv) {
        return new LlmSettings(
                LlmSettings.OPENAI,
                baseUrl,
                "gpt-4o-mini",
                "generate",
                stream,
                Duration.ofSeconds(2),
                maxRetries,
                Duration.ofMillis(50),
                2,
                options,
                apiKeyEnv,
                "insight");
    }

    private LlmSettings plain(boolean stream) {
        return settings(root() + "/v1", stream, 2, Map.of(), UNSET_ENV);
    }

    private static Narrator create(LlmSettings settings) {
        Narrator narrator = Narrators.create(settings);
        assertInstanceOf(OpenAiNarrator.class, narrator);
        return narrator;
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private static MockResponse sse(String... events) {
        StringBuilder body = new StringBuilder();
        for (String event : events) {
            body.append("data: ").append(event).append("\n\n");
        }
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "text/event-stream; charset=utf-8")
                .chunkedBody(body.toString(), 80)
                .build();
    }

    private static String delta(String deltaJson, String finishReason) {
        return CHUNK_HEAD + "\"choices\":[{\"index\":0,\"delta\":" + deltaJson + ",\"logprobs\":null,"
                + "\"finish_reason\":" + finishReason + "}],\"usage\":null}";
    }

    private static String content(String piece) {
        return delta("{\"content\":\"" + piece + "\"}", "null");
    }

    private static String usage(long prompt, long completion) {
        return CHUNK_HEAD + "\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":"
                + completion + ",\"total_tokens\":" + (prompt + completion) + "}}";
    }

    private static LlmReply reply(CompletableFuture<LlmReply> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

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

    // ---------------------------------------------------------------- success, non-streaming

    @Test
    void wholeAnswerWithUsageAndBearerKeyFromTheEnvironment() throws Exception {
        String key = System.getenv("HOME");
        assumeTrue(key != null && !key.isBlank(), "HOME is not set");
        server.enqueue(json(200, COMPLETION)
                .newBuilder()
                .headersDelay(100, TimeUnit.MILLISECONDS)
                .build());
        try (Narrator narrator = create(settings(root() + "/v1", false, 2, Map.of(), "HOME"))) {
            assertEquals("openai:gpt-4o-mini", narrator.label());
            LlmReply reply = reply(narrator.complete("You are terse.", "What happened?"));

            assertEquals("Latency rose 40% after the deploy.", reply.text());
            LlmMetrics m = reply.metrics();
            assertEquals(1117, m.promptTokens);
            assertEquals(46, m.tokensGenerated);
            assertEquals(1, m.attempts);
            assertTrue(m.totalDurationMs >= 100, "measured total " + m.totalDurationMs + " ms, answer held 100 ms");
            assertTrue(m.totalDurationMs < 10_000, "total " + m.totalDurationMs);
            assertEquals(-1, m.ttftMs, EPS, "a whole answer says nothing about the first token");
        }
        RecordedRequest request = taken();
        assertEquals("POST", request.getMethod());
        assertEquals("Bearer " + key, request.getHeaders().get("Authorization"));
    }

    @Test
    void noAuthorizationHeaderWhenTheKeyVariableIsUnset() throws Exception {
        assumeTrue(System.getenv(UNSET_ENV) == null, UNSET_ENV + " is set here");
        server.enqueue(json(200, COMPLETION));
        try (Narrator narrator = create(plain(false))) {
            assertEquals(
                    "Latency rose 40% after the deploy.",
                    reply(narrator.complete("s", "p")).text());
        }
        assertNull(taken().getHeaders().get("Authorization"));
    }

    @ParameterizedTest(name = "base \"{0}\" -> {1}")
    @CsvSource({
        "'',           /v1/chat/completions",
        "/,            /v1/chat/completions",
        "/v1,          /v1/chat/completions",
        "/v1/,         /v1/chat/completions",
        "/openai,      /openai/v1/chat/completions",
        "/openai/v1,   /openai/v1/chat/completions",
        "/openai/v1//, /openai/v1/chat/completions"
    })
    void chatCompletionsUrlWithAndWithoutV1(String suffix, String expectedPath) throws Exception {
        server.enqueue(json(200, COMPLETION));
        try (Narrator narrator = create(settings(root() + suffix, false, 0, Map.of(), UNSET_ENV))) {
            reply(narrator.complete("s", "p"));
        }
        assertEquals(expectedPath, taken().getTarget());
    }

    @Test
    void requestBodyCarriesMessagesAndMappedOptions() throws Exception {
        server.enqueue(json(200, COMPLETION));
        Map<String, String> options = Map.of(
                "temperature",
                "0.3",
                "top_p",
                "0.9",
                "num_predict",
                "256",
                "seed",
                "42",
                "num_ctx",
                "4096",
                "top_k",
                "40",
                "repeat_penalty",
                "1.1",
                "num_gpu",
                "99");
        try (Narrator narrator = create(settings(root() + "/v1", false, 2, options, UNSET_ENV))) {
            reply(narrator.complete("You are terse.", "Summarise the window."));
        }
        RecordedRequest request = taken();
        String contentType = request.getHeaders().get("Content-Type");
        assertNotNull(contentType);
        assertTrue(contentType.startsWith("application/json"), contentType);

        JsonNode body = body(request);
        // Ollama-only options (num_ctx, top_k, repeat_penalty, num_gpu) are not OpenAI parameters: not sent.
        assertEquals(
                Set.of("model", "messages", "stream", "temperature", "top_p", "max_tokens", "seed"), fieldNames(body));
        assertEquals("gpt-4o-mini", body.path("model").asText());
        JsonNode messages = body.path("messages");
        assertEquals(2, messages.size());
        assertEquals("system", messages.get(0).path("role").asText());
        assertEquals("You are terse.", messages.get(0).path("content").asText());
        assertEquals("user", messages.get(1).path("role").asText());
        assertEquals("Summarise the window.", messages.get(1).path("content").asText());
        assertTrue(body.path("stream").isBoolean());
        assertFalse(body.path("stream").asBoolean());
        assertTrue(body.path("temperature").isFloatingPointNumber(), "temperature: " + body.path("temperature"));
        assertEquals(0.3, body.path("temperature").asDouble(), EPS);
        assertTrue(body.path("top_p").isFloatingPointNumber(), "top_p: " + body.path("top_p"));
        assertEquals(0.9, body.path("top_p").asDouble(), EPS);
        // Numbers, not strings (whether they stay integers: integerOptionsAreSentAsJsonIntegers).
        assertTrue(body.path("max_tokens").isNumber(), "max_tokens: " + body.path("max_tokens"));
        assertEquals(256, body.path("max_tokens").asDouble(), EPS);
        assertTrue(body.path("seed").isNumber(), "seed: " + body.path("seed"));
        assertEquals(42, body.path("seed").asDouble(), EPS);
    }

    @Test
    void integerOptionsAreSentAsJsonIntegers() throws Exception {
        server.enqueue(json(200, COMPLETION));
        try (Narrator narrator =
                create(settings(root() + "/v1", false, 0, Map.of("num_predict", "256", "seed", "42"), UNSET_ENV))) {
            reply(narrator.complete("s", "p"));
        }
        JsonNode body = body(taken());
        assertTrue(body.path("max_tokens").isIntegralNumber(), "max_tokens: " + body.path("max_tokens"));
        assertEquals(256, body.path("max_tokens").asLong());
        assertTrue(body.path("seed").isIntegralNumber(), "seed: " + body.path("seed"));
        assertEquals(42, body.path("seed").asLong());
    }

    @Test
    void nullContentIsNotANarrative() throws Exception {
        server.enqueue(json(
                200,
                "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1741570283,"
                        + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                        + "\"content\":null,\"refusal\":\"I'm sorry, I can't help with that.\"},\"logprobs\":null,"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":9,"
                        + "\"total_tokens\":19}}"));
        try (Narrator narrator = create(plain(false))) {
            CompletableFuture<LlmReply> future = narrator.complete("s", "p");
            try {
                LlmReply reply = future.get(10, TimeUnit.SECONDS);
                fail("a null content became the narrative \"" + reply.text() + "\"");
            } catch (ExecutionException e) {
                assertInstanceOf(LlmFailure.class, e.getCause(), "cause: " + e.getCause());
                String status = LlmFailure.statusOf(e);
                assertTrue(status.startsWith("llm_error"), status);
            }
        }
    }

    // ---------------------------------------------------------------- streaming

    @Test
    void streamedAnswerIsAssembledWithUsageFromTheLastChunk() throws Exception {
        MockResponse stream = sse(
                delta("{\"role\":\"assistant\",\"content\":\"\"}", "null"),
                content("Hel"),
                content("lo"),
                content(" world"),
                delta("{}", "\"stop\""),
                usage(12, 3),
                "[DONE]");
        server.enqueue(stream.newBuilder().bodyDelay(100, TimeUnit.MILLISECONDS).build());
        try (Narrator narrator = create(plain(true))) {
            LlmReply reply = reply(narrator.complete("You are terse.", "Greet."));

            assertEquals("Hello world", reply.text());
            LlmMetrics m = reply.metrics();
            assertEquals(3, m.tokensGenerated);
            assertEquals(12, m.promptTokens);
            assertEquals(1, m.attempts);
            assertTrue(m.ttftMs >= 100, "ttft " + m.ttftMs + " ms, but the body was held back 100 ms");
            assertTrue(m.ttftMs <= m.totalDurationMs, "ttft " + m.ttftMs + " > total " + m.totalDurationMs);
            assertTrue(m.totalDurationMs < 10_000, "total " + m.totalDurationMs);
        }
        JsonNode body = body(taken());
        assertTrue(body.path("stream").asBoolean());
        assertTrue(body.path("stream_options").path("include_usage").isBoolean());
        assertTrue(body.path("stream_options").path("include_usage").asBoolean());
    }

    @Test
    void streamWithoutDoneIsMalformed() throws Exception {
        server.enqueue(sse(content("Hel"), content("lo"), delta("{}", "\"stop\""), usage(12, 2)));
        try (Narrator narrator = create(plain(true))) {
            assertEquals("llm_error: malformed response", failure(narrator.complete("s", "p")));
        }
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void wholeAnswerWithoutChoicesIsMalformed() throws Exception {
        server.enqueue(json(
                200,
                "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1741570283,"
                        + "\"model\":\"gpt-4o-mini\",\"choices\":[]}"));
        try (Narrator narrator = create(plain(false))) {
            assertEquals("llm_error: malformed response", failure(narrator.complete("s", "p")));
        }
    }

    // ---------------------------------------------------------------- retries

    @Test
    void serverErrorThenSuccessIsRetried() throws Exception {
        server.enqueue(json(
                500,
                "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\","
                        + "\"param\":null,\"code\":null}}"));
        server.enqueue(json(200, COMPLETION));
        try (Narrator narrator = create(plain(false))) {
            LlmReply reply = reply(narrator.complete("s", "p"));
            assertEquals("Latency rose 40% after the deploy.", reply.text());
            assertEquals(2, reply.metrics().attempts);
        }
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void badRequestIsNotRetried() throws Exception {
        server.enqueue(json(
                400,
                "{\"error\":{\"message\":\"Invalid value for 'temperature'\","
                        + "\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":null}}"));
        server.enqueue(json(200, COMPLETION));
        try (Narrator narrator = create(plain(false))) {
            assertEquals("llm_error: HTTP 400", failure(narrator.complete("s", "p")));
        }
        assertEquals(1, server.getRequestCount());
    }
}
