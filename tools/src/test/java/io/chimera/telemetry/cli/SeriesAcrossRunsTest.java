package io.chimera.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A farm's runs of one benchmark are one series across windows, in each layout farms write them: one file per
 * run, a folder per run, timestamped names, settings in folder names, models as folders, and the real corpus'
 * Ollama run folders. One bounded run of the job over all of them, as {@code bin/chimera run --once} does.
 */
class SeriesAcrossRunsTest {

    private static final int RUNS = 6;
    private static final Instant FIRST_RUN = Instant.parse("2026-03-01T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    /** Every statistics record of the run, by suite. */
    private static Map<String, List<JsonNode>> stats;

    private static Path out;

    @BeforeAll
    static void runOnceOverTheLayouts() throws Exception {
        Path farm = work.resolve("farm");
        for (int run = 0; run < RUNS; run++) {
            Instant at = FIRST_RUN.plusSeconds(60L * run);
            csv(farm.resolve(String.format("flat/run_%03d.csv", run)), at, 100 + run);
            json(farm.resolve("folders/run_" + run + "/metrics.json"), at, 100 + run);
            json(farm.resolve("stamped/demo_baseline_" + at.getEpochSecond() + ".json"), at, 100 + run);
            csv(farm.resolve("sweep/gpu80_ctx512_temp0p8/run_" + run + ".csv"), at, 100 + run);
            csv(farm.resolve("sweep/gpu40_ctx512_temp0p8/run_" + run + ".csv"), at, 50 + run);
            csv(farm.resolve("models/qwen2p5_7b/run_" + run + ".csv"), at, 100 + run);
            csv(farm.resolve("models/llama3_8b/run_" + run + ".csv"), at, 80 + run);
        }
        copyOllamaRunFolders(farm.resolve("corpus"));
        out = work.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = ChimeraCli.run(
                new String[] {
                    "run",
                    "--once",
                    "--input",
                    farm.toString(),
                    "--output",
                    out.toString(),
                    "--window",
                    "1m",
                    "--web-ui-port",
                    "0"
                },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        stats = new TreeMap<>();
        try (Stream<Path> files = Files.walk(out.resolve("stats"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode record = JSON.readTree(line);
                    stats.computeIfAbsent(record.get("suite").asText(), s -> new ArrayList<>())
                            .add(record);
                }
            }
        }
    }

    @Test
    void oneFilePerRunIsOneSeriesWithAWindowPerRun() {
        assertOneSeriesOverEveryRun("flat", Map.of("file", "run"));
    }

    @Test
    void aFolderPerRunIsOneSeriesWithAWindowPerRun() {
        assertOneSeriesOverEveryRun("folders", Map.of("file", "metrics"));
    }

    @Test
    void timestampedNamesAreOneSeriesWithAWindowPerRun() {
        assertOneSeriesOverEveryRun("stamped", Map.of("file", "demo_baseline"));
    }

    @Test
    void settingsInFolderNamesAreDimensionsOfTheirSeries() {
        Map<Map<String, String>, Set<String>> series = windowsBySeries("sweep", "tokens_s");

        assertEquals(
                Set.of(
                        Map.of("gpu", "80", "ctx", "512", "temp", "0.8", "file", "run"),
                        Map.of("gpu", "40", "ctx", "512", "temp", "0.8", "file", "run")),
                series.keySet());
        series.values().forEach(windows -> assertEquals(RUNS, windows.size(), series.toString()));
    }

    @Test
    void aFolderNamedAfterAModelIsTheModelOfItsSeries() {
        Map<Map<String, String>, Set<String>> series = windowsBySeries("models", "tokens_s");

        assertEquals(
                Set.of(Map.of("model", "qwen2p5_7b", "file", "run"), Map.of("model", "llama3_8b", "file", "run")),
                series.keySet());
        series.values().forEach(windows -> assertEquals(RUNS, windows.size(), series.toString()));
    }

    @Test
    void theCorpusOllamaRunFoldersAreOneSeriesPerModelOverFiveWindows() {
        Map<Map<String, String>, Set<String>> series = windowsBySeries("corpus", "ttft_s");

        assertEquals(
                Set.of("llama3.1:8b-instruct-q4_0", "llama3.1:8b-instruct-q5_K_M", "llama3.1:8b-instruct-q8_0"),
                series.keySet().stream().map(s -> s.get("model")).collect(java.util.stream.Collectors.toSet()));
        for (Map.Entry<Map<String, String>, Set<String>> one : series.entrySet()) {
            assertEquals("ollama/prompt_suite_runs", one.getKey().get("file"));
            assertEquals(5, one.getValue().size(), "one window per run folder: " + series);
        }
    }

    @Test
    void aOneFilePerRunFarmsReportsSayWhatChangedAndDrawTheSeriesTrend() throws IOException {
        List<JsonNode> reports = new ArrayList<>();
        try (Stream<Path> files = Files.walk(out.resolve("reports"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode report = JSON.readTree(line);
                    if (report.get("suite").asText().equals("flat")) {
                        reports.add(report);
                    }
                }
            }
        }
        JsonNode last = reports.stream()
                .max(java.util.Comparator.comparing(r -> r.get("windowStart").asText()))
                .orElseThrow();
        String lastWindow = FIRST_RUN.plusSeconds(60L * (RUNS - 1)).toString();

        assertEquals(lastWindow, last.get("windowStart").asText());
        List<String> changed = new ArrayList<>();
        last.get("changes")
                .forEach(c -> changed.add(c.get("metric").asText() + " since "
                        + c.get("previousWindowStart").asText()));
        assertEquals(
                Set.of(
                        "tokens_s since " + FIRST_RUN.plusSeconds(60L * (RUNS - 2)),
                        "latency_ms since " + FIRST_RUN.plusSeconds(60L * (RUNS - 2))),
                Set.copyOf(changed));
        String html = Files.readString(out.resolve("reports/flat/" + lastWindow.replace(':', '-') + ".html"));
        assertTrue(html.contains("aria-label=\"" + RUNS + " windows\""), "a trend over every run");
    }

    private static void assertOneSeriesOverEveryRun(String suite, Map<String, String> expected) {
        Map<Map<String, String>, Set<String>> series = windowsBySeries(suite, "tokens_s");

        assertEquals(Set.of(expected), series.keySet());
        assertEquals(RUNS, series.get(expected).size(), series.toString());
    }

    private static Map<Map<String, String>, Set<String>> windowsBySeries(String suite, String metric) {
        Map<Map<String, String>, Set<String>> windows = new java.util.HashMap<>();
        for (JsonNode record : stats.getOrDefault(suite, List.of())) {
            if (!record.get("metric").asText().equals(metric)) {
                continue;
            }
            Map<String, String> series = new TreeMap<>();
            record.get("series")
                    .fields()
                    .forEachRemaining(e -> series.put(e.getKey(), e.getValue().asText()));
            windows.computeIfAbsent(series, s -> new TreeSet<>())
                    .add(record.get("windowStart").asText());
        }
        assertTrue(!windows.isEmpty(), "no " + metric + " statistics in " + suite + ": " + stats.keySet());
        return windows;
    }

    private static void csv(Path file, Instant at, double tokensPerSecond) throws IOException {
        StringBuilder rows = new StringBuilder("timestamp,tokens_s,latency_ms\n");
        for (int row = 0; row < 5; row++) {
            rows.append(at.plusSeconds(5L * row))
                    .append(',')
                    .append(tokensPerSecond + row * 0.1)
                    .append(',')
                    .append(1000.0 / tokensPerSecond)
                    .append('\n');
        }
        land(file, rows.toString(), at);
    }

    private static void json(Path file, Instant at, double tokensPerSecond) throws IOException {
        land(
                file,
                "{\"timestamp\": \"" + at + "\", \"tokens_s\": " + tokensPerSecond + ", \"latency_ms\": "
                        + 1000.0 / tokensPerSecond + "}\n",
                at);
    }

    /** Each run lands at the end of its minute: its window is the run's. */
    private static void land(Path file, String content, Instant at) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(at.plusSeconds(50)));
    }

    /** The five run folders of the corpus' Ollama prompt suite, each landed at the time its name says. */
    private static void copyOllamaRunFolders(Path suite) throws IOException {
        DateTimeFormatter folderName = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
        try (Stream<Path> runs = Files.list(Corpus.chimera().resolve("reports/ollama"))) {
            for (Path run : runs.filter(Files::isDirectory).toList()) {
                Path source = run.resolve("prompt_suite_runs.csv");
                if (!Files.isRegularFile(source)) {
                    continue;
                }
                Instant at = LocalDateTime.parse(run.getFileName().toString(), folderName)
                        .toInstant(ZoneOffset.UTC);
                Path target = suite.resolve("ollama").resolve(run.getFileName()).resolve("prompt_suite_runs.csv");
                Files.createDirectories(target.getParent());
                Files.copy(source, target);
                Files.setLastModifiedTime(target, FileTime.from(at));
            }
        }
    }
}
