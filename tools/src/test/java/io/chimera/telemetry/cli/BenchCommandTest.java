package io.chimera.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.generate.GroundTruth;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's shape on a tiny farm: its numbers are for docs/BENCHMARKS.md, not for assertions. */
class BenchCommandTest {

    @Test
    void measuresTheBoundedJobOnAGeneratedFarm(@TempDir Path work) {
        String printed = bench("bench", "--files", "12", "--parallelism", "1", "--work", work.toString());
        List<String> rows = printed.lines().filter(l -> l.startsWith("| 12 |")).toList();
        assertEquals(2, rows.size(), printed);
        assertTrue(rows.get(0).contains("plain FileSource job"), "the baseline runs first: " + rows.get(0));
        assertTrue(rows.get(1).contains("bounded job"), rows.get(1));
        for (String row : rows) {
            String[] cells = row.split("\\|");
            assertTrue(Double.parseDouble(cells[6].trim()) > 0, "files/s in " + row);
            assertTrue(Double.parseDouble(cells[7].trim()) > 0, "job files/s in " + row);
        }
        String[] job = rows.get(1).split("\\|");
        assertTrue(Double.parseDouble(job[8].trim()) > 0, "events/s in " + rows.get(1));
    }

    @Test
    void noBaselineMeasuresTheBoundedJobAlone(@TempDir Path work) {
        String printed =
                bench("bench", "--files", "12", "--parallelism", "1", "--no-baseline", "--work", work.toString());
        List<String> rows = printed.lines().filter(l -> l.startsWith("| 12 |")).toList();
        assertEquals(1, rows.size(), printed);
        assertTrue(rows.get(0).contains("bounded job"), rows.get(0));
    }

    @Test
    void listingFindsWhatLandedReadingOnlyTheFoldersThatChanged(@TempDir Path work) {
        String printed = bench(
                "bench",
                "--listing",
                "--files",
                "400",
                "--folders",
                "100",
                "--new-files",
                "6",
                "--rounds",
                "2",
                "--work",
                work.toString());
        List<String> rows =
                printed.lines().filter(l -> l.matches("\\| [12] \\|.*")).toList();
        assertEquals(2, rows.size(), printed);
        for (String row : rows) {
            String[] cells = row.split("\\|");
            assertEquals("yes", cells[7].trim(), "both listings found the same files, the landed ones too: " + row);
            int read = Integer.parseInt(cells[4].trim());
            int notRead = Integer.parseInt(cells[5].trim());
            assertTrue(
                    read < 20 && notRead > 90, "the folders of the 6 landed files (and their suites) are read: " + row);
        }
    }

    @Test
    void sourceStateRunReadsEveryFileAndReportsACompletedCheckpoint(@TempDir Path work) {
        String printed = bench(
                "bench",
                "--source-state",
                "--files",
                "30",
                "--files-per-hour",
                "10",
                "--lookback",
                "1h",
                "--parallelism",
                "1",
                "--work",
                work.toString());
        List<String> rows = printed.lines().filter(l -> l.startsWith("| 30 |")).toList();
        assertEquals(1, rows.size(), printed);
        String[] cells = rows.get(0).split("\\|");
        assertEquals("0.1 d", cells[2].trim(), "30 files at 10 an hour span 3 hours: " + rows.get(0));
        // 6.2 minutes apart: the newest and the nine before it are within the hour.
        assertEquals(10, Long.parseLong(cells[6].trim()), "files within an hour of the newest: " + rows.get(0));
        assertTrue(Long.parseLong(cells[7].trim()) > 0, "checkpoint bytes in " + rows.get(0));
    }

    @Test
    void revisionStateMeasuresTheKeptWindowsInACompletedCheckpoint(@TempDir Path work) {
        // An hour of the farm (600 files) and a 10-minute horizon: only the last 10 windows are kept.
        String printed = bench(
                "bench",
                "--revision-state",
                "--history",
                "1h",
                "--horizons",
                "10m",
                "--checkpoint-interval",
                "2s",
                "--flush-timeout",
                "1s",
                "--out-of-orderness",
                "1s",
                "--work",
                work.toString());
        List<String> rows =
                printed.lines().filter(l -> l.startsWith("| hashmap |")).toList();
        assertEquals(1, rows.size(), printed);
        String[] cells = rows.get(0).split("\\|");
        assertEquals("1 h", cells[2].trim(), rows.get(0));
        assertEquals("10 min", cells[3].trim(), rows.get(0));
        assertEquals("600", cells[4].trim(), "every file read: " + rows.get(0));
        assertEquals(10 * 200, Long.parseLong(cells[7].trim()), "10 windows of 200 series: " + rows.get(0));
        long checkpoint = Long.parseLong(cells[8].trim());
        long series = Long.parseLong(cells[10].trim());
        long summaries = Long.parseLong(cells[11].trim());
        assertTrue(
                series > 0 && summaries > 0 && series + summaries < checkpoint,
                "the revision stages are part of a completed checkpoint: " + rows.get(0));
    }

    @Test
    void latencyMeasuresLandingToReportInContinuousMode(@TempDir Path work) {
        String printed = bench(
                "bench", "--latency", "--duration", "7s", "--rate", "5", "--window", "2s", "--work", work.toString());
        assertTrue(printed.contains("window 2 s, discovery interval 1 s, out-of-orderness 1 s"), printed);
        String perFile = printed.lines()
                .filter(l -> l.startsWith("| file renamed into place"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(printed));
        String[] cells = perFile.split("\\|");
        assertTrue(Integer.parseInt(cells[2].trim()) > 0, "files counted in " + perFile);
        double p50 = Double.parseDouble(cells[3].trim());
        double max = Double.parseDouble(cells[5].trim());
        assertTrue(p50 > 0 && p50 <= max, perFile);
        assertTrue(printed.contains("Target p99 ≤ window + discovery interval + 2 s = 5 s"), printed);
    }

    @Test
    void slowLlmComparesIngestionWithTheBuiltInNarrator(@TempDir Path work) {
        // Enough files that reading them outlasts a few accumulator heartbeats, so there is a rate to print.
        String printed = bench(
                "bench",
                "--slow-llm",
                "--files",
                "1000",
                "--period",
                "2m",
                "--rounds",
                "1",
                "--warm-ups",
                "0",
                "--llm-delay",
                "1s",
                "--window",
                "2s",
                "--out-of-orderness",
                "1s",
                "--flush-timeout",
                "1s",
                "--work",
                work.toString());
        List<String> rows = printed.lines()
                .filter(l -> l.startsWith("| ollama mock") || l.startsWith("| built-in"))
                .toList();
        assertEquals(2, rows.size(), printed);
        for (String row : rows) {
            String[] cells = row.split("\\|");
            assertTrue(Double.parseDouble(cells[4].trim()) > 0, "files/s in " + row);
            assertTrue(Integer.parseInt(cells[7].trim()) > 0, "reports in " + row);
        }
        assertTrue(printed.contains("Files/s with the slow LLM over files/s with the built-in narrator"), printed);
    }

    @Test
    void narrationPrintsTheNumbersOfBothRunsAndWhatBecameOfEachWindowsNarration(@TempDir Path work) throws IOException {
        // 1-second windows, a 0.75 s LLM with one call at a time: slower than three suites' windows close.
        String printed = bench(
                "bench",
                "--narration",
                "--suites",
                "3",
                "--minutes",
                "4",
                "--scale",
                "60",
                "--llm-delay",
                "45s",
                "--llm-max-in-flight",
                "1",
                "--work",
                work.toString());
        List<String> numbers = printed.lines()
                .filter(l -> l.startsWith("| built-in |") || l.startsWith("| ollama mock"))
                .toList();
        assertEquals(2, numbers.size(), printed);
        for (String row : numbers) {
            assertEquals(12, Integer.parseInt(row.split("\\|")[2].trim()), "every file read: " + row);
        }
        assertTrue(printed.contains("| waiting for the LLM |"), printed);
        String outcome = printed.lines()
                .filter(l -> l.startsWith("What became of"))
                .findFirst()
                .orElseThrow();
        assertTrue(outcome.contains("ok="), outcome);
        assertTrue(printed.lines().anyMatch(l -> l.startsWith("| narrated by the LLM")), printed);
    }

    @Test
    void detectionScoresEveryAlertTheBoundedJobWroteAgainstThePatternFarmsTruth(@TempDir Path work) throws IOException {
        String printed = bench(
                "bench",
                "--detection",
                "--runs",
                "32",
                "--seeds",
                "4",
                "--naming",
                "model",
                "--list-alerts",
                "--work",
                work.toString());
        GroundTruth truth = GroundTruth.read(work.resolve("detection-model-seed-4/farm/_truth.json"));
        for (GroundTruth.Suite suite : truth.suites()) {
            assertEquals(
                    1,
                    printed.lines()
                            .filter(l -> l.startsWith("| " + suite.suite() + " |"))
                            .count(),
                    suite.suite() + " in " + printed);
        }
        String[] all = cells(printed, "| **all patterns** |");
        assertEquals("12", all[3], "the step changes of the truth: " + printed);
        long written;
        try (Stream<Path> files = Files.walk(work.resolve("detection-model-seed-4/out/alerts"))) {
            written = files.filter(p -> p.toString().endsWith(".jsonl"))
                    .flatMap(BenchCommandTest::lines)
                    .filter(l -> !l.isBlank())
                    .count();
        }
        assertTrue(written > 0, "one series per suite and metric: the steps alert");
        assertEquals(written, Long.parseLong(all[4]), "every alert written is judged: " + printed);
        int judged = Integer.parseInt(all[5]) + Integer.parseInt(all[6]) + Integer.parseInt(all[7]);
        assertTrue(judged <= written, printed);
        long listed = printed.lines().filter(l -> l.startsWith("| 4 |")).count();
        assertEquals(written, listed, "each alert listed with its verdict: " + printed);
        assertTrue(printed.contains("seed 4: 22 series with 32.0 windows each"), "a model column: " + printed);
    }

    @Test
    void detectionRefusesAFarmTooShortForABaselineAndAWindowOfItsOwn() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertEquals(
                ChimeraCli.USAGE,
                ChimeraCli.run(new String[] {"bench", "--detection", "--runs", "8"}, System.out, errors));
        assertEquals(
                ChimeraCli.USAGE,
                ChimeraCli.run(new String[] {"bench", "--detection", "--window", "5m"}, System.out, errors));
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("--runs must be at least 32"), said);
        assertTrue(said.contains("--window is set by this measurement itself"), said);
    }

    private static String[] cells(String printed, String prefix) {
        String row = printed.lines()
                .filter(l -> l.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError(prefix + " in " + printed));
        return java.util.Arrays.stream(row.split("\\|")).map(String::trim).toArray(String[]::new);
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void oneContinuousMeasurementAtATime() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = ChimeraCli.run(
                new String[] {"bench", "--latency", "--slow-llm"},
                System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(ChimeraCli.USAGE, exit);
        assertEquals(
                ChimeraCli.USAGE,
                ChimeraCli.run(
                        new String[] {"bench", "--latency", "--revision-state"},
                        System.out,
                        new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    /** What {@code bin/chimera} prints for these arguments, which it must take. */
    private static String bench(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ChimeraCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(ChimeraCli.OK, exit, printed);
        return printed;
    }
}
