package io.chimera.telemetry.render;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.narrate.PromptBuilder;
import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.SeriesStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The recent window means of each series of each suite, for the HTML reports' trend lines: up to
 * {@value #WINDOWS} per series and {@value #SERIES} series per suite, the least recently reported forgotten first.
 * Each suite's are kept in {@code DIR/<suite>/.trends.json} (written by {@link #save}, at each checkpoint), so the
 * lines carry on after a restart; a report replayed after one puts the same point in again.
 */
final class SeriesTrends {

    static final int WINDOWS = 20;
    static final int SERIES = 10_000;
    static final String FILE = ".trends.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Map<String, Double>>> STORED = new TypeReference<>() {};

    private final Path directory;
    private final Map<String, LinkedHashMap<String, TreeMap<String, Double>>> bySuite = new HashMap<>();
    private final Set<String> changed = new HashSet<>();

    SeriesTrends(Path directory) {
        this.directory = directory;
    }

    /** Puts the report's window means in and returns each series' line up to that window, by series label. */
    Map<String, List<Double>> add(Report report) {
        LinkedHashMap<String, TreeMap<String, Double>> suite = suite(report);
        Map<String, List<Double>> lines = new HashMap<>();
        for (SeriesStats stats : report.statistics) {
            if (stats.count == 0) {
                continue;
            }
            String label = PromptBuilder.label(stats.metric, stats.unit, stats.series);
            TreeMap<String, Double> means = suite.computeIfAbsent(label, l -> byWindow());
            // A revision replaces its window's mean rather than adding a point.
            means.put(stats.windowStart, stats.mean);
            while (means.size() > WINDOWS) {
                means.pollFirstEntry();
            }
            lines.put(label, List.copyOf(means.headMap(stats.windowStart, true).values()));
        }
        changed.add(report.suite);
        return lines;
    }

    /** Writes the suites that changed since the last save, each atomically. */
    void save() throws IOException {
        for (String suite : changed) {
            Map<String, Map<String, Double>> stored = new LinkedHashMap<>(bySuite.get(suite));
            ReportFileSink.writeAtomically(file(suite), JSON.writeValueAsString(stored));
        }
        changed.clear();
    }

    private LinkedHashMap<String, TreeMap<String, Double>> suite(Report report) {
        LinkedHashMap<String, TreeMap<String, Double>> suite = bySuite.get(report.suite);
        if (suite != null) {
            return suite;
        }
        suite = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TreeMap<String, Double>> eldest) {
                return size() > SERIES;
            }
        };
        Path stored = file(report.suite);
        if (Files.isRegularFile(stored)) {
            try {
                for (Map.Entry<String, Map<String, Double>> line :
                        JSON.readValue(stored.toFile(), STORED).entrySet()) {
                    TreeMap<String, Double> means = byWindow();
                    means.putAll(line.getValue());
                    suite.put(line.getKey(), means);
                }
            } catch (IOException | RuntimeException unreadable) {
                // The lines are a picture, not data: an unreadable file starts them afresh.
                suite.clear();
            }
        }
        bySuite.put(report.suite, suite);
        return suite;
    }

    private Path file(String suite) {
        return ReportFileSink.suiteFolder(directory, suite).resolve(FILE);
    }

    /** Window starts are ISO instants: in time order as instants, not as strings of varying precision. */
    private static TreeMap<String, Double> byWindow() {
        return new TreeMap<>(Comparator.comparing(Instant::parse));
    }
}
