package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.parse.FieldNames;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether more of a metric is better (throughput, ops/s, speedup) or worse (time, latency, memory), read from
 * its unit first and its name second. Metrics that say neither get no regression verdict unless configured.
 */
public enum MetricDirection {
    HIGHER_IS_BETTER("higher_is_better"),
    LOWER_IS_BETTER("lower_is_better"),
    UNKNOWN("unknown");

    private static final Set<String> LOWER_UNITS =
            Set.of("s", "ms", "us", "µs", "ns", "min", "h", "bytes", "kb", "mb", "gb", "kib", "mib", "gib", "w", "°c");
    private static final List<String> HIGHER_NAMES = List.of(
            "throughput",
            "tokens_s",
            "tokens_per_s",
            "tok_s",
            "tps",
            "ops",
            "qps",
            "rps",
            "per_second",
            "per_sec",
            "rate",
            "speedup",
            "bandwidth",
            "accuracy",
            "hit",
            "efficiency",
            "avg_ts",
            "iterations_per");
    private static final List<String> LOWER_NAMES = List.of(
            "time",
            "latency",
            "ttft",
            "tpot",
            "itl",
            "duration",
            "delay",
            "memory",
            "mem",
            "size",
            "loss",
            "error",
            "fail",
            "overhead",
            "penalty",
            "load",
            "elapsed",
            "stddev",
            "rss",
            "bytes");

    private final String label;

    MetricDirection(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static MetricDirection of(String metric, String unit) {
        if (unit != null && !unit.isBlank()) {
            String u = unit.trim().toLowerCase(Locale.ROOT);
            if (u.endsWith("/s") || u.equals("x") || u.equals("hz") || u.endsWith("ops/ms") || u.endsWith("ops/us")) {
                return HIGHER_IS_BETTER;
            }
            if (u.endsWith("/op") || LOWER_UNITS.contains(u)) {
                return LOWER_IS_BETTER;
            }
        }
        String name = FieldNames.normalise(metric == null ? "" : metric);
        for (String higher : HIGHER_NAMES) {
            if (name.contains(higher)) {
                return HIGHER_IS_BETTER;
            }
        }
        for (String lower : LOWER_NAMES) {
            if (name.contains(lower)) {
                return LOWER_IS_BETTER;
            }
        }
        return UNKNOWN;
    }

    public static MetricDirection parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "higher", "higher_is_better", "up" -> HIGHER_IS_BETTER;
            case "lower", "lower_is_better", "down" -> LOWER_IS_BETTER;
            default -> throw new IllegalArgumentException("direction is higher or lower, not '" + text + "'");
        };
    }
}
