package io.chimera.telemetry.parse.recognise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.aggregate.SeriesIdentity;
import io.chimera.telemetry.parse.ArtifactFile;
import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.parse.ParseSettings;
import io.chimera.telemetry.records.MetricEvent;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A real data.js of github-action-benchmark (rust-shogi-crates/shogi_legality_lite, MIT; see SOURCES.md). */
class GithubActionBenchmarkRecogniserTest {

    private static final String FILE = "github-action-benchmark_cargo_data.js";

    @Test
    void aDataJsCutOffMidWriteIsADeadLetterNamingTheRecogniser() throws Exception {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/real/" + FILE)) {
            bytes = in.readAllBytes();
        }
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        FileOutcome outcome = new ArtifactParser(ParseSettings.defaults())
                .parse(
                        new ArtifactFile("bench", "bench/dev/bench/data.js", cut.length, 0),
                        ArtifactParser.formatOf("data.js").orElseThrow(),
                        cut);

        assertEquals("dead_letter", outcome.status());
        assertEquals("github-action-benchmark", outcome.recogniser());
        assertTrue(outcome.deadLetterReason().startsWith("github-action-benchmark: "), outcome.deadLetterReason());
    }

    @Test
    void everyBenchOfEveryRecordedRunIsAnEventAtItsRunsDate() throws Exception {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/real/" + FILE)) {
            bytes = in.readAllBytes();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        JsonNode runs = new ObjectMapper()
                .readTree(text.substring(text.indexOf('{')))
                .get("entries")
                .get("Benchmark result (shogi_legality_lite)");
        int benches = 0;
        for (JsonNode run : runs) {
            benches += run.get("benches").size();
        }
        ArtifactFile file = new ArtifactFile("bench", "bench/dev/bench/data.js", bytes.length, 0);
        FileOutcome outcome = new ArtifactParser(ParseSettings.defaults())
                .parse(file, ArtifactParser.formatOf("dev/bench/data.js").orElseThrow(), bytes);

        assertEquals("github-action-benchmark", outcome.label());
        assertEquals(benches, outcome.events().size(), "one event per bench of each of the " + runs.size() + " runs");
        MetricEvent first = outcome.events().get(0);
        assertEquals("perft::tests::bench_perft_2", first.metric);
        assertEquals(1803718.0, first.value);
        assertEquals("ns/iter", first.unit);
        assertEquals(1654005292277L, first.eventTime);
        assertEquals("date", first.eventTimeSource);
        assertEquals("5b279f5c5a53eadb99a8c67cf6ac9f5e7cda28ce", first.dimensions.get("commit"));
        assertEquals("cargo", first.dimensions.get("tool"));
        assertEquals(
                Map.of("group", "Benchmark result (shogi_legality_lite)"),
                SeriesIdentity.rowDimensions(first),
                "the commit names no series: a bench is one series over commits");
        List<Double> perft2 = outcome.events().stream()
                .filter(e -> e.metric.equals(first.metric))
                .map(e -> e.value)
                .toList();
        List<Double> byHand = java.util.stream.StreamSupport.stream(runs.spliterator(), false)
                .flatMap(run ->
                        java.util.stream.StreamSupport.stream(run.get("benches").spliterator(), false))
                .filter(b -> b.get("name").asText().equals(first.metric))
                .map(b -> b.get("value").asDouble())
                .collect(Collectors.toList());
        assertEquals(byHand, perft2);
    }
}
