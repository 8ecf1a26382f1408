package io.chimera.telemetry.narrate;

import io.chimera.telemetry.records.Finding;
import io.chimera.telemetry.text.Numbers;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How findings are written: as the facts a narrator is given (one line each, named by metric and series as the
 * statistics are) and as the built-in narrator's sentences, with the same numbers written the same way, so that
 * the grounding check finds each of the narrative's numbers among the facts about the metric it names.
 */
public final class FindingText {

    private FindingText() {}

    /** The finding as one line of facts, {@code - BEST tokens_s [tok/s] {…}: mean 183.9, …}; without the dash. */
    public static String fact(Finding f) {
        return switch (f.kind) {
            case Finding.BEST, Finding.WORST ->
                f.kind.toUpperCase(java.util.Locale.ROOT) + " "
                        + PromptBuilder.label(f.metric, f.unit, f.series) + ": mean " + Numbers.human(f.value) + " vs "
                        + (f.kind.equals(Finding.BEST) ? "worst " : "best ") + Numbers.human(nonNull(f.other)) + " "
                        + dims(f.otherSeries) + " (" + percent(f) + ") among " + f.seriesCompared + " series, "
                        + direction(f) + "; " + test(f);
            case Finding.EFFECT ->
                "EFFECT of " + f.parameter + " on " + PromptBuilder.label(f.metric, f.unit, f.series)
                        + ": mean " + levels(f) + "; lowest to highest " + f.parameter + " " + percent(f) + " ("
                        + (Boolean.TRUE.equals(f.heldFixed)
                                ? "other parameters held fixed"
                                : "means over all series: no combination of the other parameters ran at every value")
                        + "); " + test(f);
            case Finding.FAILURE ->
                "FAILURE " + dims(f.series) + ": " + f.metric + " counted " + Math.round(f.value) + " failed and "
                        + Math.round(nonNull(f.other)) + " measured values";
            default ->
                f.kind.toUpperCase(java.util.Locale.ROOT) + " "
                        + PromptBuilder.label(f.metric, f.unit, f.series) + ": mean " + Numbers.human(f.value)
                        + " vs baseline " + Numbers.human(nonNull(f.other)) + " (" + percent(f) + ")";
        };
    }

    /**
     * The built-in narrator's sentence for a best finding and its metric's worst: {@code fastest tokens_s [tok/s]:
     * {…} at 183.9, +1.93% against the slowest of 36 series, {…} at 180.4 (one value each: not tested)}.
     */
    public static String ranking(Finding best) {
        boolean higher = "higher_is_better".equals(best.direction);
        String unit = best.unit == null ? "" : " " + best.unit;
        return "best " + PromptBuilder.label(best.metric, best.unit, Map.of()).replace(" {}", "")
                + (higher ? " (highest)" : " (lowest)") + ": " + configuration(best, best.series) + " at "
                + Numbers.human(best.value) + unit + ", " + percent(best) + " against the worst of "
                + best.seriesCompared + " series, " + configuration(best, best.otherSeries) + " at "
                + Numbers.human(nonNull(best.other)) + unit + " (" + test(best) + ")";
    }

    /** {@code num_ctx on tokens_s [tok/s]: 1024 → 181.2, 2048 → 182.0; +0.45% from lowest to highest value}. */
    public static String effect(Finding f) {
        return f.parameter + " on " + PromptBuilder.label(f.metric, f.unit, f.series) + ": mean " + levels(f)
                + " (" + percent(f) + " from its lowest to its highest value"
                + (Boolean.TRUE.equals(f.heldFixed) ? ", other parameters held fixed" : ", other parameters not held")
                + "; " + test(f) + ")";
    }

    /** {@code {num_ctx=2048, num_gpu=999}: eval_count, tokens_s counted 1 failed and 0 measured values}. */
    public static String failure(Finding f) {
        return dims(f.series) + ": " + f.metric + " counted " + Math.round(f.value) + " failed and "
                + Math.round(nonNull(f.other)) + " measured values";
    }

    /** A finding as a report lists it, or null for a kind listed elsewhere. */
    public static String line(Finding f) {
        return switch (f.kind) {
            case Finding.BEST -> ranking(f);
            case Finding.EFFECT -> "effect of " + effect(f);
            case Finding.FAILURE -> "failed: " + failure(f);
            case Finding.REGRESSION, Finding.IMPROVEMENT -> fact(f);
            default -> null;
        };
    }

    /** Whether the finding claims a difference the data support: tested and significant, or values compared. */
    public static boolean supported(Finding f) {
        return !Boolean.FALSE.equals(f.significant);
    }

    static String test(Finding f) {
        if (Finding.WELCH_T.equals(f.test)) {
            return "Welch's t-test p " + Numbers.human(nonNull(f.pValue))
                    + (Boolean.TRUE.equals(f.significant) ? ": significant" : ": not a significant difference");
        }
        if (Finding.SIGN_TEST.equals(f.test)) {
            return "higher at the highest value in " + f.blocksHigher + " of " + f.blocks
                    + " combinations of the other parameters, sign test p " + Numbers.human(nonNull(f.pValue))
                    + (Boolean.TRUE.equals(f.significant) ? ": significant" : ": not a significant difference");
        }
        if (Finding.SINGLE_VALUES.equals(f.test)) {
            return "single values compared as they are, not tested";
        }
        return Objects.toString(f.test, "not tested");
    }

    private static String levels(Finding f) {
        return f.levels.stream()
                .map(l -> f.parameter + "=" + l.value + " " + Numbers.human(l.mean))
                .collect(Collectors.joining(", "));
    }

    private static String percent(Finding f) {
        return f.changePercent == null ? "n/a" : Numbers.percent(f.changePercent);
    }

    private static String direction(Finding f) {
        return "higher_is_better".equals(f.direction) ? "higher is better" : "lower is better";
    }

    /** A configuration by its swept parameters ({@code {num_ctx=2048, num_gpu=999}}), else by all dimensions. */
    public static String configuration(Finding f, Map<String, String> series) {
        if (f.parameters == null || f.parameters.isEmpty() || series == null) {
            return dims(series);
        }
        Map<String, String> swept = new TreeMap<>(series);
        swept.keySet().retainAll(f.parameters);
        return dims(swept);
    }

    static String dims(Map<String, String> series) {
        return "{"
                + (series == null
                        ? ""
                        : new TreeMap<>(series)
                                .entrySet().stream()
                                        .map(e -> e.getKey() + "=" + e.getValue())
                                        .collect(Collectors.joining(", ")))
                + "}";
    }

    private static double nonNull(Double value) {
        return value == null ? Double.NaN : value;
    }

    /** The findings a narrator is told, most urgent first: at most {@code limit}. */
    public static List<Finding> forPrompt(List<Finding> findings, int limit) {
        return findings.stream()
                .filter(f -> !f.kind.equals(Finding.REGRESSION) && !f.kind.equals(Finding.IMPROVEMENT))
                .limit(limit)
                .toList();
    }
}
