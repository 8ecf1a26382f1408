package io.chimera.telemetry.narrate;

import io.chimera.telemetry.records.ReportStatus;

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

    /** The report's status for an error: {@code llm_timeout} when the narration's total budget ran out. */
    public static String statusOf(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.util.concurrent.TimeoutException) {
                return ReportStatus.LLM_TIMEOUT.text();
            }
        }
        Throwable cause = error;
        while (cause != null) {
            if (cause instanceof LlmFailure failure) {
                return failure.status();
            }
            cause = cause.getCause();
        }
        return ReportStatus.LLM_ERROR.text(
                error == null ? "unknown" : error.getClass().getSimpleName());
    }
}
