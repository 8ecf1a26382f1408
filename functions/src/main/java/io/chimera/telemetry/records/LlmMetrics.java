package io.chimera.telemetry.records;

/**
 * What one narration cost, in the terms LLM timings are read in (Ollama's). Durations in milliseconds; -1 (or 0
 * tokens) where the backend does not say.
 */
public class LlmMetrics {

    public double throughputTokensPerSecond = -1;
    /** Time to first token: measured when streaming, else load + prompt evaluation as Ollama reports them. */
    public double ttftMs = -1;

    public double totalDurationMs = -1;
    public long tokensGenerated;
    public long promptTokens;
    public double promptEvalDurationMs = -1;
    public double evalDurationMs = -1;
    public double loadDurationMs = -1;
    /** HTTP attempts made, retries included. */
    public int attempts;

    public LlmMetrics() {}
}
