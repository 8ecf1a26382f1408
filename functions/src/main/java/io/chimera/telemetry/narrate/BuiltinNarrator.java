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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The narrator that needs no LLM: a readable account written from the prompt's own numbers (so that it is
 * grounded by construction, and the grounding check confirms it), and the recommendations those numbers
 * support. Deterministic.
 */
public final class BuiltinNarrator {

    public static final String LABEL = "builtin";
    private static final int HEADLINES = 5;
    private static final int KEY_FINDINGS = 5;

    private BuiltinNarrator() {}

    public static String narrate(WindowSummary summary, Prompt prompt) {
        StringBuilder text = new StringBuilder();
        Inventory inventory = summary.inventory;
        if (summary.revision > 0) {
            text.append("**Revision ")
                    .append(summary.revision)
                    .append(".** Late files revised this window: ")
                    .append(summary.revisionAdded.values)
                    .append(summary.revisionAdded.values == 1 ? " value" : " values")
                    .append(" joined its statistics since the previous revision.\n\n");
        }
        text.append("**What landed.** ");
        if (inventory.files == 0) {
            text.append("No file was counted in suite ").append(summary.suite).append(" for this window.");
        } else {
            // By measured time a file counts in the windows its rows were measured in, not where it arrived.
            text.append(inventory.files)
                    .append(inventory.files == 1 ? " file counts" : " files count")
                    .append(" in suite ")
                    .append(summary.suite)
                    .append(" for this window (")
                    .append(inventory.filesByFormat.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")))
                    .append("; ")
                    .append(inventory.bytes)
                    .append(" bytes) across ")
                    .append(inventory.folders.size())
                    .append(inventory.folders.size() == 1 ? " folder" : " folders")
                    .append(": ")
                    .append(inventory.parsed)
                    .append(" parsed, ")
                    .append(inventory.ignored == 0 ? "" : inventory.ignored + " ignored (nothing to measure), ")
                    .append(inventory.deadLetters)
                    .append(inventory.deadLetters == 1 ? " dead letter, " : " dead letters, ")
                    .append(inventory.rows)
                    .append(" rows of which ")
                    .append(inventory.failedRows)
                    .append(" failed.");
        }
        List<Finding> rankings = prompt.findings().stream()
                .filter(f -> f.kind.equals(Finding.BEST))
                .toList();
        List<Finding> effects = prompt.findings().stream()
                .filter(f -> f.kind.equals(Finding.EFFECT))
                .sorted(Comparator.comparing((Finding f) -> !"higher_is_better".equals(f.direction))
                        .thenComparingDouble(f -> f.changePercent == null ? 0 : -Math.abs(f.changePercent)))
                .toList();
        if (!rankings.isEmpty() || !effects.isEmpty()) {
            text.append("\n\n**Key findings.**");
            rankings.stream()
                    .limit(KEY_FINDINGS)
                    .forEach(f ->
                            text.append("\n- ").append(FindingText.ranking(f)).append('.'));
            if (rankings.size() > KEY_FINDINGS) {
                text.append("\n- More metrics are ranked in the findings.");
            }
            effects.stream()
                    .limit(KEY_FINDINGS)
                    .forEach(f -> text.append("\n- Effect of ")
                            .append(FindingText.effect(f))
                            .append('.'));
        }
        // With rankings, they name the numbers that matter and the statistics table has the rest.
        if (rankings.isEmpty()) {
            text.append("\n\n**Headline numbers.** ");
            List<SeriesStats> measured = prompt.shown().stream()
                    .filter(s -> s.count > 0)
                    .limit(HEADLINES)
                    .toList();
            if (measured.isEmpty()) {
                text.append("No series has a measured value in this window.");
            } else {
                text.append(measured.stream().map(BuiltinNarrator::headline).collect(Collectors.joining("; ")))
                        .append('.');
                if (prompt.shown().size() > measured.size() || prompt.omittedSeries() > 0) {
                    text.append(" More series are in the statistics table.");
                }
            }
        }
        for (String kind : List.of(Alert.REGRESSION, Alert.IMPROVEMENT)) {
            List<Alert> alerts =
                    summary.alerts.stream().filter(a -> a.kind.equals(kind)).toList();
            if (!alerts.isEmpty()) {
                text.append(kind.equals(Alert.REGRESSION) ? "\n\n**Regressions.** " : "\n\n**Improvements.** ")
                        .append(alerts.stream()
                                .limit(5)
                                .map(BuiltinNarrator::alert)
                                .collect(Collectors.joining("; ")))
                        .append('.');
            }
        }
        text.append("\n\n**What changed.** ");
        if (prompt.changes().isEmpty()) {
            text.append("No series has an earlier window to compare with yet.");
        } else {
            text.append(prompt.changes().stream()
                            .limit(3)
                            .map(BuiltinNarrator::change)
                            .collect(Collectors.joining("; ")))
                    .append('.');
        }
        List<Finding> failedConfigurations = prompt.findings().stream()
                .filter(f -> f.kind.equals(Finding.FAILURE))
                .toList();
        List<SeriesStats> failing =
                prompt.shown().stream().filter(s -> s.failed > 0).toList();
        if (!failing.isEmpty() || inventory.deadLetters > 0) {
            text.append("\n\n**Failures.** ");
            List<String> parts = new ArrayList<>();
            if (!failedConfigurations.isEmpty()) {
                failedConfigurations.stream().limit(3).forEach(f -> parts.add(FindingText.failure(f)));
                if (failedConfigurations.size() > 3) {
                    parts.add("more failed configurations are in the findings");
                }
            } else {
                failing.stream()
                        .limit(3)
                        .forEach(s -> parts.add(
                                // Both counts as the prompt states them: a sum of the two would be a number it never
                                // saw.
                                PromptBuilder.label(s.metric, s.unit, s.series) + " had " + s.failed
                                        + " failed values beside " + s.count + " that did not fail"));
            }
            if (inventory.deadLetters > 0) {
                parts.add(inventory.deadLetters + (inventory.deadLetters == 1 ? " file" : " files")
                        + " could not be read (dead letters)");
            }
            text.append(String.join("; ", parts)).append('.');
        }
        if (!summary.tooLate.isEmpty()) {
            long values = summary.tooLate.values + summary.tooLate.failedValues;
            text.append("\n\n**Too late.** ")
                    .append(values)
                    .append(values == 1 ? " value" : " values")
                    .append(" landed in windows past the revision horizon; they are counted here and in the"
                            + " too-late output, not averaged.");
        }
        List<String> recommendations = recommendations(summary, prompt);
        text.append("\n\n**Recommendations.**\n");
        for (String recommendation : recommendations) {
            text.append("- ").append(recommendation).append('\n');
        }
        return text.toString().trim();
    }

    /** What the numbers call for, most urgent first; always at least one line. */
    public static List<String> recommendations(WindowSummary summary, Prompt prompt) {
        List<String> lines = new ArrayList<>();
        summary.alerts.stream()
                .filter(a -> a.kind.equals(Alert.REGRESSION))
                .findFirst()
                .ifPresent(a -> lines.add("Investigate the regression of "
                        + PromptBuilder.label(a.metric, a.unit, a.series) + " ("
                        + Numbers.percent(a.changePercent) + " against its baseline): compare the runs' settings"
                        + " and environment with the baseline's."));
        if (summary.inventory.deadLetters > 0) {
            lines.add("Fix or re-export the dead-letter files (" + summary.inventory.deadLetters
                    + "): their numbers are missing from this report.");
        }
        prompt.shown().stream()
                .filter(s -> s.failed > 0)
                .findFirst()
                .ifPresent(s ->
                        lines.add("Investigate the failing runs of " + PromptBuilder.label(s.metric, s.unit, s.series)
                                + " (" + s.failed + " failed values): failed rows are excluded from every average."));
        for (Finding best : prompt.findings().stream()
                .filter(f -> f.kind.equals(Finding.BEST))
                .limit(2)
                .toList()) {
            String which = PromptBuilder.label(best.metric, best.unit, Map.of()).replace(" {}", "");
            if (Finding.SINGLE_VALUES.equals(best.test)) {
                lines.add("For " + which + ", prefer " + FindingText.configuration(best, best.series) + " ("
                        + Numbers.percent(best.changePercent) + " against the worst), but repeat it and the runner-up:"
                        + " one value per configuration cannot tell a real difference from run-to-run noise.");
            } else if (Boolean.TRUE.equals(best.significant)) {
                lines.add("For " + which + ", prefer " + FindingText.configuration(best, best.series) + ": "
                        + Numbers.percent(best.changePercent) + " against the worst, a significant difference.");
            } else {
                lines.add("For " + which + ", no configuration is significantly better (Welch's t-test p "
                        + Numbers.human(best.pValue) + "): more runs are needed to pick one.");
            }
        }
        prompt.changes().stream()
                .findFirst()
                .ifPresent(c -> lines.add("Confirm the change in " + PromptBuilder.label(c.metric, c.unit, c.series)
                        + " (" + Numbers.percent(c.changePercent) + ") with another run before acting on it."));
        if (!summary.tooLate.isEmpty()) {
            lines.add("Check why files landed with times so far in the past (copies that kept old modification"
                    + " times?); raise --revision-horizon if such backfills are expected.");
        }
        if (lines.isEmpty()) {
            lines.add("No action needed: no failures, dead letters or changes in this window.");
        }
        return lines;
    }

    private static String headline(SeriesStats s) {
        String unit = s.unit == null ? "" : " " + s.unit;
        return PromptBuilder.label(s.metric, s.unit, s.series) + " mean " + Numbers.human(s.mean) + unit
                + " over " + s.count + (s.count == 1 ? " value" : " values")
                + (s.count > 1
                        ? " (p95 " + Numbers.human(s.p95) + ", min " + Numbers.human(s.min) + ", max "
                                + Numbers.human(s.max) + ")"
                        : "");
    }

    private static String alert(Alert a) {
        String unit = a.unit == null ? "" : " " + a.unit;
        return PromptBuilder.label(a.metric, a.unit, a.series) + " " + Numbers.percent(a.changePercent) + " ("
                + Numbers.human(a.baselineMean) + " → " + Numbers.human(a.mean) + unit + ", baseline of "
                + a.baselineWindows + " windows)";
    }

    private static String change(SeriesChange c) {
        String direction = c.changePercent >= 0 ? "rose" : "fell";
        String unit = c.unit == null ? "" : " " + c.unit;
        return PromptBuilder.label(c.metric, c.unit, c.series) + " " + direction + " "
                + Numbers.percent(c.changePercent) + " (" + Numbers.human(c.previousMean) + " → "
                + Numbers.human(c.mean) + unit + ")";
    }
}
