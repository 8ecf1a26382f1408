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
 * Ollama's {@code /api/generate} or {@code /api/chat}, with the generation options benchmark farms sweep
 * (num_gpu, num_ctx, temperature, top_p, top_k, repeat_penalty). Durations come back in nanoseconds.
 */
final class OllamaNarrator extends HttpNarrator {

    OllamaNarrator(LlmSettings settings) {
        super(settings);
    }

    @Override
    public String label() {
        return "ollama:" + settings.model();
    }

    @Override
    Request request(String system, String prompt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", settings.model());
        if ("chat".equals(settings.ollamaApi())) {
            body.put(
                    "messages",
                    List.of(Map.of("role", "system", "content", system), Map.of("role", "user", "content", prompt)));
        } else {
            body.put("system", system);
            body.put("prompt", prompt);
        }
        body.put("stream", settings.stream());
        Map<String, Object> options = new LinkedHashMap<>();
        settings.options().forEach((name, value) -> options.put(name, typed(value)));
        if (!options.isEmpty()) {
            body.put("options", options);
        }
        String base = settings.baseUrl().replaceAll("/+$", "");
        return new Request.Builder()
                .url(base + "/api/" + settings.ollamaApi())
                .post(jsonBody(body))
                .build();
    }

    @Override
    LlmReply readWhole(JsonNode body, long startedNanos, long finishedNanos) {
        String text = text(body);
        if (text == null) {
            throw new IllegalArgumentException("no response text");
        }
        LlmMetrics metrics = metrics(body);
        if (metrics.loadDurationMs >= 0 && metrics.promptEvalDurationMs >= 0) {
            // Without streaming, the first token came after the model loaded and read the prompt.
            metrics.ttftMs = metrics.loadDurationMs + metrics.promptEvalDurationMs;
        }
        if (metrics.totalDurationMs < 0) {
            metrics.totalDurationMs = millis(finishedNanos - startedNanos);
        }
        return new LlmReply(text, metrics);
    }

    @Override
    LlmReply readStream(BufferedSource source, long startedNanos) throws IOException {
        StringBuilder text = new StringBuilder();
        long firstToken = -1;
        JsonNode last = null;
        String line;
        while ((line = source.readUtf8Line()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode chunk = JSON.readTree(line);
            if (chunk.hasNonNull("error")) {
                throw new IOException("error chunk: " + chunk.get("error").asText());
            }
            String piece = text(chunk);
            if (piece == null) {
                throw new IOException("chunk without text");
            }
            if (!piece.isEmpty() && firstToken < 0) {
                firstToken = System.nanoTime();
            }
            text.append(piece);
            last = chunk;
            if (chunk.path("done").asBoolean(false)) {
                break;
            }
        }
        if (last == null || !last.path("done").asBoolean(false)) {
            throw new IOException("stream ended before done");
        }
        LlmMetrics metrics = metrics(last);
        if (firstToken >= 0) {
            metrics.ttftMs = millis(firstToken - startedNanos);
        }
        if (metrics.totalDurationMs < 0) {
            metrics.totalDurationMs = millis(System.nanoTime() - startedNanos);
        }
        return new LlmReply(text.toString(), metrics);
    }

    private static String text(JsonNode body) {
        if (body.has("response")) {
            return body.get("response").asText();
        }
        JsonNode message = body.path("message");
        return message.has("content") ? message.get("content").asText() : null;
    }

    private static LlmMetrics metrics(JsonNode body) {
        LlmMetrics metrics = new LlmMetrics();
        metrics.totalDurationMs = nanosField(body, "total_duration");
        metrics.loadDurationMs = nanosField(body, "load_duration");
        metrics.promptEvalDurationMs = nanosField(body, "prompt_eval_duration");
        metrics.evalDurationMs = nanosField(body, "eval_duration");
        metrics.tokensGenerated = body.path("eval_count").asLong(0);
        metrics.promptTokens = body.path("prompt_eval_count").asLong(0);
        if (metrics.evalDurationMs > 0 && metrics.tokensGenerated > 0) {
            metrics.throughputTokensPerSecond = metrics.tokensGenerated / (metrics.evalDurationMs / 1000.0);
        }
        return metrics;
    }

    private static double nanosField(JsonNode body, String field) {
        return body.has(field) && body.get(field).isNumber() ? body.get(field).asLong() / 1_000_000.0 : -1;
    }
}
