package io.chimera.telemetry.render;

import io.chimera.telemetry.narrate.FindingText;
import io.chimera.telemetry.narrate.PromptBuilder;
import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.Finding;
import io.chimera.telemetry.records.Grounding;
import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.text.Numbers;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A report as one self-contained HTML page: inline CSS and SVG, no script, no CDN, so it opens offline. The
 * narrative with its unsupported numbers marked ⚠ (a banner when there are any); the findings with the charts
 * that compare configurations (see {@link ComparisonCharts}); then per series, a range chart (min–max with
 * p50/p95/p99 and the mean marked) and a trend line of its recent window means; failed, regressed and improved
 * series are highlighted.
 */
public final class ReportHtml {

    static final int CHART_WIDTH = 240;
    static final int CHART_HEIGHT = 28;
    static final int TREND_WIDTH = 120;

    private ReportHtml() {}

    /**
     * @param trends recent window means per series label, oldest first, this window last; a series without one
     *     gets no trend line
     */
    public static String render(Report report, Map<String, List<Double>> trends) {
        Map<String, Alert> alerts = new HashMap<>();
        for (Alert alert : report.alerts) {
            alerts.put(PromptBuilder.label(alert.metric, alert.unit, alert.series), alert);
        }
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(escape(report.suite))
                .append(" · ")
                .append(escape(report.windowStart))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:70rem}")
                .append(
                        "table{border-collapse:collapse;width:100%}td,th{padding:.3rem .5rem;border-bottom:1px solid #ddd;")
                .append(
                        "text-align:left;vertical-align:middle}td.num{text-align:right;font-variant-numeric:tabular-nums}")
                .append(
                        "tr.failed{background:#fff4e5}tr.regression{background:#fdecea}tr.improvement{background:#e8f5e9}")
                .append(".badge{font-size:.8em;padding:.1em .4em;border-radius:.3em;margin-left:.3em}")
                .append(
                        ".regression .badge{background:#c62828;color:#fff}.improvement .badge{background:#2e7d32;color:#fff}")
                .append(
                        ".failed .badge{background:#ef6c00;color:#fff}.narrative{white-space:pre-wrap;background:#f7f7f7;")
                .append("padding:1rem;border-radius:.4rem}.meta{color:#555}")
                .append("mark.unsupported{background:#ffe0b2;color:#b71c1c;border-bottom:2px dotted #b71c1c;")
                .append("cursor:help}")
                .append(".banner{background:#fff3e0;border-left:.3rem solid #e65100;padding:.6rem 1rem;")
                .append("margin:1rem 0}")
                .append("figure{margin:1rem 0}figcaption{font-size:.9em;margin-bottom:.3rem}")
                .append(".bar.best text{font-weight:bold}table.heatmap{width:auto}")
                .append("table.heatmap td{min-width:4rem}")
                .append(
                        ".sweeps{display:flex;flex-wrap:wrap;gap:0 1.5rem}.sweeps figure{width:21rem}\n</style></head><body>\n");
        html.append("<h1>Chimera Telemetry Report: ")
                .append(escape(report.suite))
                .append("</h1>\n");
        html.append("<p class=\"meta\">Window ")
                .append(escape(report.windowStart))
                .append(" – ")
                .append(escape(report.windowEnd))
                .append(" (UTC) · narrator ")
                .append(escape(report.narrator))
                .append(" · status ")
                .append(escape(report.status))
                .append(" · grounding ")
                .append(Math.round(report.grounding.ratio * 100))
                .append("% of ")
                .append(report.grounding.numbers)
                .append(" numbers")
                .append(report.dataRevision == 0 ? "" : " · <strong>revision " + report.dataRevision + "</strong>")
                .append("</p>\n");
        if (report.dataRevision > 0) {
            html.append("<p class=\"meta\">Late files added ")
                    .append(report.revisionAdded.files)
                    .append(" files and ")
                    .append(report.revisionAdded.values)
                    .append(" values since the previous revision")
                    .append(
                            report.revisionAdded.sources.isEmpty()
                                    ? ""
                                    : ": " + escape(String.join(", ", report.revisionAdded.sources)))
                    .append(".</p>\n");
        }
        if (report.grounding.ratio < 1.0) {
            int unsupported = report.grounding.unsupported.size();
            html.append("<p class=\"banner\" role=\"alert\">⚠ ")
                    .append(unsupported)
                    .append(unsupported == 1 ? " number" : " numbers")
                    .append(" of ")
                    .append(report.grounding.numbers)
                    .append(" in this narrative ")
                    .append(unsupported == 1 ? "is" : "are")
                    .append(" not supported by the window's statistics (marked ⚠ below; hover for why). Trust the"
                            + " findings and the tables, not those numbers.</p>\n");
        }
        html.append("<h2>Executive summary</h2>\n<div class=\"narrative\">")
                .append(markedNarrative(report))
                .append("</div>\n");
        if (!report.findings.isEmpty()) {
            html.append("<h2>Findings</h2>\n").append(findingList(report));
            html.append(ComparisonCharts.metrics(report.statistics, report.findings));
            String sweeps = ComparisonCharts.sweeps(report.findings);
            if (!sweeps.isEmpty()) {
                html.append("<h3>What each swept parameter did</h3>\n<div class=\"sweeps\">")
                        .append(sweeps)
                        .append("</div>\n")
                        .append(ComparisonCharts.heatMaps(report.statistics, report.findings));
            }
        }
        html.append("<h2>Data inventory</h2>\n<p>")
                .append(report.inventory.files)
                .append(" files (")
                .append(escape(report.inventory.filesByFormat.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "))))
                .append("), ")
                .append(report.inventory.bytes)
                .append(" bytes; ")
                .append(report.inventory.parsed)
                .append(" parsed, ")
                .append(report.inventory.deadLetters)
                .append(" dead letters; ")
                .append(report.inventory.rows)
                .append(" rows, ")
                .append(report.inventory.failedRows)
                .append(" failed.</p>\n");
        html.append("<h2>Series</h2>\n<table>\n<thead><tr><th>series</th><th>range (min–max, p50/p95/p99, mean ◆)</th>")
                .append("<th>trend</th><th>count</th><th>failed</th><th>mean</th><th>p50</th><th>p95</th><th>p99</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (SeriesStats stats : report.statistics) {
            String label = PromptBuilder.label(stats.metric, stats.unit, stats.series);
            Alert alert = alerts.get(label);
            String rowClass = alert != null ? alert.kind : stats.failed > 0 ? "failed" : "";
            html.append("<tr class=\"series ")
                    .append(rowClass)
                    .append("\"><td>")
                    .append(escape(label));
            if (alert != null) {
                html.append("<span class=\"badge\">")
                        .append(alert.kind)
                        .append(' ')
                        .append(Numbers.percent(alert.changePercent))
                        .append("</span>");
            } else if (stats.failed > 0) {
                html.append("<span class=\"badge\">").append(stats.failed).append(" failed</span>");
            }
            html.append("</td><td>")
                    .append(rangeChart(stats))
                    .append("</td><td>")
                    .append(trendChart(trends.get(label)))
                    .append("</td>");
            html.append(cell(String.valueOf(stats.count)))
                    .append(cell(String.valueOf(stats.failed)))
                    .append(cell(value(stats.mean, stats.count)))
                    .append(cell(value(stats.p50, stats.count)))
                    .append(cell(value(stats.p95, stats.count)))
                    .append(cell(value(stats.p99, stats.count)))
                    .append("</tr>\n");
        }
        html.append("</tbody></table>\n</body></html>\n");
        return html.toString();
    }

    /**
     * The narrative, escaped, in bold where it says so, with each number the grounding check did not support
     * marked ⚠ and its reason on hover.
     */
    static String markedNarrative(Report report) {
        String narrative = report.narrative == null ? "" : report.narrative;
        List<int[]> marks = new java.util.ArrayList<>();
        List<String> reasons = new java.util.ArrayList<>();
        Grounding grounding = report.grounding;
        for (int i = 0; i < grounding.unsupported.size(); i++) {
            String written = grounding.unsupported.get(i);
            int at = i < grounding.offsets.size() ? grounding.offsets.get(i) : -1;
            if (at < 0 || !narrative.startsWith(written, at)) {
                at = narrative.indexOf(written, marks.isEmpty() ? 0 : marks.get(marks.size() - 1)[1]);
            }
            if (at >= 0 && (marks.isEmpty() || at >= marks.get(marks.size() - 1)[1])) {
                marks.add(new int[] {at, at + written.length()});
                reasons.add(i < grounding.reasons.size() ? grounding.reasons.get(i) : "no fact supports it");
            }
        }
        StringBuilder html = new StringBuilder();
        int from = 0;
        for (int i = 0; i < marks.size(); i++) {
            html.append(bold(escape(narrative.substring(from, marks.get(i)[0]))))
                    .append("<mark class=\"unsupported\" title=\"")
                    .append(escape(reasons.get(i)))
                    .append("\">")
                    .append(escape(narrative.substring(marks.get(i)[0], marks.get(i)[1])))
                    .append(" ⚠</mark>");
            from = marks.get(i)[1];
        }
        return html.append(bold(escape(narrative.substring(from)))).toString();
    }

    private static String bold(String escaped) {
        return escaped.replaceAll("\\*\\*([^*\\n]+)\\*\\*", "<strong>$1</strong>");
    }

    private static String findingList(Report report) {
        StringBuilder html = new StringBuilder("<ul class=\"findings\">\n");
        for (Finding f : report.findings) {
            // Effects are drawn below, one chart each.
            String text = Finding.EFFECT.equals(f.kind) ? null : FindingText.line(f);
            if (text != null) {
                html.append("<li class=\"finding ")
                        .append(f.kind)
                        .append("\">")
                        .append(escape(text))
                        .append("</li>\n");
            }
        }
        return html.append("</ul>\n").toString();
    }

    /** min–max as a line, p50–p95 as a box, p99 and the mean as marks; scaled to the series' own range. */
    static String rangeChart(SeriesStats stats) {
        if (stats.count == 0 || !Double.isFinite(stats.min) || !Double.isFinite(stats.max)) {
            return "<svg class=\"range\" width=\"" + CHART_WIDTH + "\" height=\"" + CHART_HEIGHT + "\"></svg>";
        }
        double span = stats.max - stats.min;
        java.util.function.DoubleUnaryOperator x =
                v -> span == 0 ? CHART_WIDTH / 2.0 : 6 + (v - stats.min) / span * (CHART_WIDTH - 12);
        int mid = CHART_HEIGHT / 2;
        return String.format(
                Locale.ROOT,
                "<svg class=\"range\" width=\"%d\" height=\"%d\" role=\"img\" "
                        + "aria-label=\"%s\"><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\"/>"
                        + "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#90caf9\"/>"
                        + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#0d47a1\" stroke-width=\"2\"/>"
                        + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#b71c1c\"/>"
                        + "<polygon points=\"%.1f,%d %.1f,%d %.1f,%d %.1f,%d\" fill=\"#222\"/></svg>",
                CHART_WIDTH,
                CHART_HEIGHT,
                escape("min " + Numbers.human(stats.min) + ", max " + Numbers.human(stats.max)),
                x.applyAsDouble(stats.min),
                mid,
                x.applyAsDouble(stats.max),
                mid,
                x.applyAsDouble(stats.p50),
                mid - 6,
                Math.max(1.0, x.applyAsDouble(stats.p95) - x.applyAsDouble(stats.p50)),
                12,
                x.applyAsDouble(stats.p50),
                mid - 8,
                x.applyAsDouble(stats.p50),
                mid + 8,
                x.applyAsDouble(stats.p99),
                mid - 8,
                x.applyAsDouble(stats.p99),
                mid + 8,
                x.applyAsDouble(stats.mean),
                mid - 4,
                x.applyAsDouble(stats.mean) + 4,
                mid,
                x.applyAsDouble(stats.mean),
                mid + 4,
                x.applyAsDouble(stats.mean) - 4,
                mid);
    }

    /** The recent window means as a polyline; nothing for fewer than two windows. */
    static String trendChart(List<Double> means) {
        if (means == null || means.size() < 2) {
            return "";
        }
        double min = means.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = means.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < means.size(); i++) {
            double px = 2 + i * (TREND_WIDTH - 4.0) / (means.size() - 1);
            double py = max == min
                    ? CHART_HEIGHT / 2.0
                    : CHART_HEIGHT - 3 - (means.get(i) - min) / (max - min) * (CHART_HEIGHT - 6);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
        }
        return "<svg class=\"trend\" width=\"" + TREND_WIDTH + "\" height=\"" + CHART_HEIGHT + "\" role=\"img\" "
                + "aria-label=\"" + means.size() + " windows\"><polyline fill=\"none\" stroke=\"#37474f\" "
                + "stroke-width=\"1.5\" points=\"" + points.toString().trim() + "\"/></svg>";
    }

    /** The list of reports, newest first, by suite. */
    public static String index(Map<String, List<String>> windowsBySuite) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Chimera Telemetry reports</title><style>body{font-family:system-ui,sans-serif;"
                + "margin:2rem}li{margin:.2rem 0}</style></head><body>\n<h1>Chimera Telemetry reports</h1>\n");
        for (Map.Entry<String, List<String>> suite : new java.util.TreeMap<>(windowsBySuite).entrySet()) {
            html.append("<h2>").append(escape(suite.getKey())).append("</h2>\n<ul>\n");
            suite.getValue().stream()
                    .sorted(java.util.Comparator.reverseOrder())
                    .forEach(file -> html.append("<li><a href=\"")
                            .append(escape(suite.getKey()))
                            .append('/')
                            .append(escape(file))
                            .append("\">")
                            .append(escape(file.replaceAll("\\.html$", "")))
                            .append("</a></li>\n"));
            html.append("</ul>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static String cell(String text) {
        return "<td class=\"num\">" + escape(text) + "</td>";
    }

    private static String value(double v, long count) {
        return count == 0 ? "–" : Numbers.human(v);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
