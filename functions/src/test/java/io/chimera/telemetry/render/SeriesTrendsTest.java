package io.chimera.telemetry.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.SeriesStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesTrendsTest {

    private static final String LABEL = "latency_ms [ms] {file=run}";

    @TempDir
    Path directory;

    @Test
    void theSameSeriesOfTwoSuitesDrawsTwoLines() {
        SeriesTrends trends = new SeriesTrends(directory);

        trends.add(report("llm", 0, 100));
        trends.add(report("kernels", 0, 5));
        Map<String, List<Double>> llm = trends.add(report("llm", 1, 110));

        assertEquals(List.of(100.0, 110.0), llm.get(LABEL));
    }

    @Test
    void theLinesCarryOnAfterARestart() throws Exception {
        SeriesTrends before = new SeriesTrends(directory);
        before.add(report("llm", 0, 100));
        before.add(report("llm", 1, 110));
        before.save();

        SeriesTrends after = new SeriesTrends(directory);
        Map<String, List<Double>> line = after.add(report("llm", 2, 120));

        assertEquals(List.of(100.0, 110.0, 120.0), line.get(LABEL));
        assertEquals(true, Files.isRegularFile(directory.resolve("llm").resolve(SeriesTrends.FILE)));
    }

    @Test
    void aRevisionReplacesItsWindowsPointAndALineKeepsItsLastWindows() {
        SeriesTrends trends = new SeriesTrends(directory);
        for (int window = 0; window < SeriesTrends.WINDOWS + 5; window++) {
            trends.add(report("llm", window, window));
        }

        Map<String, List<Double>> revised = trends.add(report("llm", SeriesTrends.WINDOWS + 4, -1));

        List<Double> line = revised.get(LABEL);
        assertEquals(SeriesTrends.WINDOWS, line.size());
        assertEquals(5.0, line.get(0));
        assertEquals(-1.0, line.get(line.size() - 1));
    }

    @Test
    void anUnreadableFileStartsTheLinesAfresh() throws Exception {
        Files.createDirectories(directory.resolve("llm"));
        Files.writeString(directory.resolve("llm").resolve(SeriesTrends.FILE), "{not json");

        Map<String, List<Double>> line = new SeriesTrends(directory).add(report("llm", 0, 100));

        assertEquals(List.of(100.0), line.get(LABEL));
    }

    private static Report report(String suite, int window, double mean) {
        Report report = new Report();
        report.suite = suite;
        report.windowStart =
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * window).toString();
        SeriesStats stats = new SeriesStats();
        stats.suite = suite;
        stats.metric = "latency_ms";
        stats.unit = "ms";
        stats.series = new TreeMap<>(Map.of("file", "run"));
        stats.windowStart = report.windowStart;
        stats.count = 5;
        stats.mean = mean;
        report.statistics = List.of(stats);
        return report;
    }
}
