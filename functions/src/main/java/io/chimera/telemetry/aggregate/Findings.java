package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.Finding;
import io.chimera.telemetry.records.SeriesStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.stat.descriptive.StatisticalSummaryValues;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * What a window's statistics say about its configurations, per metric (metric and unit): the best and the worst
 * series (by their means, for metrics whose direction is known), each swept parameter's effect, the series with
 * failed values, and the regression detector's verdicts. A difference between two series is tested with Welch's
 * t-test when both have several values; series of one value are compared as values, and the finding says so. An
 * effect over series of one value each is tested across the combinations of the other parameters (a sign test).
 */
public final class Findings {

    /** At most this many findings a window, most urgent kinds first, so that a report stays bounded. */
    public static final int MAX_FINDINGS = 200;

    static final double SIGNIFICANCE = 0.05;
    /** Dimensions that name where values came from, never what was swept. */
    private static final Set<String> NOT_PARAMETERS = Set.of("file", "source", "path");

    private Findings() {}

    public static List<Finding> of(List<SeriesStats> stats, List<Alert> alerts) {
        return of(stats, alerts, MetricDirection::of);
    }

    /** @param directions a metric's direction from its name and unit (the configured rules', or inferred) */
    public static List<Finding> of(
            List<SeriesStats> stats, List<Alert> alerts, BiFunction<String, String, MetricDirection> directions) {
        List<Finding> urgent = new ArrayList<>();
        for (Alert alert : alerts) {
            if (!Alert.WITHDRAWN.equals(alert.kind)) {
                urgent.add(alertFinding(alert));
            }
        }
        Map<String, List<SeriesStats>> byMetric = new TreeMap<>();
        Map<String, List<SeriesStats>> failingByConfiguration = new TreeMap<>();
        for (SeriesStats s : stats) {
            byMetric.computeIfAbsent(s.metric + "\u0000" + Objects.toString(s.unit, ""), k -> new ArrayList<>())
                    .add(s);
            if (s.failed > 0) {
                failingByConfiguration
                        .computeIfAbsent(new TreeMap<>(s.series).toString(), k -> new ArrayList<>())
                        .add(s);
            }
        }
        failingByConfiguration.values().forEach(failing -> urgent.add(failure(failing)));
        List<Finding> rankings = new ArrayList<>();
        List<Finding> effects = new ArrayList<>();
        for (List<SeriesStats> metric : byMetric.values()) {
            List<SeriesStats> measured = metric.stream()
                    .filter(s -> s.count > 0)
                    .sorted(Comparator.comparing(s -> s.series.toString()))
                    .toList();
            if (measured.size() < 2) {
                continue;
            }
            SeriesStats first = measured.get(0);
            MetricDirection direction = directions.apply(first.metric, first.unit);
            List<String> parameters = sweptParameters(measured);
            if (direction != MetricDirection.UNKNOWN) {
                bestAndWorst(measured, direction).forEach(f -> {
                    f.parameters = parameters;
                    rankings.add(f);
                });
            }
            effects(measured, direction, parameters).forEach(f -> {
                f.parameters = parameters;
                effects.add(f);
            });
        }
        List<Finding> all = new ArrayList<>(urgent);
        // Throughput first: it is what a sweep is usually run for; times and sizes after.
        Comparator<Finding> throughputFirst =
                Comparator.comparing((Finding f) -> !f.direction.equals(MetricDirection.HIGHER_IS_BETTER.label()));
        rankings.sort(throughputFirst);
        all.addAll(rankings);
        effects.sort(throughputFirst);
        all.addAll(effects);
        return all.size() > MAX_FINDINGS ? new ArrayList<>(all.subList(0, MAX_FINDINGS)) : all;
    }

    private static List<Finding> bestAndWorst(List<SeriesStats> measured, MetricDirection direction) {
        Comparator<SeriesStats> better = Comparator.comparingDouble((SeriesStats s) -> s.mean);
        if (direction == MetricDirection.HIGHER_IS_BETTER) {
            better = better.reversed();
        }
        List<SeriesStats> ranked = measured.stream().sorted(better).toList();
        SeriesStats best = ranked.get(0);
        SeriesStats worst = ranked.get(ranked.size() - 1);
        if (best.mean == worst.mean) {
            return List.of();
        }
        return List.of(
                ranking(Finding.BEST, best, worst, direction, ranked.size()),
                ranking(Finding.WORST, worst, best, direction, ranked.size()));
    }

    private static Finding ranking(
            String kind, SeriesStats s, SeriesStats other, MetricDirection direction, int compared) {
        Finding finding = base(kind, s.metric, s.unit, direction);
        finding.series = new TreeMap<>(s.series);
        finding.otherSeries = new TreeMap<>(other.series);
        finding.seriesCompared = compared;
        compare(finding, s.mean, other.mean);
        test(finding, List.of(s), List.of(other));
        return finding;
    }

    /**
     * Per swept parameter, the metric's mean at each of its values. The other parameters are held fixed where the
     * data allow: the means are over the combinations of the other parameters that were run at every value of
     * this one. Without such a combination, the means are over all series at each value ({@code heldFixed} false).
     */
    static List<Finding> effects(List<SeriesStats> measured, MetricDirection direction, List<String> parameters) {
        Set<String> varying = varyingDimensions(measured);
        List<Finding> found = new ArrayList<>();
        for (String parameter : parameters) {
            List<String> values = measured.stream()
                    .map(s -> s.series.get(parameter))
                    .filter(Objects::nonNull)
                    .distinct()
                    .sorted(Findings::compareValues)
                    .toList();
            if (values.size() < 2 || measured.stream().anyMatch(s -> !s.series.containsKey(parameter))) {
                continue;
            }
            if (parameters.size() == 1 && values.stream().anyMatch(v -> number(v) == null)) {
                // Models or backends side by side, nothing else varied: best and worst already say it.
                continue;
            }
            // Blocks: the series that agree on every other varying dimension but those derived from the rest.
            Map<Map<String, String>, Map<String, List<SeriesStats>>> blocks = new LinkedHashMap<>();
            for (SeriesStats s : measured) {
                Map<String, String> rest = new TreeMap<>();
                for (String other : parameters) {
                    if (!other.equals(parameter)) {
                        rest.put(other, s.series.get(other));
                    }
                }
                for (String other : varying) {
                    if (NOT_PARAMETERS.contains(other)) {
                        rest.put(other, s.series.get(other));
                    }
                }
                blocks.computeIfAbsent(rest, k -> new HashMap<>())
                        .computeIfAbsent(s.series.get(parameter), k -> new ArrayList<>())
                        .add(s);
            }
            List<Map<String, List<SeriesStats>>> complete = blocks.values().stream()
                    .filter(block -> block.keySet().containsAll(values))
                    .toList();
            boolean heldFixed = !complete.isEmpty();
            Finding finding = base(Finding.EFFECT, measured.get(0).metric, measured.get(0).unit, direction);
            finding.parameter = parameter;
            finding.series = commonDimensions(measured);
            finding.heldFixed = heldFixed;
            Map<String, List<SeriesStats>> atValue = new HashMap<>();
            for (String value : values) {
                double mean;
                int count;
                List<SeriesStats> series;
                if (heldFixed) {
                    series = complete.stream()
                            .flatMap(block -> block.get(value).stream())
                            .toList();
                    mean = complete.stream()
                            .mapToDouble(block -> meanOfMeans(block.get(value)))
                            .average()
                            .orElse(Double.NaN);
                } else {
                    series = measured.stream()
                            .filter(s -> value.equals(s.series.get(parameter)))
                            .toList();
                    mean = meanOfMeans(series);
                }
                count = series.size();
                atValue.put(value, series);
                finding.levels.add(new Finding.Level(value, mean, count));
            }
            Finding.Level lowest = finding.levels.get(0);
            Finding.Level highest = finding.levels.get(finding.levels.size() - 1);
            compare(finding, highest.mean, lowest.mean);
            test(finding, atValue.get(highest.value), atValue.get(lowest.value));
            if (Finding.SINGLE_VALUES.equals(finding.test) && complete.size() >= 2) {
                signTest(finding, complete, lowest.value, highest.value);
            }
            found.add(finding);
        }
        return found;
    }

    /**
     * The dimensions that vary within a metric, less those that only name a combination of the others (a
     * {@code config_name} of {@code g999_c1024_t0.2} beside num_gpu, num_ctx and temperature: one value per
     * combination, one combination per value) and those that name where values came from. Of two dimensions that
     * name each other, the one with more values goes.
     */
    static List<String> sweptParameters(List<SeriesStats> measured) {
        Set<String> candidates = new LinkedHashSet<>(varyingDimensions(measured));
        boolean removed = true;
        while (removed && candidates.size() > 1) {
            removed = false;
            List<String> byValues = candidates.stream()
                    .sorted(Comparator.comparingLong((String d) -> distinct(measured, d))
                            .reversed()
                            .thenComparing(Comparator.reverseOrder()))
                    .toList();
            for (String dimension : byValues) {
                List<String> others =
                        candidates.stream().filter(d -> !d.equals(dimension)).toList();
                if (determinedBy(measured, dimension, others) && determinesAll(measured, dimension, others)) {
                    candidates.remove(dimension);
                    removed = true;
                    break;
                }
            }
        }
        candidates.removeAll(NOT_PARAMETERS);
        return candidates.stream().sorted().toList();
    }

    private static Set<String> varyingDimensions(List<SeriesStats> measured) {
        Set<String> all = new java.util.TreeSet<>();
        measured.forEach(s -> all.addAll(s.series.keySet()));
        return all.stream().filter(d -> distinct(measured, d) > 1).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static long distinct(List<SeriesStats> measured, String dimension) {
        return measured.stream()
                .map(s -> Objects.toString(s.series.get(dimension), ""))
                .distinct()
                .count();
    }

    private static boolean determinedBy(List<SeriesStats> measured, String dimension, List<String> others) {
        if (others.isEmpty()) {
            return false;
        }
        Map<List<String>, String> seen = new HashMap<>();
        for (SeriesStats s : measured) {
            List<String> key = others.stream()
                    .map(d -> Objects.toString(s.series.get(d), ""))
                    .toList();
            String value = Objects.toString(s.series.get(dimension), "");
            String before = seen.putIfAbsent(key, value);
            if (before != null && !before.equals(value)) {
                return false;
            }
        }
        return true;
    }

    /** Whether each value of the dimension goes with one combination of the others only. */
    private static boolean determinesAll(List<SeriesStats> measured, String dimension, List<String> others) {
        Map<String, List<String>> seen = new HashMap<>();
        for (SeriesStats s : measured) {
            List<String> combination = others.stream()
                    .map(d -> Objects.toString(s.series.get(d), ""))
                    .toList();
            List<String> before = seen.putIfAbsent(Objects.toString(s.series.get(dimension), ""), combination);
            if (before != null && !before.equals(combination)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> commonDimensions(List<SeriesStats> measured) {
        Map<String, String> common = new TreeMap<>(measured.get(0).series);
        for (SeriesStats s : measured) {
            common.entrySet().removeIf(e -> !e.getValue().equals(s.series.get(e.getKey())));
        }
        return common;
    }

    private static double meanOfMeans(List<SeriesStats> series) {
        return series.stream().mapToDouble(s -> s.mean).average().orElse(Double.NaN);
    }

    /** Numbers by value (1024 before 4096, 0.2 before 0.8), then text; numbers before text. */
    public static int compareValues(String a, String b) {
        Double x = number(a);
        Double y = number(b);
        if (x != null && y != null) {
            int byValue = Double.compare(x, y);
            return byValue != 0 ? byValue : a.compareTo(b);
        }
        if (x != null || y != null) {
            return x != null ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static Double number(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * One configuration's failures: the metrics that counted failed values (comma-separated when several), the
     * most failed values any of them counted, and beside them the most values that did not fail.
     */
    private static Finding failure(List<SeriesStats> failing) {
        Finding finding = new Finding();
        finding.kind = Finding.FAILURE;
        finding.metric = failing.stream().map(s -> s.metric).distinct().sorted().collect(Collectors.joining(", "));
        List<String> units = failing.stream()
                .map(s -> Objects.toString(s.unit, ""))
                .distinct()
                .toList();
        finding.unit = units.size() == 1 && !units.get(0).isEmpty() ? units.get(0) : null;
        finding.direction = MetricDirection.UNKNOWN.label();
        finding.series = new TreeMap<>(failing.get(0).series);
        finding.value = failing.stream().mapToLong(s -> s.failed).max().orElse(0);
        finding.other = (double) failing.stream().mapToLong(s -> s.count).max().orElse(0);
        return finding;
    }

    private static Finding alertFinding(Alert alert) {
        Finding finding = new Finding();
        finding.kind = alert.kind;
        finding.metric = alert.metric;
        finding.unit = alert.unit;
        finding.direction = alert.direction;
        finding.series = new TreeMap<>(alert.series);
        compare(finding, alert.mean, alert.baselineMean);
        finding.test = Finding.BASELINE;
        finding.significant = true;
        return finding;
    }

    private static Finding base(String kind, String metric, String unit, MetricDirection direction) {
        Finding finding = new Finding();
        finding.kind = kind;
        finding.metric = metric;
        finding.unit = unit;
        finding.direction = direction.label();
        return finding;
    }

    private static void compare(Finding finding, double value, double other) {
        finding.value = value;
        finding.other = other;
        if (other != 0 && Double.isFinite(other)) {
            finding.ratio = value / other;
            finding.changePercent = (value - other) / Math.abs(other) * 100.0;
        }
    }

    /**
     * Welch's t-test of one group of series against another, each group pooled into one sample (their counts,
     * means and variances combined exactly); groups with a series of one value are compared as values.
     */
    private static void test(Finding finding, List<SeriesStats> one, List<SeriesStats> other) {
        if (one.stream().anyMatch(s -> s.count < 2) || other.stream().anyMatch(s -> s.count < 2)) {
            finding.test = Finding.SINGLE_VALUES;
            return;
        }
        StatisticalSummaryValues a = pooled(one);
        StatisticalSummaryValues b = pooled(other);
        finding.test = Finding.WELCH_T;
        if (a.getVariance() == 0 && b.getVariance() == 0) {
            // Two constant samples: any difference between them is certain, none is none.
            finding.pValue = a.getMean() == b.getMean() ? 1.0 : 0.0;
        } else {
            finding.pValue = new TTest().tTest(a, b);
        }
        finding.significant = finding.pValue < SIGNIFICANCE;
    }

    /**
     * With one value per configuration, the blocks (combinations of the other parameters run at every value of
     * this one) are the repetitions: in how many of them the metric was higher at the parameter's highest value
     * than at its lowest, and a two-sided sign test of that count (ties left out).
     */
    private static void signTest(
            Finding finding, List<Map<String, List<SeriesStats>>> blocks, String lowest, String highest) {
        int higher = 0;
        int differing = 0;
        for (Map<String, List<SeriesStats>> block : blocks) {
            double difference = meanOfMeans(block.get(highest)) - meanOfMeans(block.get(lowest));
            if (difference != 0) {
                differing++;
                if (difference > 0) {
                    higher++;
                }
            }
        }
        finding.blocks = blocks.size();
        finding.blocksHigher = higher;
        finding.test = Finding.SIGN_TEST;
        if (differing == 0) {
            finding.pValue = 1.0;
        } else {
            BinomialDistribution coin = new BinomialDistribution(null, differing, 0.5);
            double tail = Math.min(coin.cumulativeProbability(higher), 1 - coin.cumulativeProbability(higher - 1));
            finding.pValue = Math.min(1.0, 2 * tail);
        }
        finding.significant = finding.pValue < SIGNIFICANCE;
    }

    static StatisticalSummaryValues pooled(List<SeriesStats> series) {
        long n = 0;
        double mean = 0;
        double m2 = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (SeriesStats s : series) {
            double sM2 = s.stddev * s.stddev * (s.count - 1);
            long total = n + s.count;
            double delta = s.mean - mean;
            m2 += sM2 + delta * delta * n * s.count / total;
            mean += delta * s.count / total;
            n = total;
            min = Math.min(min, s.min);
            max = Math.max(max, s.max);
            sum += s.sum;
        }
        return new StatisticalSummaryValues(mean, n > 1 ? m2 / (n - 1) : 0, n, max, min, sum);
    }
}
