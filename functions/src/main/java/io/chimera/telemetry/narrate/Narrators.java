package io.chimera.telemetry.narrate;

/** Makes the narrator the settings ask for; null for the built-in one, which needs no client. */
public final class Narrators {

    private Narrators() {}

    public static Narrator create(LlmSettings settings) {
        return switch (settings.backend()) {
            case LlmSettings.OLLAMA -> new OllamaNarrator(settings);
            case LlmSettings.OPENAI -> new OpenAiNarrator(settings);
            default -> null;
        };
    }
}
