package io.chimera.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.source.LocalArtifacts;
import io.chimera.telemetry.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsOneJsonLinePerArtifactOfTheCorpus() throws IOException {
        Path corpus = Corpus.root();

        int exit = run("parse", corpus.toString());

        assertEquals(ChimeraCli.OK, exit, stderr());
        Set<String> expected;
        try (Stream<Path> files = Files.walk(corpus)) {
            expected = files.filter(Files::isRegularFile)
                    .filter(f -> ArtifactFormat.ofFileName(f.getFileName().toString())
                            .isPresent())
                    .map(Path::toString)
                    .collect(Collectors.toSet());
        }
        List<JsonNode> lines = stdoutJson();
        assertEquals(expected.size(), lines.size());
        assertEquals(expected, lines.stream().map(l -> l.get("path").asText()).collect(Collectors.toSet()));
        for (JsonNode line : lines) {
            String status = line.get("status").asText();
            assertTrue(Set.of("parsed", "dead_letter").contains(status), line.toString());
            assertTrue(line.has("format") && line.has("events") && line.has("failedRows"), line.toString());
            assertEquals(status.equals("dead_letter"), line.has("reason"), line.toString());
        }
    }

    @Test
    void eventsFlagPrintsTheMetricEventsThemselves() throws IOException {
        Path file = Corpus.chimera().resolve("reports/gemma3/gemma3_1b-it-qat_baseline.csv");

        int exit = run("parse", "--events", file.toString());

        assertEquals(ChimeraCli.OK, exit, stderr());
        List<JsonNode> tokenRates = stdoutJson().stream()
                .filter(e -> e.get("metric").asText().equals("tokens_s"))
                .toList();
        assertEquals(5, tokenRates.size());
        assertEquals(181.96533720183703, tokenRates.get(0).get("value").asDouble());
        assertEquals("tok/s", tokenRates.get(0).get("unit").asText());
        assertEquals(
                "Give a battle quote for a co-op shooter win.",
                tokenRates.get(1).get("dimensions").get("prompt").asText());
    }

    @Test
    void eventsShowTheSeriesTheyBelongToAndTheRunTheirPathNames(@TempDir Path farm) throws IOException {
        Files.createDirectories(farm.resolve("llm/gpu80_ctx512"));
        Files.writeString(
                farm.resolve("llm/gpu80_ctx512/run_041.csv"),
                "timestamp,model,tokens_s\n" + "2026-01-01T00:00:00Z,gemma3,100\n");

        int exit = run("parse", "--events", farm.toString());

        assertEquals(ChimeraCli.OK, exit, stderr());
        JsonNode event = stdoutJson().get(0);
        assertEquals(
                "{\"ctx\":\"512\",\"file\":\"run\",\"gpu\":\"80\",\"model\":\"gemma3\"}",
                event.get("series").toString());
        assertEquals("041", event.get("run").asText());
    }

    @Test
    void aSeriesTemplateNamesTheSeriesAsTheJobsFlagDoes(@TempDir Path farm) throws IOException {
        Files.createDirectories(farm.resolve("llm/host7/fast"));
        Files.writeString(farm.resolve("llm/host7/fast/results.csv"), "tokens_s\n100\n");

        int exit = run("parse", "--events", "--series-template", "{suite}/{_}/{config}/{file}", farm.toString());

        assertEquals(ChimeraCli.OK, exit, stderr());
        assertEquals(
                "{\"config\":\"fast\",\"file\":\"results\"}",
                stdoutJson().get(0).get("series").toString());
        assertEquals(ChimeraCli.USAGE, run("parse", "--series-template", "{suite}/{x", farm.toString()));
        assertTrue(stderr().contains("brace"), stderr());
    }

    @Test
    void verboseSaysWhichFilesAreSkippedAndWhy(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.docx"), "not an artifact");
        Files.writeString(dir.resolve("worker.log"), "09:00:01 INFO worker 3 started\n");
        Files.writeString(dir.resolve(".run.csv"), "a,b\n1,2\n");
        Files.writeString(dir.resolve("run.csv.part"), "a,b\n1,2\n");
        Files.createDirectories(dir.resolve("suite"));
        Files.writeString(dir.resolve("suite/run.csv"), "model,latency_ms\nm1,12.5\n");
        Files.write(dir.resolve("suite/broken.json"), new byte[0]);

        int exit = run("parse", "--verbose", dir.toString());

        assertEquals(ChimeraCli.OK, exit);
        List<JsonNode> lines = stdoutJson();
        assertEquals(3, lines.size(), stdout());
        assertEquals("ignored", lines.get(2).get("status").asText(), "a log with nothing to measure");
        assertEquals(
                "no table, key-value metric line or known tool's output",
                lines.get(2).get("reason").asText());
        JsonNode broken = lines.get(0);
        assertEquals("dead_letter", broken.get("status").asText());
        assertEquals("empty file (0 bytes)", broken.get("reason").asText());
        JsonNode run = lines.get(1);
        assertEquals("parsed", run.get("status").asText());
        assertEquals(1, run.get("events").asInt());
        assertEquals("suite", run.get("suite").asText());
        String skipped = stderr();
        assertTrue(skipped.contains("notes.docx (unknown extension '.docx')"), skipped);
        assertTrue(skipped.contains("worker.log (no table, key-value metric line or known tool's output)"), skipped);
        assertTrue(skipped.contains(".run.csv (hidden name"), skipped);
        assertTrue(skipped.contains("run.csv.part (in-progress name"), skipped);
    }

    @Test
    void includeAndExcludeChooseTheFilesOfAFolderAndVerboseSaysWhy(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("suite/archive"));
        Files.writeString(dir.resolve("suite/run.csv"), "model,latency_ms\nm1,12.5\n");
        Files.writeString(dir.resolve("suite/run.json"), "{\"latency_ms\": 12.5}\n");
        Files.writeString(dir.resolve("suite/archive/old.csv"), "model,latency_ms\nm1,99\n");

        int exit = run("parse", "--verbose", "--include", "*.csv", "--exclude", "*/archive/**", dir.toString());

        assertEquals(ChimeraCli.OK, exit);
        List<JsonNode> lines = stdoutJson();
        assertEquals(1, lines.size(), stdout());
        assertTrue(lines.get(0).get("path").asText().endsWith("run.csv"), stdout());
        String skipped = stderr();
        assertTrue(skipped.contains("run.json (matches no --include (*.csv))"), skipped);
        assertTrue(skipped.contains("old.csv (matches --exclude '*/archive/**')"), skipped);
        assertEquals(ChimeraCli.USAGE, run("parse", "--exclude", "[", dir.toString()));
    }

    @Test
    void parseReadsExactlyTheFilesTheJobReadsWhateverLinksPointInOrOut(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("farm"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("secret.csv"), "user,token\nroot,hunter2\n");
        Files.createDirectories(elsewhere.resolve("runs"));
        Files.writeString(elsewhere.resolve("runs/outside.csv"), "model,latency_ms\nm9,99\n");
        Files.createDirectories(root.resolve("suite"));
        Files.writeString(root.resolve("suite/run.csv"), "model,latency_ms\nm1,12.5\n");
        Files.createSymbolicLink(root.resolve("suite/linked-out.csv"), elsewhere.resolve("secret.csv"));
        Files.createSymbolicLink(root.resolve("suite/linked-in.csv"), root.resolve("suite/run.csv"));
        Files.createSymbolicLink(root.resolve("runs-elsewhere"), elsewhere.resolve("runs"));

        int exit = run("parse", "--verbose", root.toString());

        assertEquals(ChimeraCli.OK, exit, stderr());
        List<String> parsed = stdoutJson().stream()
                .map(line -> Path.of(line.get("path").asText()).getFileName().toString())
                .toList();
        List<String> jobReads = LocalArtifacts.under(root).stream()
                .map(p -> p.getFileName().toString())
                .toList();
        assertEquals(List.of("run.csv"), jobReads);
        assertEquals(jobReads, parsed);
        assertTrue(stderr().contains("linked-out.csv (symbolic link"), stderr());
        assertTrue(!stdout().contains("hunter2") && !stdout().contains("outside"), stdout());
    }

    @Test
    void withoutVerboseSkippedFilesStaySilent(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.docx"), "not an artifact");

        assertEquals(ChimeraCli.OK, run("parse", dir.toString()));

        assertEquals("", stdout());
        assertEquals("", stderr());
    }

    @Test
    void missingPathIsAUsageError(@TempDir Path dir) {
        int exit = run("parse", dir.resolve("nowhere").toString());

        assertEquals(ChimeraCli.USAGE, exit);
        assertTrue(stderr().contains("no such file or folder"), stderr());
    }

    @Test
    void helpListsTheSubCommands() {
        assertEquals(ChimeraCli.OK, run("--help"));

        String help = stdout();
        assertTrue(help.contains("parse PATH..."), help);
        assertTrue(help.contains("--events"), help);
        assertTrue(help.contains("run"), help);
        assertFalse(help.isBlank());
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(ChimeraCli.USAGE, run("frobnicate"));
        assertTrue(stderr().contains("unknown command 'frobnicate'"));
    }

    @Test
    void runRefusesAMissingInputFolderBeforeStartingFlink(@TempDir Path dir) {
        int exit = run("run", "--once", "--input", dir.resolve("nowhere").toString());

        assertEquals(ChimeraCli.USAGE, exit);
        assertTrue(stderr().contains("run: no such folder: "), stderr());
    }

    @Test
    void runRefusesAnUnknownBackendWithAUsageError() {
        assertEquals(ChimeraCli.USAGE, run("run", "--llm", "gpt-5"));
        assertTrue(stderr().contains("--llm must be builtin, ollama or openai"), stderr());
    }

    @Test
    void runHelpDocumentsEveryOptionWithItsDefault() {
        assertEquals(ChimeraCli.OK, run("run", "--help"));

        String help = stdout();
        for (String option : List.of(
                "--config",
                "--input",
                "--output",
                "--once",
                "--window",
                "--out-of-orderness",
                "--flush-timeout",
                "--settle-time",
                "--discovery-interval",
                "--checkpoint-interval",
                "--parallelism",
                "--web-ui-port",
                "--max-file-bytes",
                "--llm",
                "--llm-url",
                "--llm-model",
                "--ollama-api",
                "--num-gpu",
                "--num-ctx",
                "--temperature",
                "--top-p",
                "--top-k",
                "--repeat-penalty",
                "--persona",
                "--llm-timeout",
                "--llm-retries",
                "--llm-max-in-flight",
                "--no-stream",
                "--llm-api-key-env",
                "--baseline-windows",
                "--min-baseline",
                "--regression-threshold",
                "--regression-z",
                "--regression-rule",
                "--baseline-reset-file",
                "--kafka-bootstrap",
                "--kafka-property",
                "--kafka-topic-reports",
                "--kafka-topic-alerts",
                "--kafka-delivery",
                "--kafka-transactional-id-prefix",
                "--kafka-transaction-timeout")) {
            assertTrue(help.contains(option), option + " is not documented");
        }
    }

    private int run(String... args) {
        return ChimeraCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private List<JsonNode> stdoutJson() throws IOException {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : stdout().split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }
}
