package io.chimera.telemetry.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Ollama stand-in on 127.0.0.1 that answers every {@code /api/generate} and {@code /api/chat} call after a
 * fixed delay, in Ollama's wire format: one JSON object, or NDJSON chunks ending with {@code "done": true} when
 * the request asks to stream (Ollama's default), durations in nanoseconds. It measures what a slow LLM does to
 * the job, so its default answer carries no numbers for the grounding check to flag.
 */
public final class SlowOllamaServer implements AutoCloseable {

    static final String NARRATIVE = "Steady window: nothing in these numbers stands out.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration delay;
    private final String narrative;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();

    private SlowOllamaServer(Duration delay, String narrative) throws IOException {
        this.delay = delay;
        this.narrative = narrative;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // One thread per call, since each sleeps for the delay; daemon threads, so a forgotten server ends with
        // the JVM.
        this.handlers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "slow-ollama");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.createContext("/api/generate", exchange -> answer(exchange, "response"));
        server.createContext("/api/chat", exchange -> answer(exchange, "message"));
        server.start();
    }

    public static SlowOllamaServer start(Duration delay) throws IOException {
        return new SlowOllamaServer(delay, NARRATIVE);
    }

    /** One that answers every call with this narrative. */
    public static SlowOllamaServer start(Duration delay, String narrative) throws IOException {
        return new SlowOllamaServer(delay, narrative);
    }

    /** For {@code --llm-url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Calls that reached the server. */
    public int received() {
        return received.get();
    }

    /** Calls not finished yet, answered or not (a client that gave up leaves its call unanswered). */
    public int pending() {
        return received.get() - finished.get();
    }

    /** Calls answered in full. */
    public int answered() {
        return answered.get();
    }

    private void answer(HttpExchange exchange, String textField) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            received.incrementAndGet();
            try {
                answerAfterDelay(exchange, textField);
            } finally {
                finished.incrementAndGet();
            }
        }
    }

    private void answerAfterDelay(HttpExchange exchange, String textField) throws IOException {
        long started = System.nanoTime();
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        String model = request.path("model").asText("mock");
        boolean stream = request.path("stream").asBoolean(true);
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
            return;
        }
        if (stream) {
            exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                for (String word : narrative.split("(?<= )")) {
                    line(body, chunk(model, textField, word, false));
                }
                line(body, withMetrics(chunk(model, textField, "", true), started));
            }
        } else {
            byte[] body = JSON.writeValueAsBytes(withMetrics(chunk(model, textField, narrative, true), started));
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
        answered.incrementAndGet();
    }

    private static ObjectNode chunk(String model, String textField, String text, boolean done) {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("model", model);
        chunk.put("created_at", Instant.now().toString());
        if ("message".equals(textField)) {
            chunk.putObject("message").put("role", "assistant").put("content", text);
        } else {
            chunk.put("response", text);
        }
        chunk.put("done", done);
        return chunk;
    }

    /** The final object's fields as Ollama sends them: the wait counts as prompt evaluation. */
    private ObjectNode withMetrics(ObjectNode last, long startedNanos) {
        long total = System.nanoTime() - startedNanos;
        long eval = Math.min(total, 50_000_000L);
        last.put("done_reason", "stop");
        last.put("total_duration", total);
        last.put("load_duration", 0L);
        last.put("prompt_eval_count", 100);
        last.put("prompt_eval_duration", total - eval);
        last.put("eval_count", narrative.split(" ").length);
        last.put("eval_duration", eval);
        return last;
    }

    private static void line(OutputStream body, ObjectNode chunk) throws IOException {
        body.write(JSON.writeValueAsBytes(chunk));
        body.write('\n');
        body.flush();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
