package io.chimera.telemetry.narrate;

/** Why an LLM gave no usable answer; {@link #status()} is what the report says ({@code llm_timeout}, …). */
public final class LlmFailure extends RuntimeException {

    private final String status;

    public LlmFailure(String status) {
        super(status);
        this.status = status;
    }

    public String status() {
        return status;
    }

    public static String statusOf(Throwable error) {
        Throwable cause = error;
        while (cause != null) {
            if (cause instanceof LlmFailure failure) {
                return failure.status();
            }
            cause = cause.getCause();
        }
        return "llm_error: " + (error == null ? "unknown" : error.getClass().getSimpleName());
    }
}
