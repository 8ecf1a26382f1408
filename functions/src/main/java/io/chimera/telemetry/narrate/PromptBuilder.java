package io.chimera.telemetry.narrate;

import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.Finding;
import io.chimera.telemetry.records.Inventory;
import io.chimera.telemetry.records.SeriesChange;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.WindowSummary;
import io.chimera.telemetry.text.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a window's numbers for a narrator, bounded in size: its findings first (what is best, worst, what each
 * swept parameter did, what failed), then the statistics; with more series than fit, the most informative
 * (failures, then the largest changes, then the most values) and a line saying how many were left out.
 */
public final class PromptBuilder {

    public static final int DEFAULT_MAX_SERIES = 40;
    public static final int MAX_CHANGES = 10;
    public static final int MAX_DEAD_LETTERS = 10;
    public static final int MAX_FINDINGS = 30;

    private PromptBuilder() {}

    public static Prompt build(WindowSummary summary, int maxSeries) {
        Map<String, Double> changeBySeries = new HashMap<>();
        for (SeriesChange change : summary.changes) {
            changeBySeries.put(label(change.metric, change.unit, change.series), Math.abs(change.changePercent));
        }
        java.util.Set<String> alerted = new java.util.HashSet<>();
        for (Alert alert : summary.alerts) {
            alerted.add(label(alert.metric, alert.unit, alert.series));
        }
        List<SeriesStats> ranked = new ArrayList<>(summary.series);
        ranked.sort(Comparator.comparing((SeriesStats s) -> !alerted.contains(label(s.metric, s.unit, s.series)))
                .thenComparingLong(s -> -s.failed)
                .thenComparingDouble(s -> -changeBySeries.getOrDefault(label(s.metric, s.unit, s.series), -1.0))
                .thenComparingLong(s -> -s.count)
                .thenComparing(s -> label(s.metric, s.unit, s.series)));
        List<SeriesStats> shown = ranked.subList(0, Math.min(maxSeries, ranked.size()));
        int omitted = ranked.size() - shown.size();
        List<SeriesChange> changes = summary.changes.subList(0, Math.min(MAX_CHANGES, summary.changes.size()));

        StringBuilder text = new StringBuilder();
        text.append("Benchmark telemetry for one window\n");
        text.append("Suite: ").append(summary.suite).append('\n');
        text.append("Window: ")
                .append(summary.windowStart)
                .append(" to ")
                .append(summary.windowEnd)
                .append(" (UTC)\n");
        if (summary.revision > 0) {
            text.append("Revision ")
                    .append(summary.revision)
                    .append(" of this window's report: late files added ")
                    .append(summary.revisionAdded.files)
                    .append(" files and ")
                    .append(summary.revisionAdded.values)
                    .append(" values since the previous revision (")
                    .append(String.join(", ", summary.revisionAdded.sources))
                    .append(")\n");
        }
        text.append('\n');
        Inventory inventory = summary.inventory;
        text.append("Data inventory:\n");
        text.append("- files: ").append(inventory.files);
        if (!inventory.filesByFormat.isEmpty()) {
            text.append(" (")
                    .append(inventory.filesByFormat.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")))
                    .append(')');
        }
        text.append("\n- bytes: ").append(inventory.bytes).append('\n');
        text.append("- latest modified: ")
                .append(inventory.latestModified == null ? "none" : inventory.latestModified)
                .append('\n');
        text.append("- folders (")
                .append(inventory.folders.size())
                .append("): ")
                .append(inventory.folders.stream()
                        .map(f -> f.isEmpty() ? "(root)" : f)
                        .collect(Collectors.joining(", ")))
                .append('\n');
        text.append("- parsed files: ")
                .append(inventory.parsed)
                .append("; dead letters: ")
                .append(inventory.deadLetters)
                .append(inventory.ignored == 0 ? "" : "; ignored (logs with nothing to measure): " + inventory.ignored)
                .append('\n');
        text.append("- rows: ")
                .append(inventory.rows)
                .append("; failed rows: ")
                .append(inventory.failedRows)
                .append("; metric events: ")
                .append(inventory.events)
                .append('\n');
        if (!inventory.deadLetterReasons.isEmpty()) {
            text.append("Dead letters (file: reason):\n");
            inventory.deadLetterReasons.stream()
                    .limit(MAX_DEAD_LETTERS)
                    .forEach(reason -> text.append("- ").append(reason).append('\n'));
        }
        if (!summary.tooLate.isEmpty()) {
            text.append("Too late to revise their windows (beyond the revision horizon), since the previous report: ")
                    .append(summary.tooLate.values + summary.tooLate.failedValues)
                    .append(" values from ")
                    .append(summary.tooLate.sources.size())
                    .append(" files (")
                    .append(String.join(", ", summary.tooLate.sources))
                    .append(")\n");
        }
        List<Finding> findings = FindingText.forPrompt(summary.findings, MAX_FINDINGS);
        if (!findings.isEmpty()) {
            text.append("\nFindings (computed from the statistics below: best and worst series of each metric by its"
                    + " direction, each swept parameter's effect, failed configurations):\n");
            for (Finding finding : findings) {
                text.append("- ").append(FindingText.fact(finding)).append('\n');
            }
        }
        text.append("\nStatistics per series (count, failed, mean, p50, p95, p99, min, max):\n");
        if (shown.isEmpty()) {
            text.append("- none: no metric events in this window\n");
        }
        for (SeriesStats s : shown) {
            text.append("- ")
                    .append(label(s.metric, s.unit, s.series))
                    .append(": count ")
                    .append(s.count)
                    .append(", failed ")
                    .append(s.failed);
            if (s.count > 0) {
                text.append(", mean ")
                        .append(Numbers.human(s.mean))
                        .append(", p50 ")
                        .append(Numbers.human(s.p50))
                        .append(", p95 ")
                        .append(Numbers.human(s.p95))
                        .append(", p99 ")
                        .append(Numbers.human(s.p99))
                        .append(", min ")
                        .append(Numbers.human(s.min))
                        .append(", max ")
                        .append(Numbers.human(s.max));
            }
            text.append('\n');
        }
        if (omitted > 0) {
            text.append("(").append(omitted).append(" more series not shown)\n");
        }
        if (!summary.alerts.isEmpty()) {
            text.append("\nRegressions and improvements against each series' baseline (its last windows):\n");
            for (Alert a : summary.alerts) {
                text.append("- ")
                        .append(a.kind.toUpperCase(java.util.Locale.ROOT))
                        .append(' ')
                        .append(label(a.metric, a.unit, a.series))
                        .append(": mean ")
                        .append(Numbers.human(a.mean))
                        .append(" vs baseline ")
                        .append(Numbers.human(a.baselineMean))
                        .append(" ± ")
                        .append(Numbers.human(a.baselineStddev))
                        .append(" over ")
                        .append(a.baselineWindows)
                        .append(" windows (")
                        .append(Numbers.percent(a.changePercent))
                        .append(", z ")
                        .append(Numbers.human(a.zScore))
                        .append(")\n");
            }
        }
        if (!changes.isEmpty()) {
            text.append("\nLargest changes versus each series' previous window:\n");
            for (SeriesChange c : changes) {
                text.append("- ")
                        .append(label(c.metric, c.unit, c.series))
                        .append(": mean ")
                        .append(Numbers.human(c.mean))
                        .append(" vs ")
                        .append(Numbers.human(c.previousMean))
                        .append(" in the window from ")
                        .append(c.previousWindowStart)
                        .append(" (")
                        .append(Numbers.percent(c.changePercent))
                        .append(")\n");
            }
        }
        return new Prompt(text.toString(), List.copyOf(shown), omitted, List.copyOf(changes), findings);
    }

    /** {@code tokens_s [tok/s] {model=gemma3}}: how prompts and narratives name a series. */
    public static String label(String metric, String unit, Map<String, String> series) {
        String dims = new java.util.TreeMap<>(series)
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        return metric + (unit == null || unit.isEmpty() ? "" : " [" + unit + "]") + " {" + dims + "}";
    }
}
