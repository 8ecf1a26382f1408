package io.chimera.telemetry.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.SeriesStats;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportHtmlTest {

    private static SeriesStats stats(String model, long count, long failed, double min, double mean, double max) {
        SeriesStats s = new SeriesStats();
        s.suite = "llm";
        s.series = new TreeMap<>(Map.of("model", model));
        s.metric = "tokens_s";
        s.unit = "tok/s";
        s.count = count;
        s.failed = failed;
        s.min = min;
        s.mean = mean;
        s.max = max;
        s.p50 = mean;
        s.p95 = max * 0.99;
        s.p99 = max;
        return s;
    }

    private static Report report() {
        Report report = new Report();
        report.suite = "llm";
        report.windowStart = "2026-11-20T09:00:00Z";
        report.windowEnd = "2026-11-20T09:01:00Z";
        report.narrator = "builtin";
        report.narrative = "Throughput <fell> & recovered.";
        report.statistics = List.of(stats("gemma3", 5, 0, 170, 180, 190), stats("llama3", 3, 2, 70, 75, 80),
                stats("phi4", 4, 0, 90, 95, 99));
        Alert alert = new Alert();
        alert.kind = Alert.REGRESSION;
        alert.metric = "tokens_s";
        alert.unit = "tok/s";
        alert.series = new TreeMap<>(Map.of("model", "phi4"));
        alert.changePercent = -20;
        report.alerts = List.of(alert);
        return report;
    }

    @Test
    void drawsOneRangeChartPerSeriesAndATrendWhereThereIsHistory() {
        String html = ReportHtml.render(report(), Map.of("tokens_s [tok/s] {model=gemma3}", List.of(170.0, 175.0,
                180.0)));

        assertEquals(3, count(html, "<svg class=\"range\""));
        assertEquals(1, count(html, "<svg class=\"trend\""));
        assertEquals(3, count(html, "<tr class=\"series"));
        assertTrue(html.contains("aria-label=\"3 windows\""), html);
    }

    @Test
    void highlightsFailuresAndRegressions() {
        String html = ReportHtml.render(report(), Map.of());

        assertTrue(html.contains("<tr class=\"series failed\"><td>tokens_s [tok/s] {model=llama3}"
                + "<span class=\"badge\">2 failed</span>"), html);
        assertTrue(html.contains("<tr class=\"series regression\"><td>tokens_s [tok/s] {model=phi4}"
                + "<span class=\"badge\">regression -20.00%</span>"), html);
        assertTrue(html.contains("<tr class=\"series \"><td>tokens_s [tok/s] {model=gemma3}"), html);
    }

    @Test
    void isSelfContainedAndEscapesText() {
        String html = ReportHtml.render(report(), Map.of());

        assertTrue(html.contains("Throughput &lt;fell&gt; &amp; recovered."), html);
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing fetched from the network");
    }

    @Test
    void markupInFileNamesCellsAndMetricNamesIsShownAsText() {
        String payload = "<img src=x onerror=alert(1)>";
        Report report = report();
        report.suite = "farm" + payload;
        report.inventory.folders = List.of("runs/" + payload);
        report.inventory.deadLetterReasons = List.of("runs/" + payload + ".csv: not UTF-8");
        report.revisionAdded.addSource("runs/late" + payload + ".csv");
        report.revisionAdded.files = 1;
        report.revision = 1;
        SeriesStats cell = stats(payload, 2, 0, 1, 2, 3);
        cell.metric = "tokens_s" + payload;
        cell.unit = "tok/s" + payload;
        report.statistics = List.of(cell);
        report.alerts.get(0).series = new TreeMap<>(Map.of("model", payload));

        String html = ReportHtml.render(report, Map.of());

        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), html);
    }

    @Test
    void theRangeChartPlacesMinAndMaxAtItsEnds() {
        String svg = ReportHtml.rangeChart(stats("gemma3", 5, 0, 100, 150, 200));

        Matcher line = Pattern.compile("<line x1=\"([0-9.]+)\" y1=\"14\" x2=\"([0-9.]+)\" y2=\"14\"").matcher(svg);
        assertTrue(line.find(), svg);
        assertEquals(6.0, Double.parseDouble(line.group(1)));
        assertEquals(ReportHtml.CHART_WIDTH - 6.0, Double.parseDouble(line.group(2)));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
