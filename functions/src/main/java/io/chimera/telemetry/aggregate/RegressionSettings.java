package io.chimera.telemetry.aggregate;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * When a window's mean counts as a regression or an improvement: it must differ from the baseline (the series'
 * last {@code baselineWindows} window means) by at least {@code relativeThreshold} AND by at least
 * {@code zThreshold} of the baseline's spread, and only once the baseline has {@code minBaseline} windows. The
 * defaults (10 %, z 4) keep pure noise to well under one false alarm per thousand windows whatever its level: the
 * relative threshold silences quiet series, the z-score noisy ones.
 *
 * @param rules per-metric thresholds and directions, first match wins; patterns are globs on the metric name
 * @param resetFile a control file of baseline resets (see {@link BaselineResets}); null for none
 * @param retention a series silent for this long loses its baseline
 */
public record RegressionSettings(
        int baselineWindows,
        int minBaseline,
        double relativeThreshold,
        double zThreshold,
        List<Rule> rules,
        String resetFile,
        Duration retention)
        implements Serializable {

    public RegressionSettings {
        if (minBaseline < 2 || baselineWindows < minBaseline) {
            throw new IllegalArgumentException("--baseline-windows must be ≥ --min-baseline ≥ 2");
        }
        if (relativeThreshold < 0 || zThreshold < 0) {
            throw new IllegalArgumentException("regression thresholds must not be negative");
        }
        rules = List.copyOf(rules);
    }

    public static RegressionSettings defaults() {
        return new RegressionSettings(20, 5, 0.10, 4.0, List.of(), null, Duration.ofDays(30));
    }

    public RegressionSettings withRules(List<Rule> newRules) {
        return new RegressionSettings(
                baselineWindows, minBaseline, relativeThreshold, zThreshold, newRules, resetFile, retention);
    }

    /** The thresholds and direction for a metric: the first matching rule's, else the defaults. */
    public Rule ruleFor(String metric) {
        for (Rule rule : rules) {
            if (rule.matches(metric)) {
                return rule;
            }
        }
        return new Rule("*", relativeThreshold, zThreshold, null);
    }

    /** Whether more of a metric is better: its rule's direction, else the one its name and unit say. */
    public MetricDirection directionOf(String metric, String unit) {
        MetricDirection configured = ruleFor(metric).direction();
        return configured != null ? configured : MetricDirection.of(metric, unit);
    }

    /**
     * {@code pattern=10%,4,lower}: for metrics matching the glob, the relative threshold, the z threshold and
     * the direction (each optional but the first; omitted ones take the defaults).
     *
     * @param direction null to infer it from the metric's name and unit
     */
    public record Rule(String pattern, double relativeThreshold, double zThreshold, MetricDirection direction)
            implements Serializable {

        public boolean matches(String metric) {
            return Pattern.compile(globToRegex(pattern), Pattern.CASE_INSENSITIVE)
                    .matcher(metric)
                    .matches();
        }

        public static Rule parse(String text, RegressionSettings defaults) {
            int equals = text.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(
                        "--regression-rule needs PATTERN=REL%[,Z][,higher|lower], got '" + text + "'");
            }
            String[] parts = text.substring(equals + 1).split(",");
            double relative = defaults.relativeThreshold();
            double z = defaults.zThreshold();
            MetricDirection direction = null;
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i].trim().toLowerCase(Locale.ROOT);
                if (part.isEmpty()) {
                    continue;
                }
                if (part.startsWith("higher") || part.startsWith("lower")) {
                    direction = MetricDirection.parse(part);
                } else if (i == 0) {
                    relative = part.endsWith("%")
                            ? Double.parseDouble(part.substring(0, part.length() - 1)) / 100.0
                            : Double.parseDouble(part);
                } else {
                    z = Double.parseDouble(part);
                }
            }
            return new Rule(text.substring(0, equals).trim(), relative, z, direction);
        }

        private static String globToRegex(String glob) {
            StringBuilder regex = new StringBuilder();
            for (char c : glob.toCharArray()) {
                switch (c) {
                    case '*' -> regex.append(".*");
                    case '?' -> regex.append('.');
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return regex.toString();
        }
    }
}
