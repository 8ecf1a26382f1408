package io.chimera.telemetry.jobs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Flink dashboard of a local run, opened on an address of the user's choosing ({@code --web-ui-bind}) but
 * only to look: it forwards GET and HEAD to the REST API, which itself stays on the loopback address, and
 * refuses every other method. Flink's REST API takes a job graph with jars on {@code POST /jobs} whatever
 * {@code web.submit.enable} says, and cancels or savepoints jobs on request; none of that reaches it from here.
 */
public final class ReadOnlyDashboard implements AutoCloseable {

    static final String REFUSAL = "Chimera Telemetry serves this dashboard read-only (--web-ui-bind): it does not"
            + " submit, cancel or stop jobs. Do that from the host itself.\n";

    private final HttpServer server;
    private final ExecutorService workers;
    private final HttpClient client;
    private final URI rest;

    private ReadOnlyDashboard(HttpServer server, ExecutorService workers, URI rest) {
        this.server = server;
        this.workers = workers;
        this.rest = rest;
        this.client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Listens on {@code bind:port}, forwarding reads to the REST API on the loopback address at {@code restPort}. */
    public static ReadOnlyDashboard open(String bind, int port, int restPort) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 64);
        ExecutorService workers = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "chimera-read-only-dashboard");
            thread.setDaemon(true);
            return thread;
        });
        ReadOnlyDashboard dashboard =
                new ReadOnlyDashboard(server, workers, URI.create("http://" + JobSettings.LOOPBACK + ":" + restPort));
        server.createContext("/", dashboard::handle);
        server.setExecutor(workers);
        server.start();
        return dashboard;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, "text/plain; charset=utf-8", REFUSAL.getBytes(StandardCharsets.UTF_8));
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(
                            rest.resolve(exchange.getRequestURI().getRawPath()
                                    + (exchange.getRequestURI().getRawQuery() == null
                                            ? ""
                                            : "?" + exchange.getRequestURI().getRawQuery())))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            if (accept != null) {
                forward.header("Accept", accept);
            }
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                respond(exchange, 503, "text/plain; charset=utf-8", new byte[0]);
                return;
            } catch (IOException unreachable) {
                respond(
                        exchange,
                        502,
                        "text/plain; charset=utf-8",
                        "the job's REST API does not answer\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            for (String header : List.of("Cache-Control", "Last-Modified", "ETag")) {
                answer.headers()
                        .firstValue(header)
                        .ifPresent(v -> exchange.getResponseHeaders().set(header, v));
            }
            respond(
                    exchange,
                    answer.statusCode(),
                    answer.headers().firstValue("Content-Type").orElse(null),
                    method.equals("HEAD") ? null : answer.body());
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
