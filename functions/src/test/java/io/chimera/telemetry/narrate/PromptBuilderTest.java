package io.chimera.telemetry.narrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.SeriesChange;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.WindowSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PromptBuilderTest {

    private static SeriesStats series(String model, long count, long failed, double mean) {
        SeriesStats s = new SeriesStats();
        s.suite = "llm";
        s.series = new TreeMap<>(Map.of("model", model));
        s.metric = "tokens_s";
        s.unit = "tok/s";
        s.count = count;
        s.failed = failed;
        s.mean = mean;
        s.p50 = mean;
        s.p95 = mean;
        s.p99 = mean;
        s.min = mean;
        s.max = mean;
        return s;
    }

    private static WindowSummary summary(List<SeriesStats> series) {
        WindowSummary summary = new WindowSummary();
        summary.suite = "llm";
        summary.windowStart = "2026-11-20T09:00:00Z";
        summary.windowEnd = "2026-11-20T09:01:00Z";
        summary.series = series;
        summary.inventory.files = 2;
        summary.inventory.filesByFormat = new TreeMap<>(Map.of("csv", 2));
        return summary;
    }

    @Test
    void carriesInventoryStatisticsAndChanges() {
        WindowSummary summary = summary(List.of(series("gemma3", 5, 0, 182.87119781352473)));
        SeriesChange change = new SeriesChange();
        change.series = new TreeMap<>(Map.of("model", "gemma3"));
        change.metric = "tokens_s";
        change.unit = "tok/s";
        change.previousWindowStart = "2026-11-20T08:59:00Z";
        change.previousMean = 170.1;
        change.mean = 182.87119781352473;
        change.changePercent = (182.87119781352473 - 170.1) / 170.1 * 100;
        summary.changes = List.of(change);

        String text = PromptBuilder.build(summary, 40).data();

        assertTrue(text.contains("- files: 2 (csv 2)"), text);
        assertTrue(text.contains("tokens_s [tok/s] {model=gemma3}: count 5, failed 0, mean 182.9"), text);
        assertTrue(text.contains("mean 182.9 vs 170.1 in the window from 2026-11-20T08:59:00Z (+7.51%)"), text);
    }

    @Test
    void boundsTheSeriesShownAndSaysHowManyWereLeftOut() {
        List<SeriesStats> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(series("model-" + i, 10 + i, 0, 100 + i));
        }
        many.add(series("failing", 1, 4, 1.0));

        Prompt prompt = PromptBuilder.build(summary(many), 40);

        assertEquals(40, prompt.shown().size());
        assertEquals(11, prompt.omittedSeries());
        assertTrue(prompt.data().contains("(11 more series not shown)"), prompt.data());
        assertEquals("failing", prompt.shown().get(0).series.get("model"), "failures are most informative");
        assertEquals("model-49", prompt.shown().get(1).series.get("model"), "then the series with most values");
        assertFalse(prompt.data().contains("{model=model-0}"), "the least informative are left out");
    }
}
