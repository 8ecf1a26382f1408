package io.chimera.telemetry.narrate;

import io.chimera.telemetry.parse.FieldNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a text names a window's metrics: by name ({@code prompt_eval_s}, or {@code prompt eval s}), by name
 * without its unit suffix ({@code prompt eval}), or by a common synonym ({@code TTFT}, {@code time to first
 * token}; {@code throughput} for tokens per second; {@code latency} for a metric in ms). A synonym several metrics
 * share names all of them. Where names overlap, the longest wins: {@code prompt eval} is not {@code eval}.
 */
public final class MetricMentions {

    /** One place a text names metrics. */
    public record Mention(int start, int end, Set<String> metrics) {}

    private static final Pattern UNIT_SUFFIX =
            Pattern.compile("[ _](s|ms|us|ns|sec|secs|seconds|mb|gb|kb|bytes|pct|percent)$");
    /** What is left of {@code mean_s} or {@code p95_ms} without the unit names a statistic, not a metric. */
    private static final Set<String> STATISTIC_WORDS = Set.of(
            "mean",
            "median",
            "avg",
            "average",
            "min",
            "max",
            "minimum",
            "maximum",
            "total",
            "sum",
            "count",
            "std",
            "stddev",
            "p50",
            "p90",
            "p95",
            "p99",
            "value",
            "time",
            "duration",
            "results",
            "run");

    private final Pattern names;
    private final Map<String, Set<String>> metricsByName;

    private MetricMentions(Map<String, Set<String>> metricsByName) {
        this.metricsByName = metricsByName;
        List<String> sorted = new ArrayList<>(metricsByName.keySet());
        sorted.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        StringBuilder alternatives = new StringBuilder();
        for (String name : sorted) {
            alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(name));
        }
        this.names = sorted.isEmpty()
                ? null
                : Pattern.compile(
                        "(?<![\\p{L}\\p{N}_])(?:" + alternatives + ")(?![\\p{L}\\p{N}_])",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    public static MetricMentions of(Collection<String> metrics) {
        Map<String, Set<String>> byName = new HashMap<>();
        for (String metric : new TreeSet<>(metrics)) {
            for (String name : namesOf(metric)) {
                byName.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new LinkedHashSet<>())
                        .add(metric);
            }
        }
        return new MetricMentions(byName);
    }

    /** The names a metric goes by, its own first. */
    static Set<String> namesOf(String metric) {
        Set<String> names = new LinkedHashSet<>();
        String own = metric.trim();
        if (own.isEmpty()) {
            return names;
        }
        names.add(own);
        names.add(own.replace('_', ' '));
        String normal = FieldNames.normalise(own);
        Matcher suffix = UNIT_SUFFIX.matcher(normal);
        if (suffix.find() && suffix.start() > 1 && !STATISTIC_WORDS.contains(normal.substring(0, suffix.start()))) {
            String bare = normal.substring(0, suffix.start());
            names.add(bare);
            names.add(bare.replace('_', ' '));
        }
        if (normal.contains("ttft") || normal.contains("first_token")) {
            names.addAll(List.of("ttft", "time to first token", "time-to-first-token", "first token", "first-token"));
        }
        if (normal.matches(".*(tokens_s|tok_s|tokens_per_s|throughput|tps|token_rate).*")) {
            names.addAll(List.of("throughput", "tokens per second", "tokens/s", "token rate", "generation speed"));
        }
        if (normal.endsWith("_ms") || normal.contains("latency")) {
            names.add("latency");
        }
        if (normal.startsWith("load")) {
            names.addAll(List.of("load time", "load duration", "loading time", "model load"));
        }
        if (normal.startsWith("prompt_eval")) {
            names.addAll(List.of("prompt evaluation", "prompt processing", "prompt eval"));
        }
        if (normal.equals("eval_s") || normal.equals("eval_duration") || normal.equals("eval_time")) {
            names.addAll(List.of("eval time", "evaluation time", "eval duration", "generation time"));
        }
        if (normal.equals("eval_count")) {
            names.addAll(List.of("eval count", "tokens generated", "generated tokens", "output tokens"));
        }
        if (normal.contains("memory") || normal.contains("rss") || normal.contains("vram")) {
            names.add("memory");
        }
        names.removeIf(name -> name.length() < 2);
        return names;
    }

    /** Every mention in the text, in order, none overlapping. */
    public List<Mention> in(String text) {
        List<Mention> mentions = new ArrayList<>();
        if (names == null) {
            return mentions;
        }
        Matcher matcher = names.matcher(text);
        while (matcher.find()) {
            Set<String> metrics = metricsByName.get(matcher.group().toLowerCase(Locale.ROOT));
            if (metrics != null) {
                mentions.add(new Mention(matcher.start(), matcher.end(), metrics));
            }
        }
        return mentions;
    }
}
