package io.chimera.telemetry.narrate;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to reach the LLM and how to ask it.
 *
 * @param backend {@code builtin} (no LLM), {@code ollama}, or {@code openai} (any OpenAI-compatible server)
 * @param baseUrl server address, e.g. {@code http://localhost:11434} (Ollama) or {@code http://localhost:8000/v1}
 * @param model model name as the server knows it
 * @param ollamaApi {@code generate} or {@code chat}
 * @param stream stream the answer: measures the real time to first token
 * @param timeout per HTTP attempt
 * @param maxRetries retries after the first attempt, on connection errors, 429 and 5xx only
 * @param initialBackoff first retry delay, doubled each retry
 * @param maxInFlight LLM calls under way at once; windows closing meanwhile wait in the narration backlog
 * @param options generation options: num_gpu, num_ctx, temperature, top_p, top_k, repeat_penalty, num_predict, seed
 * @param apiKeyEnv environment variable holding the OpenAI-compatible API key (never logged or emitted)
 * @param persona {@code insight}, {@code collector}, or {@code two-stage} (collector's output feeds insight)
 * @param backlog how many windows may wait for the LLM, for how long, and how long a bounded run waits for them
 */
public record LlmSettings(
        String backend,
        String baseUrl,
        String model,
        String ollamaApi,
        boolean stream,
        Duration timeout,
        int maxRetries,
        Duration initialBackoff,
        int maxInFlight,
        Map<String, String> options,
        String apiKeyEnv,
        String persona,
        Backlog backlog)
        implements Serializable {

    /**
     * The narration backlog's limits.
     *
     * @param maxWindows windows waiting for the LLM at most; beyond, the least valuable keeps its built-in narrative
     * @param maxAge a window waiting longer than this (wall clock) keeps its built-in narrative
     * @param budget how long a bounded run waits, at its end, for the LLM to narrate the windows still waiting
     */
    public record Backlog(int maxWindows, Duration maxAge, Duration budget) implements Serializable {

        public static final Backlog DEFAULTS = new Backlog(1000, Duration.ofHours(2), Duration.ofHours(1));

        public Backlog {
            if (maxWindows < 1) {
                throw new IllegalArgumentException("--narration-max-backlog must be at least 1, was " + maxWindows);
            }
            if (maxAge == null || maxAge.isZero() || maxAge.isNegative()) {
                throw new IllegalArgumentException("--narration-max-age must be positive");
            }
            if (budget == null || budget.isNegative()) {
                throw new IllegalArgumentException("--llm-budget must be zero or more");
            }
        }
    }

    public LlmSettings(
            String backend,
            String baseUrl,
            String model,
            String ollamaApi,
            boolean stream,
            Duration timeout,
            int maxRetries,
            Duration initialBackoff,
            int maxInFlight,
            Map<String, String> options,
            String apiKeyEnv,
            String persona) {
        this(
                backend,
                baseUrl,
                model,
                ollamaApi,
                stream,
                timeout,
                maxRetries,
                initialBackoff,
                maxInFlight,
                options,
                apiKeyEnv,
                persona,
                Backlog.DEFAULTS);
    }

    public static final String BUILTIN = "builtin";
    public static final String OLLAMA = "ollama";
    public static final String OPENAI = "openai";

    public LlmSettings {
        if (!BUILTIN.equals(backend) && !OLLAMA.equals(backend) && !OPENAI.equals(backend)) {
            throw new IllegalArgumentException("--llm must be builtin, ollama or openai, was '" + backend + "'");
        }
        if (!"generate".equals(ollamaApi) && !"chat".equals(ollamaApi)) {
            throw new IllegalArgumentException("--ollama-api must be generate or chat, was '" + ollamaApi + "'");
        }
        if (!Personas.NAMES.contains(persona)) {
            throw new IllegalArgumentException(
                    "--persona must be one of " + Personas.NAMES + ", was '" + persona + "'");
        }
        if (!BUILTIN.equals(backend)) {
            try {
                java.net.URI uri = new java.net.URI(baseUrl);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new java.net.URISyntaxException(baseUrl, "not an http(s) address with a host");
                }
            } catch (java.net.URISyntaxException | NullPointerException e) {
                throw new IllegalArgumentException(
                        "--llm-url '" + baseUrl + "' is not a URL such as" + " http://localhost:11434");
            }
        }
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("--llm-timeout must be positive");
        }
        if (maxRetries < 0 || maxInFlight < 1) {
            throw new IllegalArgumentException("--llm-retries must be ≥ 0 and --llm-max-in-flight ≥ 1");
        }
        for (String option : options.keySet()) {
            if (!OPTION_NAMES.contains(option)) {
                throw new IllegalArgumentException("unknown LLM option '" + option + "'; known: " + OPTION_NAMES);
            }
        }
        options = new TreeMap<>(options);
        if (backlog == null) {
            throw new IllegalArgumentException("the narration backlog's limits are missing");
        }
    }

    public static final java.util.Set<String> OPTION_NAMES = java.util.Set.of(
            "num_gpu", "num_ctx", "temperature", "top_p", "top_k", "repeat_penalty", "num_predict", "seed");

    public static LlmSettings builtin() {
        return defaults(BUILTIN);
    }

    public static LlmSettings defaults(String backend) {
        String url = OPENAI.equals(backend) ? "http://localhost:8000/v1" : "http://localhost:11434";
        String model = OPENAI.equals(backend) ? "default" : "gemma3:latest";
        return new LlmSettings(
                backend,
                url,
                model,
                "generate",
                true,
                Duration.ofSeconds(60),
                3,
                Duration.ofMillis(500),
                4,
                Map.of(),
                "OPENAI_API_KEY",
                "insight");
    }

    public LlmSettings with(String newBaseUrl, String newModel, Map<String, String> newOptions) {
        return new LlmSettings(
                backend,
                newBaseUrl,
                newModel,
                ollamaApi,
                stream,
                timeout,
                maxRetries,
                initialBackoff,
                maxInFlight,
                newOptions,
                apiKeyEnv,
                persona,
                backlog);
    }

    public LlmSettings withBacklog(Backlog value) {
        return new LlmSettings(
                backend,
                baseUrl,
                model,
                ollamaApi,
                stream,
                timeout,
                maxRetries,
                initialBackoff,
                maxInFlight,
                options,
                apiKeyEnv,
                persona,
                value);
    }

    /** The longest one narration may take, all retries and backoffs included. */
    public Duration totalBudget() {
        Duration budget = timeout.multipliedBy(maxRetries + 1L);
        Duration backoff = initialBackoff;
        for (int i = 0; i < maxRetries; i++) {
            budget = budget.plus(backoff);
            backoff = backoff.multipliedBy(2);
        }
        return budget.plusSeconds(1);
    }

    public boolean isBuiltin() {
        return BUILTIN.equals(backend);
    }
}
