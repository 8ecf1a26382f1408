package io.chimera.telemetry.narrate;

import io.chimera.telemetry.records.LlmMetrics;
import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.WindowSummary;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Narrates each closed window: asks the configured LLM without blocking, and whatever happens (down, slow,
 * garbage, all calls busy) completes with a report on time, with the built-in narrative and a status saying why
 * when the LLM gave none. Every narrative is checked against the numbers its prompt held.
 */
public final class NarrateFunction extends RichAsyncFunction<WindowSummary, Report> {

    private final LlmSettings settings;
    private final int maxSeries;

    private transient Narrator narrator;
    private transient AtomicInteger inFlight;
    private transient Counter llmCalls;
    private transient Counter llmFailures;
    private transient Counter llmBusy;
    private transient Counter builtinReports;
    private transient Counter reports;
    private transient Counter llmFallbacks;
    private transient Counter llmRetries;
    private transient Histogram llmLatencyMs;
    private transient Histogram llmTtftMs;
    private transient Histogram groundingPercent;
    private transient volatile double lastTokensPerSecond;
    private transient volatile double lastGroundingRatio;

    public NarrateFunction(LlmSettings settings, int maxSeries) {
        this.settings = settings;
        this.maxSeries = maxSeries;
    }

    @Override
    public void open(OpenContext openContext) {
        narrator = Narrators.create(settings);
        inFlight = new AtomicInteger();
        var metrics = getRuntimeContext().getMetricGroup().addGroup("chimera");
        llmCalls = metrics.counter("llmCalls");
        llmFailures = metrics.counter("llmFailures");
        llmBusy = metrics.counter("llmBusy");
        builtinReports = metrics.counter("builtinReports");
        reports = metrics.counter("reports");
        llmFallbacks = metrics.counter("llmFallbacks");
        llmRetries = metrics.counter("llmRetries");
        llmLatencyMs = metrics.histogram("llmLatencyMs", new DescriptiveStatisticsHistogram(500));
        llmTtftMs = metrics.histogram("llmTtftMs", new DescriptiveStatisticsHistogram(500));
        groundingPercent = metrics.histogram("groundingPercent", new DescriptiveStatisticsHistogram(500));
        metrics.gauge("llmInFlight", (Gauge<Integer>) () -> inFlight.get());
        metrics.gauge("llmTokensPerSecond", (Gauge<Double>) () -> lastTokensPerSecond);
        metrics.gauge("groundingRatio", (Gauge<Double>) () -> lastGroundingRatio);
    }

    /** Every report leaves through here, so that the metrics count each once. */
    private List<Report> emit(Report report) {
        reports.inc();
        lastGroundingRatio = report.grounding.ratio;
        groundingPercent.update(Math.round(report.grounding.ratio * 100));
        if (!"ok".equals(report.status)) {
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
        return List.of(report);
    }

    @Override
    public void asyncInvoke(WindowSummary summary, ResultFuture<Report> resultFuture) {
        Prompt prompt = PromptBuilder.build(summary, maxSeries);
        if (narrator == null) {
            resultFuture.complete(emit(builtin(summary, prompt, "ok")));
            return;
        }
        if (inFlight.incrementAndGet() > settings.maxInFlight()) {
            inFlight.decrementAndGet();
            llmBusy.inc();
            resultFuture.complete(emit(builtin(summary, prompt, "llm_busy")));
            return;
        }
        llmCalls.inc();
        ask(prompt).whenComplete((reply, error) -> {
            inFlight.decrementAndGet();
            if (error != null) {
                llmFailures.inc();
                resultFuture.complete(emit(builtin(summary, prompt, LlmFailure.statusOf(error))));
            } else {
                resultFuture.complete(emit(fromLlm(summary, prompt, reply)));
            }
        });
    }

    private CompletableFuture<LlmReply> ask(Prompt prompt) {
        String persona = settings.persona();
        if (!Personas.TWO_STAGE.equals(persona)) {
            return narrator.complete(Personas.system(persona), prompt.data());
        }
        return narrator.complete(Personas.COLLECTOR_SYSTEM, prompt.data())
                .thenCompose(notes -> narrator.complete(Personas.INSIGHT_SYSTEM,
                                Personas.withCollectorNotes(prompt.data(), notes.text()))
                        .thenApply(insight -> new LlmReply(
                                insight.text(), combined(notes.metrics(), insight.metrics()))));
    }

    /** The async operator's own deadline passed (all retries included): the report goes out without the LLM. */
    @Override
    public void timeout(WindowSummary summary, ResultFuture<Report> resultFuture) {
        llmFailures.inc();
        resultFuture.complete(emit(builtin(summary, PromptBuilder.build(summary, maxSeries), "llm_timeout")));
    }

    private Report fromLlm(WindowSummary summary, Prompt prompt, LlmReply reply) {
        Report report = Report.of(summary);
        report.narrative = reply.text().trim();
        report.narrator = narrator.label();
        report.options = new TreeMap<>(narrator.options());
        report.llmMetrics = reply.metrics();
        report.grounding = GroundingCheck.check(report.narrative, prompt.data(), summary.inventory);
        report.status = "ok";
        return report;
    }

    private Report builtin(WindowSummary summary, Prompt prompt, String status) {
        builtinReports.inc();
        Report report = Report.of(summary);
        report.narrative = BuiltinNarrator.narrate(summary, prompt);
        report.narrator = BuiltinNarrator.LABEL;
        report.grounding = GroundingCheck.check(report.narrative, prompt.data(), summary.inventory);
        report.status = status;
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
