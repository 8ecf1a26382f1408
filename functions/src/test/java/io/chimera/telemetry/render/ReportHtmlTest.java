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
        report.statistics = List.of(
                stats("gemma3", 5, 0, 170, 180, 190),
                stats("llama3", 3, 2, 70, 75, 80),
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
        String html =
                ReportHtml.render(report(), Map.of("tokens_s [tok/s] {model=gemma3}", List.of(170.0, 175.0, 180.0)));

        assertEquals(3, count(html, "<svg class=\"range\""));
        assertEquals(1, count(html, "<svg class=\"trend\""));
        assertEquals(3, count(html, "<tr class=\"series"));
        assertTrue(html.contains("aria-label=\"3 windows\""), html);
    }

    @Test
    void highlightsFailuresAndRegressions() {
        String html = ReportHtml.render(report(), Map.of());

        assertTrue(
                html.contains("<tr class=\"series failed\"><td>tokens_s [tok/s] {model=llama3}"
                        + "<span class=\"badge\">2 failed</span>"),
                html);
        assertTrue(
                html.contains("<tr class=\"series regression\"><td>tokens_s [tok/s] {model=phi4}"
                        + "<span class=\"badge\">regression -20.00%</span>"),
                html);
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

        Matcher line = Pattern.compile("<line x1=\"([0-9.]+)\" y1=\"14\" x2=\"([0-9.]+)\" y2=\"14\"")
                .matcher(svg);
        assertTrue(line.find(), svg);
        assertEquals(6.0, Double.parseDouble(line.group(1)));
        assertEquals(ReportHtml.CHART_WIDTH - 6.0, Double.parseDouble(line.group(2)));
    }

    @Test
    void unsupportedNumbersAreMarkedWhereTheyStandWithTheirReasonOnHoverAndABanner() {
        Report report = report();
        report.narrative = "**Speed.** 180 tok/s for gemma3, and 180 tok/s again; phi4 at 99 tok/s.";
        report.grounding.numbers = 3;
        report.grounding.ratio = 1.0 / 3;
        report.grounding.unsupported = List.of("180 tok/s", "99 tok/s");
        report.grounding.reasons =
                List.of("no fact of tokens_s is 180 tok/s", "99 is a fact of <max>, not of tokens_s");
        report.grounding.offsets = List.of(report.narrative.lastIndexOf("180 tok/s"), report.narrative.indexOf("99"));

        String html = ReportHtml.render(report, Map.of());

        assertTrue(
                html.contains(
                        "<strong>Speed.</strong> 180 tok/s for gemma3, and <mark class=\"unsupported\" "
                                + "title=\"no fact of tokens_s is 180 tok/s\">180 tok/s ⚠</mark> again; phi4 at "
                                + "<mark class=\"unsupported\" title=\"99 is a fact of &lt;max&gt;, not of tokens_s\">99 tok/s ⚠</mark>."),
                "the second 180 is the one flagged, by its offset:\n" + html);
        assertTrue(
                html.contains("<p class=\"banner\" role=\"alert\">⚠ 2 numbers of 3 in this narrative are not"), html);
    }

    @Test
    void aFullyGroundedNarrativeHasNoBannerAndNoMarks() {
        String html = ReportHtml.render(report(), Map.of());

        assertFalse(html.contains("class=\"banner\""), html);
        assertFalse(html.contains("<mark"), html);
    }

    @Test
    void eachRankedMetricGetsAComparisonChartBestFirstAndEachEffectALine() {
        Report report = report();
        List<SeriesStats> sweep = new java.util.ArrayList<>();
        for (String ctx : List.of("1024", "2048")) {
            for (String gpu : List.of("40", "999")) {
                SeriesStats s = stats("gemma3", 1, 0, 0, 0, 0);
                s.series = new TreeMap<>(Map.of("num_ctx", ctx, "num_gpu", gpu));
                double v = 100 + Integer.parseInt(gpu) / 100.0 + Integer.parseInt(ctx) / 1024.0;
                s.min = s.mean = s.max = s.p50 = s.p95 = s.p99 = v;
                sweep.add(s);
            }
        }
        report.statistics = sweep;
        report.findings = io.chimera.telemetry.aggregate.Findings.of(sweep, List.of());

        String html = ReportHtml.render(report, Map.of());

        assertEquals(1, count(html, "<svg class=\"compare\""), "one metric with four series");
        int best = html.indexOf("<g class=\"bar best\"><title>{num_ctx=2048, num_gpu=999}: mean 112.0");
        assertTrue(best > 0, html);
        assertEquals(best, html.indexOf("<g class=\"bar"), "the best comes first");
        assertEquals(2, count(html, "<svg class=\"sweep\""), "num_ctx and num_gpu");
        assertEquals(1, count(html, "<table class=\"heatmap\">"), "a sweep over two parameters");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
