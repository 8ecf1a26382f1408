package io.chimera.telemetry.narrate;

import io.chimera.telemetry.records.LlmMetrics;
import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.ReportStatus;
import io.chimera.telemetry.records.WindowSummary;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * How one window's report is written: the LLM's narrative, or the built-in one with a status saying why it stands
 * in. Every narrative is checked against the numbers its prompt held, and every report is counted once.
 */
final class Narration implements AutoCloseable {

    /** The built-in narrative stands in while the LLM's is on its way. */
    static final String PENDING = ReportStatus.NARRATION_PENDING.text();
    /** The LLM narrated a newer window of the suite instead, with this one in its prompt. */
    static final String SUPERSEDED = ReportStatus.SUPERSEDED.text();
    /** The window waited longer than the backlog's maximum age. */
    static final String EXPIRED = ReportStatus.NARRATION_EXPIRED.text();
    /** More windows waited than the backlog holds, and this one was the least valuable. */
    static final String BACKLOG_FULL = ReportStatus.NARRATION_BACKLOG_FULL.text();
    /** A bounded run's wait for the LLM at its end ran out. */
    static final String BUDGET = ReportStatus.LLM_BUDGET.text();

    private final LlmSettings settings;
    private final int maxSeries;
    private final Narrator narrator;

    private final Counter llmCalls;
    private final Counter llmFailures;
    private final Counter builtinReports;
    private final Counter reports;
    private final Counter llmFallbacks;
    private final Counter llmRetries;
    private final Histogram llmLatencyMs;
    private final Histogram llmTtftMs;
    private final Histogram groundingPercent;
    private volatile double lastTokensPerSecond;
    private volatile double lastGroundingRatio;

    Narration(LlmSettings settings, int maxSeries, Narrator narrator, MetricGroup metrics) {
        this.settings = settings;
        this.maxSeries = maxSeries;
        this.narrator = narrator;
        llmCalls = metrics.counter("llmCalls");
        llmFailures = metrics.counter("llmFailures");
        builtinReports = metrics.counter("builtinReports");
        reports = metrics.counter("reports");
        llmFallbacks = metrics.counter("llmFallbacks");
        llmRetries = metrics.counter("llmRetries");
        llmLatencyMs = metrics.histogram("llmLatencyMs", new DescriptiveStatisticsHistogram(500));
        llmTtftMs = metrics.histogram("llmTtftMs", new DescriptiveStatisticsHistogram(500));
        groundingPercent = metrics.histogram("groundingPercent", new DescriptiveStatisticsHistogram(500));
        metrics.gauge("llmTokensPerSecond", () -> lastTokensPerSecond);
        metrics.gauge("groundingRatio", () -> lastGroundingRatio);
    }

    /** No LLM configured: every report is final with the built-in narrative. */
    boolean builtinOnly() {
        return narrator == null;
    }

    Prompt prompt(WindowSummary summary, String earlierWindows) {
        Prompt prompt = PromptBuilder.build(summary, maxSeries);
        if (earlierWindows == null || earlierWindows.isEmpty()) {
            return prompt;
        }
        return new Prompt(
                prompt.data() + "\nEarlier windows of this suite, not narrated on their own (the LLM was"
                        + " busy); say what changed since them:\n" + earlierWindows,
                prompt.shown(),
                prompt.omittedSeries(),
                prompt.changes(),
                prompt.findings());
    }

    /** Asks the LLM; completes, within the narration's total budget, with its reply or a failure. */
    CompletableFuture<LlmReply> ask(Prompt prompt) {
        llmCalls.inc();
        CompletableFuture<LlmReply> reply;
        String persona = settings.persona();
        if (!Personas.TWO_STAGE.equals(persona)) {
            reply = narrator.complete(Personas.system(persona), prompt.data());
        } else {
            reply = narrator.complete(Personas.COLLECTOR_SYSTEM, prompt.data())
                    .thenCompose(notes -> narrator.complete(
                                    Personas.INSIGHT_SYSTEM, Personas.withCollectorNotes(prompt.data(), notes.text()))
                            .thenApply(insight ->
                                    new LlmReply(insight.text(), combined(notes.metrics(), insight.metrics()))));
        }
        return reply.orTimeout(settings.totalBudget().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The final report of a window the LLM answered for, or that keeps the built-in narrative when it failed. */
    Report answered(WindowSummary summary, Prompt prompt, LlmReply reply, Throwable error) {
        if (error != null) {
            llmFailures.inc();
            return builtin(summary, prompt, LlmFailure.statusOf(error));
        }
        Report report = Report.of(summary);
        report.narrative = reply.text().trim();
        report.narrator = narrator.label();
        report.options = new TreeMap<>(narrator.options());
        report.llmMetrics = reply.metrics();
        report.grounding = GroundingCheck.check(report.narrative, prompt.data(), summary.inventory, metricsOf(summary));
        report.status = ReportStatus.OK.text();
        return counted(report);
    }

    /** A report with the built-in narrative, final unless its status is {@link #PENDING}. */
    Report builtin(WindowSummary summary, Prompt prompt, String status) {
        builtinReports.inc();
        Report report = Report.of(summary);
        if (PENDING.equals(status)) {
            report.revision = Report.pendingRevision(summary.revision);
        }
        String why = why(status);
        report.narrative = (why == null ? "" : "*" + why + "*\n\n") + BuiltinNarrator.narrate(summary, prompt);
        report.narrator = BuiltinNarrator.LABEL;
        report.grounding = GroundingCheck.check(report.narrative, prompt.data(), summary.inventory, metricsOf(summary));
        report.status = status;
        return counted(report);
    }

    private static java.util.Set<String> metricsOf(WindowSummary summary) {
        java.util.Set<String> metrics = new java.util.TreeSet<>();
        summary.series.forEach(s -> metrics.add(s.metric));
        return metrics;
    }

    Report builtin(WindowSummary summary, String status) {
        return builtin(summary, PromptBuilder.build(summary, maxSeries), status);
    }

    /** Why the built-in narrative stands, in words; null where the status says it (ok, the LLM's failures). */
    static String why(String status) {
        return ReportStatus.of(status).why();
    }

    private Report counted(Report report) {
        reports.inc();
        lastGroundingRatio = report.grounding.ratio;
        groundingPercent.update(Math.round(report.grounding.ratio * 100));
        if (ReportStatus.of(report.status) != ReportStatus.OK) {
            llmFallbacks.inc();
        }
        if (!BuiltinNarrator.LABEL.equals(report.narrator)) {
            llmRetries.inc(Math.max(0, report.llmMetrics.attempts - 1));
            if (report.llmMetrics.totalDurationMs >= 0) {
                llmLatencyMs.update(Math.round(report.llmMetrics.totalDurationMs));
            }
            if (report.llmMetrics.ttftMs >= 0) {
                llmTtftMs.update(Math.round(report.llmMetrics.ttftMs));
            }
            if (report.llmMetrics.throughputTokensPerSecond >= 0) {
                lastTokensPerSecond = report.llmMetrics.throughputTokensPerSecond;
            }
        }
        return report;
    }

    private static LlmMetrics combined(LlmMetrics first, LlmMetrics second) {
        LlmMetrics total = new LlmMetrics();
        total.tokensGenerated = first.tokensGenerated + second.tokensGenerated;
        total.promptTokens = first.promptTokens + second.promptTokens;
        total.totalDurationMs = sum(first.totalDurationMs, second.totalDurationMs);
        total.evalDurationMs = sum(first.evalDurationMs, second.evalDurationMs);
        total.promptEvalDurationMs = sum(first.promptEvalDurationMs, second.promptEvalDurationMs);
        total.loadDurationMs = sum(first.loadDurationMs, second.loadDurationMs);
        total.ttftMs = first.ttftMs;
        total.attempts = first.attempts + second.attempts;
        if (total.evalDurationMs > 0 && total.tokensGenerated > 0) {
            total.throughputTokensPerSecond = total.tokensGenerated / (total.evalDurationMs / 1000.0);
        }
        return total;
    }

    private static double sum(double a, double b) {
        return a < 0 || b < 0 ? -1 : a + b;
    }

    @Override
    public void close() {
        if (narrator != null) {
            narrator.close();
        }
    }
}
