package io.chimera.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.generate.GroundTruth;
import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.parse.ParseSettings;
import io.chimera.telemetry.records.MetricEvent;
import io.chimera.telemetry.source.LocalArtifacts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int generate(String... args) {
        return ChimeraCli.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
    }

    @Test
    void theSameSeedGivesTheSameFarmByteForByte(@TempDir Path dir) throws IOException {
        assertEquals(0, generate("generate", "--out", dir.resolve("a").toString(), "--files", "24", "--seed", "9"));
        assertEquals(0, generate("generate", "--out", dir.resolve("b").toString(), "--files", "24", "--seed", "9"));
        assertEquals(0, generate("generate", "--out", dir.resolve("c").toString(), "--files", "24", "--seed", "10"));

        Map<String, String> a = contents(dir.resolve("a"));
        assertEquals(24, a.size());
        assertEquals(a, contents(dir.resolve("b")));
        assertNotEquals(a, contents(dir.resolve("c")));
        assertEquals(a.keySet(), contents(dir.resolve("c")).keySet(), "the seed changes numbers, not file names");
    }

    @Test
    void everyGeneratedFileParsesInTheShapeItImitates(@TempDir Path dir) throws IOException {
        Path farm = dir.resolve("farm");
        assertEquals(
                0,
                generate(
                        "generate",
                        "--out",
                        farm.toString(),
                        "--files",
                        "60",
                        "--rows",
                        "20",
                        "--start",
                        "2026-03-01T00:00:00Z",
                        "--period",
                        "2h"));

        ArtifactParser parser = new ArtifactParser(ParseSettings.defaults());
        Map<String, Integer> byLabel = new TreeMap<>();
        int failedRows = 0;
        TreeSet<Long> times = new TreeSet<>();
        for (Path file : files(farm)) {
            FileOutcome outcome = parser.parseLocal(
                    farm,
                    file,
                    ArtifactParser.formatOf(file.getFileName().toString()).orElseThrow());
            assertTrue(outcome.isParsed(), file + ": " + outcome.deadLetterReason());
            assertTrue(!outcome.events().isEmpty(), file + " has no numbers");
            byLabel.merge(outcome.label(), 1, Integer::sum);
            failedRows += outcome.failedRows();
            outcome.events().stream().map(e -> e.eventTime).forEach(times::add);
        }
        assertEquals(Map.of("csv", 20, "hyperfine-json", 10, "jmh-json", 10, "json", 10, "markdown", 10), byLabel);
        assertTrue(failedRows > 0, "some Ollama rows fail, as real farms' do");
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        assertEquals(start.toEpochMilli(), times.first().longValue());
        assertTrue(times.last() <= start.plusSeconds(2 * 3600 + 60 * 3).toEpochMilli(), "spread over the period");
        assertTrue(times.last() >= start.plusSeconds(2 * 3600 - 60).toEpochMilli(), "over the whole period");
    }

    @Test
    void liveModeWritesNewRunsAtTheRateAskedWithNothingHalfWritten(@TempDir Path dir) throws IOException {
        Path farm = dir.resolve("live");
        long before = System.currentTimeMillis();

        assertEquals(0, generate("generate", "--out", farm.toString(), "--live", "--rate", "20", "--duration", "1s"));

        List<Path> written = files(farm);
        assertEquals(20, written.size());
        try (Stream<Path> all = Files.walk(farm)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no hidden leftovers");
        }
        ArtifactParser parser = new ArtifactParser(ParseSettings.defaults());
        FileOutcome first = parser.parseLocal(
                farm,
                written.get(0),
                ArtifactParser.formatOf(written.get(0).getFileName().toString()).orElseThrow());
        for (MetricEvent event : first.events()) {
            assertTrue(event.eventTime >= before - 1000, "live runs are timed now");
        }
    }

    @Test
    void patternsWriteEachSuitesRunsAndTheTruthBesideThem(@TempDir Path dir) throws IOException {
        Path farm = dir.resolve("patterns");

        assertEquals(
                0,
                generate(
                        "generate",
                        "--patterns",
                        "--out",
                        farm.toString(),
                        "--runs",
                        "40",
                        "--seed",
                        "3",
                        "--naming",
                        "model"));

        List<Path> written = files(farm);
        assertEquals(11 * 40 + 1, written.size());
        assertTrue(Files.exists(farm.resolve("step-down/run_039.csv")));
        assertEquals(
                "timestamp,model,tokens_s,latency_ms",
                Files.readAllLines(farm.resolve("step-down/run_000.csv")).get(0));
        GroundTruth truth = GroundTruth.read(farm.resolve(GroundTruth.FILE_NAME));
        assertEquals(3, truth.seed());
        assertEquals(40, truth.runs());
        assertEquals("model", truth.naming());
        assertEquals(11 * 40, LocalArtifacts.under(farm).size(), "the truth is not read as an artifact");
        assertEquals(
                ChimeraCli.USAGE, generate("generate", "--patterns", "--out", farm.toString(), "--naming", "folders"));
        assertTrue(err.toString().contains("--naming is none or model"), err.toString());
    }

    @Test
    void needsAnOutputFolder() {
        assertEquals(ChimeraCli.USAGE, generate("generate", "--files", "3"));
        assertTrue(err.toString().contains("generate needs --out DIR"), err.toString());
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        for (Path file : files(root)) {
            contents.put(root.relativize(file).toString(), Files.readString(file));
        }
        return contents.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (x, y) -> x, TreeMap::new));
    }
}
