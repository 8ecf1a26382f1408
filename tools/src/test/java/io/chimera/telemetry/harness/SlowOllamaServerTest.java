package io.chimera.telemetry.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.narrate.LlmReply;
import io.chimera.telemetry.narrate.LlmSettings;
import io.chimera.telemetry.narrate.Narrator;
import io.chimera.telemetry.narrate.Narrators;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The project's own Ollama client against the slow server: every API and mode it speaks, after the delay. */
class SlowOllamaServerTest {

    private static final Duration DELAY = Duration.ofMillis(400);

    private static LlmReply ask(SlowOllamaServer server, String api, boolean stream) throws Exception {
        LlmSettings settings = new LlmSettings(
                LlmSettings.OLLAMA,
                server.baseUrl(),
                "gemma3",
                api,
                stream,
                Duration.ofSeconds(5),
                0,
                Duration.ofMillis(50),
                2,
                Map.of(),
                "OPENAI_API_KEY",
                "insight");
        try (Narrator narrator = Narrators.create(settings)) {
            return narrator.complete("system", "prompt").get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void answersEveryApiAndModeInOllamasFormatAfterTheDelay() throws Exception {
        try (SlowOllamaServer server = SlowOllamaServer.start(DELAY)) {
            for (String api : new String[] {"generate", "chat"}) {
                for (boolean stream : new boolean[] {true, false}) {
                    long start = System.nanoTime();
                    LlmReply reply = ask(server, api, stream);
                    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

                    String mode = api + (stream ? " streamed" : " whole");
                    assertEquals(SlowOllamaServer.NARRATIVE, reply.text(), mode);
                    assertTrue(elapsedMillis >= DELAY.toMillis(), mode + " answered after " + elapsedMillis + " ms");
                    assertTrue(reply.metrics().totalDurationMs >= DELAY.toMillis(), mode + " total_duration");
                    assertEquals(8, reply.metrics().tokensGenerated, mode + " eval_count");
                    assertTrue(reply.metrics().throughputTokensPerSecond > 0, mode + " tokens/s");
                }
            }
            // The server counts a call once its handler returns, which may be just after the client has read it all.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(4, server.received());
            assertEquals(4, server.answered());
            assertEquals(0, server.pending());
        }
    }

    @Test
    void aCallStillWaitingIsPending() throws Exception {
        try (SlowOllamaServer server = SlowOllamaServer.start(Duration.ofSeconds(30))) {
            LlmSettings settings = new LlmSettings(
                    LlmSettings.OLLAMA,
                    server.baseUrl(),
                    "gemma3",
                    "generate",
                    true,
                    Duration.ofSeconds(60),
                    0,
                    Duration.ofMillis(50),
                    2,
                    Map.of(),
                    "OPENAI_API_KEY",
                    "insight");
            try (Narrator narrator = Narrators.create(settings)) {
                narrator.complete("system", "prompt");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (server.received() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(1, server.pending());
                assertEquals(0, server.answered());
            }
        }
    }
}
