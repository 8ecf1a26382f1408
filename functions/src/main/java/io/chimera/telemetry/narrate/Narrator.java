package io.chimera.telemetry.narrate;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Something that turns a prompt into a narrative: an LLM behind HTTP. The async function knows only this. */
public interface Narrator extends AutoCloseable {

    /** Never blocks the caller; completes exceptionally with an {@link LlmFailure} when there is no usable answer. */
    CompletableFuture<LlmReply> complete(String system, String prompt);

    /** {@code ollama:gemma3:latest}, {@code openai:…}: what the report names as its narrator. */
    String label();

    /** The options the narrative is generated with, for the report. */
    Map<String, String> options();

    @Override
    void close();
}
