package io.chimera.telemetry.records;

import java.util.Locale;

/**
 * Why a report's narrative is the one it is: the LLM's ({@link #OK}), or the built-in narrator's standing in, and
 * why. A report carries its status as text ({@link Report#status}: {@code ok}, {@code llm_timeout},
 * {@code llm_error: HTTP 503}, …), which is what consumers of its JSON read; this names the kinds of it.
 */
public enum ReportStatus {
    OK("ok", null),
    /** The built-in narrative stands in while the LLM's is on its way. */
    NARRATION_PENDING(
            "narration_pending",
            "The LLM's narrative of this window is on its way; this built-in one" + " stands until it comes."),
    /** The LLM narrated a newer window of the suite instead, with this one in its prompt. */
    SUPERSEDED(
            "superseded",
            "Not narrated by the LLM on its own: the LLM, slower than this suite's windows close,"
                    + " narrated a newer window of the suite instead, with this one in view."),
    /** The window waited longer than the backlog's maximum age. */
    NARRATION_EXPIRED(
            "narration_expired",
            "Not narrated by the LLM: the window waited for it longer than the" + " narration backlog's maximum age."),
    /** More windows waited than the backlog holds, and this one was the least valuable. */
    NARRATION_BACKLOG_FULL(
            "narration_backlog_full",
            "Not narrated by the LLM: more windows waited for it than"
                    + " the narration backlog holds, and this one mattered least."),
    /** A bounded run's wait for the LLM at its end ran out. */
    LLM_BUDGET("llm_budget", "Not narrated by the LLM: the run's time budget for narration ran out first."),
    /** The LLM did not answer within its timeout. */
    LLM_TIMEOUT("llm_timeout", null),
    /** The LLM answered with an error, or with nothing usable; the text says which ({@code llm_error: HTTP 503}). */
    LLM_ERROR("llm_error", null);

    private final String text;
    private final String why;

    ReportStatus(String text, String why) {
        this.text = text;
        this.why = why;
    }

    /** As a report's JSON says it. */
    public String text() {
        return text;
    }

    /** {@code llm_error: HTTP 503}: the kind, then what went wrong. */
    public String text(String detail) {
        return detail == null || detail.isBlank() ? text : text + ": " + detail;
    }

    /** Why the built-in narrative stands, in words; null where the status says it itself (ok, the LLM's failures). */
    public String why() {
        return why;
    }

    /** The LLM was asked and gave no usable answer. */
    public boolean llmGaveNoAnswer() {
        return this == LLM_TIMEOUT || this == LLM_ERROR;
    }

    /** The kind of a status text; an unknown text is an error of the LLM's, as {@code llm_error: …} is. */
    public static ReportStatus of(String status) {
        if (status == null) {
            return LLM_ERROR;
        }
        String kind = status.contains(":") ? status.substring(0, status.indexOf(':')) : status;
        for (ReportStatus value : values()) {
            if (value.text.equals(kind.trim().toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        return LLM_ERROR;
    }
}
