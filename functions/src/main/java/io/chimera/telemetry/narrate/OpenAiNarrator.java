package io.chimera.telemetry.narrate;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.records.LlmMetrics;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import okio.BufferedSource;

/**
 * Any server speaking OpenAI's {@code /v1/chat/completions} (vLLM, llama.cpp server, LM Studio, OpenAI). The API
 * key is read from the configured environment variable at call time, sent only as a bearer token, never logged.
 */
final class OpenAiNarrator extends HttpNarrator {

    OpenAiNarrator(LlmSettings settings) {
        super(settings);
    }

    @Override
    public String label() {
        return "openai:" + settings.model();
    }

    @Override
    Request request(String system, String prompt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", settings.model());
        body.put(
                "messages",
                List.of(Map.of("role", "system", "content", system), Map.of("role", "user", "content", prompt)));
        body.put("stream", settings.stream());
        if (settings.stream()) {
            body.put("stream_options", Map.of("include_usage", true));
        }
        Map<String, String> options = settings.options();
        putIfSet(body, "temperature", options.get("temperature"));
        putIfSet(body, "top_p", options.get("top_p"));
        putIfSet(body, "max_tokens", options.get("num_predict"));
        putIfSet(body, "seed", options.get("seed"));
        String base = settings.baseUrl().replaceAll("/+$", "");
        String url = base.endsWith("/v1") ? base + "/chat/completions" : base + "/v1/chat/completions";
        Request.Builder request = new Request.Builder().url(url).post(jsonBody(body));
        String key = System.getenv(settings.apiKeyEnv());
        if (key != null && !key.isBlank()) {
            request.header("Authorization", "Bearer " + key);
        }
        return request.build();
    }

    @Override
    LlmReply readWhole(JsonNode body, long startedNanos, long finishedNanos) {
        JsonNode message = body.path("choices").path(0).path("message");
        if (!message.hasNonNull("content")) {
            throw new IllegalArgumentException("no choices[0].message.content");
        }
        LlmMetrics metrics = usage(body.path("usage"));
        metrics.totalDurationMs = millis(finishedNanos - startedNanos);
        if (metrics.tokensGenerated > 0 && metrics.totalDurationMs > 0) {
            metrics.throughputTokensPerSecond = metrics.tokensGenerated / (metrics.totalDurationMs / 1000.0);
        }
        return new LlmReply(message.get("content").asText(), metrics);
    }

    @Override
    LlmReply readStream(BufferedSource source, long startedNanos) throws IOException {
        StringBuilder text = new StringBuilder();
        long firstToken = -1;
        long chunks = 0;
        boolean done = false;
        JsonNode usage = null;
        String line;
        while ((line = source.readUtf8Line()) != null) {
            if (!line.startsWith("data:")) {
                continue;
            }
            String data = line.substring(5).trim();
            if (data.equals("[DONE]")) {
                done = true;
                break;
            }
            JsonNode chunk = JSON.readTree(data);
            if (chunk.hasNonNull("usage")) {
                usage = chunk.get("usage");
            }
            JsonNode delta = chunk.path("choices").path(0).path("delta");
            if (delta.hasNonNull("content")) {
                String piece = delta.get("content").asText();
                if (!piece.isEmpty()) {
                    if (firstToken < 0) {
                        firstToken = System.nanoTime();
                    }
                    chunks++;
                    text.append(piece);
                }
            }
        }
        if (!done) {
            throw new IOException("stream ended without [DONE]");
        }
        long finished = System.nanoTime();
        LlmMetrics metrics = usage == null ? new LlmMetrics() : usage(usage);
        if (metrics.tokensGenerated == 0) {
            metrics.tokensGenerated = chunks;
        }
        metrics.totalDurationMs = millis(finished - startedNanos);
        if (firstToken >= 0) {
            metrics.ttftMs = millis(firstToken - startedNanos);
            metrics.evalDurationMs = millis(finished - firstToken);
            if (metrics.evalDurationMs > 0) {
                metrics.throughputTokensPerSecond = metrics.tokensGenerated / (metrics.evalDurationMs / 1000.0);
            }
        }
        return new LlmReply(text.toString(), metrics);
    }

    private static LlmMetrics usage(JsonNode usage) {
        LlmMetrics metrics = new LlmMetrics();
        metrics.tokensGenerated = usage.path("completion_tokens").asLong(0);
        metrics.promptTokens = usage.path("prompt_tokens").asLong(0);
        return metrics;
    }

    private static void putIfSet(Map<String, Object> body, String name, String value) {
        if (value != null) {
            body.put(name, typed(value));
        }
    }
}
