package io.chimera.telemetry.render;

import io.chimera.telemetry.aggregate.Findings;
import io.chimera.telemetry.narrate.FindingText;
import io.chimera.telemetry.records.Finding;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.text.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The charts that compare a window's configurations, as inline SVG: per metric, its series side by side (sorted
 * best first when the metric has a direction, the best highlighted; a dot at the p50, a line from min to max);
 * per swept parameter, the metric's mean at each of its values (a line); and for a ranked metric swept over two
 * or more parameters, a heat map of its mean at each pair of values of the two that mattered most.
 */
public final class ComparisonCharts {

    /** Bars beyond this many are left out of a chart (the best and the worst always stay), and it says so. */
    static final int MAX_BARS = 40;

    private static final int BAR_HEIGHT = 14;
    private static final int LABEL_WIDTH = 320;
    private static final int PLOT_WIDTH = 360;
    private static final int VALUE_WIDTH = 130;

    private ComparisonCharts() {}

    /** One comparison chart per metric with two or more measured series, in the order of the findings' rankings. */
    public static String metrics(List<SeriesStats> statistics, List<Finding> findings) {
        Map<String, List<SeriesStats>> byMetric = new TreeMap<>();
        for (SeriesStats s : statistics) {
            if (s.count > 0) {
                byMetric.computeIfAbsent(key(s.metric, s.unit), k -> new ArrayList<>())
                        .add(s);
            }
        }
        Map<String, Finding> best = new TreeMap<>();
        for (Finding f : findings) {
            if (Finding.BEST.equals(f.kind)) {
                best.put(key(f.metric, f.unit), f);
            }
        }
        List<String> order = new ArrayList<>(best.keySet().stream()
                .sorted(Comparator.comparingInt(k -> findings.indexOf(best.get(k))))
                .toList());
        byMetric.keySet().stream().filter(k -> !best.containsKey(k)).forEach(order::add);
        StringBuilder html = new StringBuilder();
        for (String metric : order) {
            List<SeriesStats> series = byMetric.get(metric);
            if (series != null && series.size() >= 2) {
                html.append(metricChart(series, best.get(metric)));
            }
        }
        return html.toString();
    }

    static String metricChart(List<SeriesStats> series, Finding best) {
        SeriesStats first = series.get(0);
        boolean higher = best != null && "higher_is_better".equals(best.direction);
        List<SeriesStats> sorted = new ArrayList<>(series);
        Comparator<SeriesStats> byMean = Comparator.comparingDouble(s -> s.mean);
        sorted.sort(
                best == null
                        ? Comparator.comparing((SeriesStats s) -> s.series.toString())
                        : higher ? byMean.reversed() : byMean);
        int omitted = 0;
        if (sorted.size() > MAX_BARS) {
            omitted = sorted.size() - MAX_BARS;
            List<SeriesStats> kept = new ArrayList<>(sorted.subList(0, MAX_BARS - 1));
            kept.add(sorted.get(sorted.size() - 1));
            sorted = kept;
        }
        double lowest = sorted.stream().mapToDouble(s -> s.min).min().orElse(0);
        double highest = sorted.stream().mapToDouble(s -> s.max).max().orElse(1);
        // Scaled to the values, not from zero: a sweep's configurations often differ by a few percent.
        double pad = highest == lowest ? Math.max(1e-9, Math.abs(highest) * 0.05) : (highest - lowest) * 0.04;
        double min = lowest - pad;
        double span = highest + pad - min;
        int top = 16;
        int height = top + sorted.size() * (BAR_HEIGHT + 4) + 4;
        int width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
        String unit = first.unit == null ? "" : " " + first.unit;
        StringBuilder svg = new StringBuilder();
        svg.append("<figure class=\"comparison\"><figcaption><strong>")
                .append(ReportHtml.escape(first.metric))
                .append(ReportHtml.escape(unit.isEmpty() ? "" : " [" + first.unit + "]"))
                .append("</strong> · ")
                .append(sorted.size())
                .append(" series, ")
                .append(
                        best == null
                                ? "no direction known: not ranked"
                                : (higher ? "higher is better" : "lower is better") + ", best first")
                .append(" · dot: p50, line: min–max")
                .append(omitted > 0 ? " · " + omitted + " middle series left out" : "")
                .append("</figcaption>\n");
        svg.append(String.format(
                Locale.ROOT,
                "<svg class=\"compare\" width=\"%d\" height=\"%d\" role=\"img\" "
                        + "aria-label=\"%s across %d series\">",
                width,
                height,
                ReportHtml.escape(first.metric),
                sorted.size()));
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"11\" font-size=\"10\" fill=\"#555\">%s</text>"
                        + "<text x=\"%d\" y=\"11\" font-size=\"10\" fill=\"#555\" text-anchor=\"end\">%s</text>",
                LABEL_WIDTH,
                ReportHtml.escape(Numbers.human(lowest) + unit),
                LABEL_WIDTH + PLOT_WIDTH,
                ReportHtml.escape(Numbers.human(highest) + unit)));
        for (int i = 0; i < sorted.size(); i++) {
            SeriesStats s = sorted.get(i);
            boolean isBest = best != null && s.series.equals(best.series);
            double y = top + i * (BAR_HEIGHT + 4);
            double mid = y + BAR_HEIGHT / 2.0;
            double xp50 = LABEL_WIDTH + (s.p50 - min) / span * PLOT_WIDTH;
            double xMin = LABEL_WIDTH + (s.min - min) / span * PLOT_WIDTH;
            double xMax = LABEL_WIDTH + (s.max - min) / span * PLOT_WIDTH;
            String name = configuration(s, best);
            String colour = isBest ? "#2e7d32" : "#1565c0";
            svg.append(String.format(
                    Locale.ROOT,
                    "<g class=\"bar%s\"><title>%s: mean %s, p50 %s, min %s, max %s%s"
                            + " (%d %s)</title>"
                            + "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%d\" fill=\"%s\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>"
                            + "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>"
                            + "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\">%s</text></g>",
                    isBest ? " best" : "",
                    ReportHtml.escape(name),
                    Numbers.human(s.mean),
                    Numbers.human(s.p50),
                    Numbers.human(s.min),
                    Numbers.human(s.max),
                    ReportHtml.escape(unit),
                    s.count,
                    s.count == 1 ? "value" : "values",
                    LABEL_WIDTH,
                    y,
                    PLOT_WIDTH,
                    BAR_HEIGHT,
                    i % 2 == 0 ? "#f5f7fa" : "#ffffff",
                    LABEL_WIDTH - 6,
                    y + BAR_HEIGHT - 3,
                    ReportHtml.escape(shorten(name)),
                    xMin,
                    mid,
                    xMax,
                    mid,
                    colour,
                    xp50,
                    mid,
                    colour,
                    LABEL_WIDTH + PLOT_WIDTH + 6,
                    y + BAR_HEIGHT - 3,
                    ReportHtml.escape(Numbers.human(s.p50) + unit + (isBest ? " ★ best" : ""))));
        }
        svg.append("</svg></figure>\n");
        return svg.toString();
    }

    /** One line chart per effect finding: the metric's mean at each value of the parameter. */
    public static String sweeps(List<Finding> findings) {
        StringBuilder html = new StringBuilder();
        for (Finding f : findings) {
            if (Finding.EFFECT.equals(f.kind) && f.levels.size() >= 2) {
                html.append(sweepChart(f));
            }
        }
        return html.toString();
    }

    static String sweepChart(Finding f) {
        int width = 320;
        int height = 120;
        int left = 50;
        int bottom = 24;
        double min = f.levels.stream().mapToDouble(l -> l.mean).min().orElse(0);
        double max = f.levels.stream().mapToDouble(l -> l.mean).max().orElse(1);
        double span = max - min == 0 ? 1 : max - min;
        StringBuilder points = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < f.levels.size(); i++) {
            Finding.Level level = f.levels.get(i);
            double x = left + 10 + i * (width - left - 30.0) / (f.levels.size() - 1);
            double y = 8 + (max - level.mean) / span * (height - bottom - 16);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            marks.append(String.format(
                    Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#0d47a1\">"
                            + "<title>%s=%s: mean %s over %d series</title></circle>"
                            + "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
                    x,
                    y,
                    ReportHtml.escape(f.parameter),
                    ReportHtml.escape(level.value),
                    Numbers.human(level.mean),
                    level.series,
                    x,
                    height - 8,
                    ReportHtml.escape(level.value)));
        }
        String unit = f.unit == null ? "" : " [" + f.unit + "]";
        return String.format(
                Locale.ROOT,
                "<figure class=\"sweep\"><figcaption>%s on <strong>%s</strong>: %s from"
                        + " lowest to highest value%s</figcaption><svg class=\"sweep\" width=\"%d\" height=\"%d\""
                        + " role=\"img\" aria-label=\"%s by %s\"><text x=\"4\" y=\"14\" font-size=\"10\">%s</text>"
                        + "<text x=\"4\" y=\"%d\" font-size=\"10\">%s</text><polyline fill=\"none\" stroke=\"#0d47a1\""
                        + " stroke-width=\"1.5\" points=\"%s\"/>%s</svg></figure>\n",
                ReportHtml.escape(f.parameter),
                ReportHtml.escape(f.metric + unit),
                f.changePercent == null ? "n/a" : Numbers.percent(f.changePercent),
                Boolean.TRUE.equals(f.heldFixed) ? ", other parameters held fixed" : "",
                width,
                height,
                ReportHtml.escape(f.metric),
                ReportHtml.escape(f.parameter),
                Numbers.human(max),
                height - bottom,
                Numbers.human(min),
                points.toString().trim(),
                marks);
    }

    /**
     * A heat map per ranked metric swept over two or more parameters: its mean at each pair of values of the two
     * parameters with the largest effects (blank where the pair did not run; the means are over the other
     * parameters' values, and the caption says so), darker for better.
     */
    public static String heatMaps(List<SeriesStats> statistics, List<Finding> findings) {
        StringBuilder html = new StringBuilder();
        Map<String, List<Finding>> effects = new TreeMap<>();
        for (Finding f : findings) {
            if (Finding.EFFECT.equals(f.kind) && f.parameters.size() >= 2 && !"unknown".equals(f.direction)) {
                effects.computeIfAbsent(key(f.metric, f.unit), k -> new ArrayList<>())
                        .add(f);
            }
        }
        for (List<Finding> metric : effects.values()) {
            if (metric.size() < 2) {
                continue;
            }
            List<Finding> strongest = metric.stream()
                    .sorted(Comparator.comparingDouble(
                            (Finding f) -> f.changePercent == null ? 0 : -Math.abs(f.changePercent)))
                    .limit(2)
                    .toList();
            Finding f = strongest.get(0);
            String rows = strongest.get(0).parameter;
            String columns = strongest.get(1).parameter;
            Map<String, Map<String, List<Double>>> cells = new TreeMap<>(Findings::compareValues);
            TreeSet<String> columnValues = new TreeSet<>(Findings::compareValues);
            for (SeriesStats s : statistics) {
                if (s.count > 0
                        && s.metric.equals(f.metric)
                        && Objects.equals(s.unit, f.unit)
                        && s.series.containsKey(rows)
                        && s.series.containsKey(columns)) {
                    cells.computeIfAbsent(s.series.get(rows), k -> new TreeMap<>(Findings::compareValues))
                            .computeIfAbsent(s.series.get(columns), k -> new ArrayList<>())
                            .add(s.mean);
                    columnValues.add(s.series.get(columns));
                }
            }
            List<String> others = f.parameters.stream()
                    .filter(p -> !p.equals(rows) && !p.equals(columns))
                    .toList();
            html.append(heatMap(f, rows, columns, others, cells, columnValues));
        }
        return html.toString();
    }

    private static String heatMap(
            Finding f,
            String rows,
            String columns,
            List<String> others,
            Map<String, Map<String, List<Double>>> cells,
            TreeSet<String> columnValues) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Map<String, List<Double>> row : cells.values()) {
            for (List<Double> values : row.values()) {
                double mean = values.stream()
                        .mapToDouble(Double::doubleValue)
                        .average()
                        .orElse(0);
                min = Math.min(min, mean);
                max = Math.max(max, mean);
            }
        }
        boolean lowerBetter = "lower_is_better".equals(f.direction);
        StringBuilder html = new StringBuilder("<figure class=\"heatmap\"><figcaption><strong>")
                .append(ReportHtml.escape(f.metric + (f.unit == null ? "" : " [" + f.unit + "]")))
                .append("</strong> by ")
                .append(ReportHtml.escape(rows))
                .append(" (rows) and ")
                .append(ReportHtml.escape(columns))
                .append(" (columns), darker is better")
                .append(
                        others.isEmpty()
                                ? ""
                                : "; each cell the mean over " + ReportHtml.escape(String.join(", ", others)))
                .append("</figcaption>")
                .append("<table class=\"heatmap\"><tr><th></th>");
        for (String column : columnValues) {
            html.append("<th>").append(ReportHtml.escape(column)).append("</th>");
        }
        html.append("</tr>");
        for (Map.Entry<String, Map<String, List<Double>>> row : cells.entrySet()) {
            html.append("<tr><th>").append(ReportHtml.escape(row.getKey())).append("</th>");
            for (String column : columnValues) {
                List<Double> values = row.getValue().get(column);
                if (values == null) {
                    html.append("<td class=\"num\"></td>");
                    continue;
                }
                double mean = values.stream()
                        .mapToDouble(Double::doubleValue)
                        .average()
                        .orElse(0);
                double share = max == min ? 0.5 : (mean - min) / (max - min);
                double goodness = lowerBetter ? 1 - share : share;
                int light = (int) Math.round(95 - goodness * 55);
                html.append(String.format(
                        Locale.ROOT,
                        "<td class=\"num cell\" style=\"background:hsl(210,70%%,%d%%)" + ";color:%s\">%s</td>",
                        light,
                        light < 60 ? "#fff" : "#222",
                        Numbers.human(mean)));
            }
            html.append("</tr>");
        }
        return html.append("</table></figure>\n").toString();
    }

    private static String configuration(SeriesStats s, Finding best) {
        if (best != null) {
            return FindingText.configuration(best, s.series);
        }
        return "{"
                + String.join(
                        ", ",
                        new TreeMap<>(s.series)
                                .entrySet().stream()
                                        .map(e -> e.getKey() + "=" + e.getValue())
                                        .toList())
                + "}";
    }

    private static String shorten(String text) {
        return text.length() <= 44 ? text : text.substring(0, 43) + "…";
    }

    private static String key(String metric, String unit) {
        return metric + "\u0000" + Objects.toString(unit, "");
    }
}
