package io.chimera.telemetry.render;

import io.chimera.telemetry.narrate.BuiltinNarrator;
import io.chimera.telemetry.narrate.FindingText;
import io.chimera.telemetry.narrate.PromptBuilder;
import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.Finding;
import io.chimera.telemetry.records.LlmMetrics;
import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.ReportStatus;
import io.chimera.telemetry.records.SeriesChange;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.WindowSummary;
import io.chimera.telemetry.text.Numbers;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A report, in the shape its readers know: title, window, narrator and configuration, executive
 * summary (the narrative, with unsupported numbers marked), data ingestion, performance analysis, key
 * findings, recommendations, workflow summary and LLM metrics.
 */
public final class ReportMarkdown {

    static final String UNSUPPORTED_MARK = " ⚠";

    private ReportMarkdown() {}

    public static String render(Report report) {
        StringBuilder md = new StringBuilder();
        md.append("# Chimera Telemetry Report: ").append(report.suite).append("\n\n");
        md.append("**Window:** ")
                .append(report.windowStart)
                .append(" – ")
                .append(report.windowEnd)
                .append(" (UTC)");
        md.append(report.dataRevision == 0 ? "  \n" : " · **Revision " + report.dataRevision + "**  \n");
        md.append("**Narrator:** ").append(report.narrator);
        if (!report.options.isEmpty()) {
            md.append(" (")
                    .append(report.options.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(", ")))
                    .append(')');
        }
        md.append(" · **Status:** ")
                .append(report.status)
                .append(" · **Grounding:** ")
                .append(Math.round(report.grounding.ratio * 100))
                .append("% of ")
                .append(report.grounding.numbers)
                .append(" numbers supported\n\n");

        if (report.dataRevision > 0) {
            md.append("> Revision ")
                    .append(report.dataRevision)
                    .append(" of this window: late files added ")
                    .append(report.revisionAdded.files)
                    .append(" files and ")
                    .append(report.revisionAdded.values)
                    .append(" values (")
                    .append(report.revisionAdded.failedValues)
                    .append(" failed) since the" + " previous revision");
            if (!report.revisionAdded.sources.isEmpty()) {
                md.append(": ").append(String.join(", ", report.revisionAdded.sources));
            }
            md.append(".\n\n");
        }
        md.append("## Executive Summary\n\n").append(marked(report)).append("\n\n");
        if (!report.grounding.unsupported.isEmpty()) {
            md.append("> ⚠ marks numbers this window's statistics do not support:");
            for (int i = 0; i < report.grounding.unsupported.size(); i++) {
                md.append(i == 0 ? " " : "; ").append(report.grounding.unsupported.get(i));
                if (i < report.grounding.reasons.size()) {
                    md.append(" (").append(report.grounding.reasons.get(i)).append(')');
                }
            }
            md.append("\n\n");
        }
        md.append("## Data Ingestion Summary\n\n")
                .append(SummaryMarkdown.inventory(report.inventory, report.tooLate))
                .append('\n');
        md.append("## Performance Analysis\n\n")
                .append(SummaryMarkdown.table(report.statistics))
                .append('\n');
        md.append("## Key Findings\n\n").append(findings(report)).append('\n');
        md.append("## Recommendations\n\n");
        WindowSummary summary = report.summary();
        for (String line : BuiltinNarrator.recommendations(
                summary, PromptBuilder.build(summary, PromptBuilder.DEFAULT_MAX_SERIES))) {
            md.append("- ").append(line).append('\n');
        }
        md.append("\n## Workflow Summary\n\n");
        md.append("- Files processed: ")
                .append(report.inventory.files)
                .append(" (")
                .append(report.inventory.parsed)
                .append(" parsed, ")
                .append(report.inventory.deadLetters)
                .append(" dead letters)\n");
        md.append("- Metric events: ")
                .append(report.inventory.events)
                .append(" in ")
                .append(report.statistics.size())
                .append(" series\n");
        md.append("- Narrative: ")
                .append(report.narrator)
                .append(", status ")
                .append(report.status)
                .append('\n');
        md.append("\n## LLM Metrics\n\n").append(llmMetrics(report));
        return md.toString();
    }

    /** The narrative with ⚠ after each number the grounding check did not support (where it stands). */
    private static String marked(Report report) {
        String narrative = report.narrative == null ? "" : report.narrative;
        java.util.TreeMap<Integer, Integer> ends = new java.util.TreeMap<>();
        java.util.List<String> unsupported = report.grounding.unsupported;
        for (int i = 0; i < unsupported.size(); i++) {
            int at = i < report.grounding.offsets.size() ? report.grounding.offsets.get(i) : -1;
            if (at < 0 || !narrative.startsWith(unsupported.get(i), at)) {
                at = narrative.indexOf(unsupported.get(i));
            }
            if (at >= 0) {
                ends.put(at + unsupported.get(i).length(), i);
            }
        }
        StringBuilder out = new StringBuilder(narrative);
        for (int end : ends.descendingKeySet()) {
            out.insert(end, UNSUPPORTED_MARK);
        }
        return out.toString();
    }

    private static String findings(Report report) {
        StringBuilder md = new StringBuilder();
        for (Finding f : report.findings) {
            // Regressions and improvements follow, from the alerts themselves.
            boolean alert = Finding.REGRESSION.equals(f.kind) || Finding.IMPROVEMENT.equals(f.kind);
            String text = alert ? null : FindingText.line(f);
            if (text != null) {
                md.append("- ").append(text).append('\n');
            }
        }
        for (Alert alert : report.alerts) {
            md.append("- **")
                    .append(alert.kind)
                    .append("** ")
                    .append(PromptBuilder.label(alert.metric, alert.unit, alert.series))
                    .append(": ")
                    .append(Numbers.human(alert.baselineMean))
                    .append(" → ")
                    .append(Numbers.human(alert.mean))
                    .append(" (")
                    .append(Numbers.percent(alert.changePercent))
                    .append(" against a baseline of ")
                    .append(alert.baselineWindows)
                    .append(" windows)\n");
        }
        for (SeriesChange change : report.changes.stream().limit(5).toList()) {
            md.append("- ")
                    .append(PromptBuilder.label(change.metric, change.unit, change.series))
                    .append(": ")
                    .append(Numbers.human(change.previousMean))
                    .append(" → ")
                    .append(Numbers.human(change.mean))
                    .append(" (")
                    .append(Numbers.percent(change.changePercent))
                    .append(")\n");
        }
        for (SeriesStats stats : report.statistics) {
            if (stats.failed > 0) {
                md.append("- ")
                        .append(PromptBuilder.label(stats.metric, stats.unit, stats.series))
                        .append(": ")
                        .append(stats.failed)
                        .append(" failed values\n");
            }
        }
        for (String deadLetter : report.inventory.deadLetterReasons) {
            md.append("- dead letter ").append(deadLetter).append('\n');
        }
        if (!report.tooLate.isEmpty()) {
            md.append("- ")
                    .append(report.tooLate.values + report.tooLate.failedValues)
                    .append(" values too late to revise their windows\n");
        }
        if (md.length() == 0) {
            md.append("- No changes against earlier windows, no failures, no dead letters.\n");
        }
        return md.toString();
    }

    private static String llmMetrics(Report report) {
        if ("builtin".equals(report.narrator)) {
            return "Not used: the built-in narrator wrote this report"
                    + (ReportStatus.of(report.status) == ReportStatus.OK
                            ? "."
                            : ReportStatus.of(report.status).llmGaveNoAnswer()
                                    ? " because the LLM gave no answer (" + report.status + ")."
                                    : " (" + report.status + ": see the narrative's first line).")
                    + "\n";
        }
        LlmMetrics m = report.llmMetrics;
        return "| metric | value |\n| --- | ---: |\n"
                + "| Throughput | " + value(m.throughputTokensPerSecond, "tok/s") + " |\n"
                + "| Time to first token | " + value(m.ttftMs, "ms") + " |\n"
                + "| Total duration | " + value(m.totalDurationMs, "ms") + " |\n"
                + "| Tokens generated | " + m.tokensGenerated + " |\n"
                + "| Prompt tokens | " + m.promptTokens + " |\n"
                + "| Prompt eval duration | " + value(m.promptEvalDurationMs, "ms") + " |\n"
                + "| Eval duration | " + value(m.evalDurationMs, "ms") + " |\n"
                + "| Load duration | " + value(m.loadDurationMs, "ms") + " |\n"
                + "| HTTP attempts | " + m.attempts + " |\n";
    }

    private static String value(double value, String unit) {
        return value < 0 ? "–" : String.format(Locale.ROOT, "%.1f %s", value, unit);
    }
}
