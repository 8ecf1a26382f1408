package io.chimera.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/chimera as a user runs it, on the jar this build just packaged. */
class BinChimeraIT {

    @Test
    void aGoodWatchingRunWarnsOfNothingCheckpointAfterCheckpoint(@TempDir Path out) throws Exception {
        Path samples = BinChimera.PROJECT.resolve("samples");
        try (BinChimera.Running run = BinChimera.start(
                Map.of(),
                "run",
                "--input",
                samples.toString(),
                "--output",
                out.toString(),
                "--checkpoint-interval",
                "1s",
                "--web-ui-port",
                "0")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (countCheckpoints(out) < 5 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            BinChimera.Result stopped = run.terminate(Duration.ofSeconds(60));

            assertEquals(0, stopped.exit(), stopped.stderr());
            assertTrue(countCheckpoints(out) >= 5, "five checkpoints taken: " + stopped.stderr());
            assertEquals(List.of(), warnings(stopped.stderr()), "a good watching run warns of nothing");
        }
    }

    /** The number of the latest checkpoint kept (Flink keeps the last one, {@code chk-<n>}); 0 before any. */
    private static long countCheckpoints(Path out) throws IOException {
        Path checkpoints = out.resolve(".checkpoints");
        if (!Files.isDirectory(checkpoints)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(checkpoints, 2)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("chk-\\d+"))
                    .mapToLong(name -> Long.parseLong(name.substring(4)))
                    .max()
                    .orElse(0);
        }
    }

    private static List<String> warnings(String log) {
        return log.lines()
                .filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                .toList();
    }

    @Test
    void parseCommandPrintsOneLinePerCorpusFileAndExitsZero() throws Exception {
        Path corpus = Corpus.root();

        var result = binChimera("parse", corpus.toString());

        assertEquals(0, result.exit(), result.stderr());
        long lines =
                result.stdout().lines().filter(l -> l.startsWith("{\"path\":")).count();
        assertEquals(121, lines, "104 chimera + 16 formats artifacts + the corpus README.md");
        assertEquals(lines, result.stdout().lines().count());
    }

    @Test
    void runOnceOverTheCorpusFinishesPromptlyWithHandCheckedStatistics(@TempDir Path out) throws Exception {
        Path corpus = Corpus.chimera();
        long started = System.nanoTime();

        var result = binChimera("run", "--once", "--input", corpus.toString(), "--output", out.toString());

        long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertEquals(0, result.exit(), result.stderr());
        // Flink's default settings stall bounded runs for the 30 s source.reader.close.timeout (FLINK-40660).
        assertTrue(seconds < 25, "bounded run took " + seconds + " s");
        assertTrue(
                result.stderr().lines().anyMatch(line -> line.equals("progress: 104 of 104 files")),
                "the last progress line counts every artifact: " + result.stderr());
        assertTrue(
                result.stderr()
                                .lines()
                                .filter(line -> line.startsWith("progress: "))
                                .count()
                        <= seconds / 2 + 2,
                "progress at a steady pace, not a flood");
        assertEquals(List.of(), warnings(result.stderr()), "a good bounded run warns of nothing");
        List<JsonNode> stats = jsonLines(out.resolve("stats"));
        List<JsonNode> gemma = stats.stream()
                .filter(s -> s.get("metric").asText().equals("tokens_s")
                        && "gemma3_1b-it-qat_baseline"
                                .equals(s.get("series").path("file").asText()))
                .toList();
        assertEquals(1, gemma.size(), gemma.toString());
        double[] byHand = {
            181.96533720183703, 182.6378183544046, 184.2363135373321, 182.66757650517033, 182.8489434688796
        };
        assertEquals(5, gemma.get(0).get("count").asInt());
        assertEquals(
                (byHand[0] + byHand[1] + byHand[2] + byHand[3] + byHand[4]) / 5,
                gemma.get(0).get("mean").asDouble(),
                1e-9);
        assertEquals(byHand[0], gemma.get(0).get("min").asDouble());
        assertEquals(byHand[2], gemma.get(0).get("max").asDouble());
        List<JsonNode> summaries = jsonLines(out.resolve("summaries"));
        assertFalse(summaries.isEmpty());
        List<JsonNode> reports = jsonLines(out.resolve("reports"));
        assertEquals(summaries.size(), reports.size(), "one report per suite and window");
        for (JsonNode report : reports) {
            assertEquals("builtin", report.get("narrator").asText());
            assertEquals(
                    1.0,
                    report.get("grounding").get("ratio").asDouble(),
                    report.get("grounding").toString());
        }
        assertEquals(1, jsonLines(out.resolve("dead-letters")).size());
        try (Stream<Path> documents = Files.walk(out.resolve("reports"))) {
            assertTrue(documents.anyMatch(p -> p.toString().endsWith(".md")));
        }
    }

    @Test
    void aRunWhoseKafkaCannotBeReachedSaysSoInOneLineAndDoesNotStart(@TempDir Path out) throws Exception {
        int closed;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        long started = System.nanoTime();

        var result = binChimera(
                "run",
                "--once",
                "--input",
                Corpus.chimera().toString(),
                "--output",
                out.toString(),
                "--kafka-bootstrap",
                "127.0.0.1:" + closed);

        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertEquals(1, result.exit(), result.stderr());
        assertEquals(
                List.of("run: Kafka at 127.0.0.1:" + closed + " cannot be reached: 127.0.0.1:" + closed
                        + " (Connection refused). Is the broker running, and is --kafka-bootstrap right? The job did not"
                        + " start."),
                result.stderr().lines().toList());
        assertTrue(seconds < 30, "gave up after " + seconds + " s");
        assertFalse(Files.exists(out.resolve("stats")), "no job ran");
    }

    @Test
    void aBoundedRunAndAWatchingRunDoNotShareAnOutputEmittingEverythingAgain(@TempDir Path root) throws Exception {
        Path watched = Files.createDirectories(
                root.resolve("watched").resolve(".savepoints").resolve("savepoint-1"));
        Files.writeString(watched.resolve("_metadata"), "a savepoint");
        Path once =
                Files.createDirectories(root.resolve("once").resolve(".ledger").resolve("2026-12-02--06"));
        Files.writeString(once.resolve("ledger-0.jsonl"), "{}\n");

        var backfill = binChimera(
                "run",
                "--once",
                "--input",
                Corpus.chimera().toString(),
                "--output",
                root.resolve("watched").toString());
        var watch = binChimera(
                "run",
                "--input",
                Corpus.chimera().toString(),
                "--output",
                root.resolve("once").toString(),
                "--web-ui-port",
                "0");

        assertEquals(1, backfill.exit(), backfill.stderr());
        assertTrue(backfill.stderr().contains("holds the state of a watching run"), backfill.stderr());
        assertEquals(1, watch.exit(), watch.stderr());
        assertTrue(watch.stderr().contains("holds the outputs of runs with --once"), watch.stderr());
        assertFalse(Files.exists(root.resolve("watched").resolve("stats")), "no job ran");
    }

    @Test
    void helpListsTheSubCommands() throws Exception {
        var result = binChimera("--help");

        assertEquals(0, result.exit(), result.stderr());
        assertTrue(result.stdout().contains("parse PATH..."), result.stdout());
    }

    private static List<JsonNode> jsonLines(Path folder) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    lines.add(json.readTree(line));
                }
            }
        }
        return lines;
    }

    private static BinChimera.Result binChimera(String... args) throws IOException, InterruptedException {
        return BinChimera.run(Map.of(), Duration.ofSeconds(120), args);
    }
}
