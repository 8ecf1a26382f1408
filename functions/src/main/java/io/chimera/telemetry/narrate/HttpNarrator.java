package io.chimera.telemetry.narrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.records.ReportStatus;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * The HTTP half of every LLM backend: okhttp's asynchronous calls (no caller thread waits), a per-attempt
 * timeout, and retries with exponential backoff on connection errors, 429 and 5xx (honouring Retry-After), never
 * on other 4xx. Backends say how to build the request and how to read the answer.
 */
abstract class HttpNarrator implements Narrator {

    static final ObjectMapper JSON = new ObjectMapper();
    static final MediaType JSON_TYPE = MediaType.get("application/json");

    protected final LlmSettings settings;
    private final OkHttpClient client;
    private final ScheduledExecutorService retries;
    /** Calls not yet answered: closing the narrator fails them rather than leaving them waiting forever. */
    private final Set<CompletableFuture<LlmReply>> pending = ConcurrentHashMap.newKeySet();

    HttpNarrator(LlmSettings settings) {
        this.settings = settings;
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(Math.max(4, settings.maxInFlight() * 2));
        dispatcher.setMaxRequestsPerHost(Math.max(4, settings.maxInFlight() * 2));
        this.client = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .callTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .connectTimeout(settings.timeout())
                .retryOnConnectionFailure(false)
                .build();
        this.retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chimera-llm-retries");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The HTTP request for one prompt. */
    abstract Request request(String system, String prompt);

    /** Reads a complete (non-streamed) answer. */
    abstract LlmReply readWhole(JsonNode body, long startedNanos, long finishedNanos);

    /** Reads a streamed answer line by line. */
    abstract LlmReply readStream(BufferedSource source, long startedNanos) throws IOException;

    @Override
    public CompletableFuture<LlmReply> complete(String system, String prompt) {
        CompletableFuture<LlmReply> result = new CompletableFuture<>();
        pending.add(result);
        result.whenComplete((reply, error) -> pending.remove(result));
        attempt(request(system, prompt), 1, settings.initialBackoff().toMillis(), result);
        return result;
    }

    @Override
    public Map<String, String> options() {
        return settings.options();
    }

    private void attempt(Request request, int attempt, long backoffMillis, CompletableFuture<LlmReply> result) {
        long started = System.nanoTime();
        client.newCall(request).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                if (e instanceof InterruptedIOException) {
                    result.completeExceptionally(new LlmFailure(ReportStatus.LLM_TIMEOUT.text()));
                } else {
                    retryOr(request, attempt, backoffMillis, -1, result, ReportStatus.LLM_ERROR.text(describe(e)));
                }
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    int code = response.code();
                    if (code == 429 || code >= 500) {
                        retryOr(
                                request,
                                attempt,
                                backoffMillis,
                                retryAfterMillis(response),
                                result,
                                ReportStatus.LLM_ERROR.text("HTTP " + code));
                        return;
                    }
                    if (code >= 300) {
                        result.completeExceptionally(new LlmFailure(ReportStatus.LLM_ERROR.text("HTTP " + code)));
                        return;
                    }
                    LlmReply reply = read(response.body(), started);
                    reply.metrics().attempts = attempt;
                    if (reply.text() == null || reply.text().isBlank()) {
                        result.completeExceptionally(new LlmFailure(ReportStatus.LLM_ERROR.text("empty response")));
                    } else {
                        result.complete(reply);
                    }
                } catch (InterruptedIOException e) {
                    result.completeExceptionally(new LlmFailure(ReportStatus.LLM_TIMEOUT.text()));
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(new LlmFailure(ReportStatus.LLM_ERROR.text("malformed response")));
                }
            }
        });
    }

    private LlmReply read(ResponseBody body, long started) throws IOException {
        if (settings.stream()) {
            return readStream(body.source(), started);
        }
        String text = body.string();
        JsonNode json = JSON.readTree(text);
        if (json == null || !json.isObject()) {
            throw new IOException("not a JSON object");
        }
        return readWhole(json, started, System.nanoTime());
    }

    private void retryOr(
            Request request,
            int attempt,
            long backoffMillis,
            long retryAfterMillis,
            CompletableFuture<LlmReply> result,
            String status) {
        if (attempt > settings.maxRetries()) {
            result.completeExceptionally(new LlmFailure(status));
            return;
        }
        long delay = Math.max(backoffMillis, retryAfterMillis);
        try {
            retries.schedule(
                    () -> attempt(request, attempt + 1, backoffMillis * 2, result), delay, TimeUnit.MILLISECONDS);
        } catch (RuntimeException rejected) {
            result.completeExceptionally(new LlmFailure(status));
        }
    }

    private static long retryAfterMillis(Response response) {
        String header = response.header("Retry-After");
        if (header == null) {
            return -1;
        }
        try {
            return Math.min(60_000, Long.parseLong(header.trim()) * 1000);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    static RequestBody jsonBody(Object body) {
        try {
            return RequestBody.create(JSON.writeValueAsString(body), JSON_TYPE);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** Option values as the server expects them: numbers as numbers. */
    static Object typed(String value) {
        try {
            if (value.contains(".") || value.contains("e") || value.contains("E")) {
                return Double.valueOf(value);
            }
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }

    @Override
    public void close() {
        for (CompletableFuture<LlmReply> call : pending) {
            call.completeExceptionally(new LlmFailure(ReportStatus.LLM_ERROR.text("narrator closed")));
        }
        retries.shutdownNow();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
