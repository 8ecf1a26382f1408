package io.chimera.telemetry.parse.recognise;

import static io.chimera.telemetry.parse.recognise.RecognisedFiles.assertDeadLetterOf;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.event;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.metric;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.parsedBy;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.sampleOutcome;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.sampleText;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.aggregate.SeriesIdentity;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.parse.ParseSettings;
import io.chimera.telemetry.records.MetricEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlamaBenchMarkdownRecogniserTest {

    private static final String NAME = "llama-bench-markdown";
    private static final String SAMPLE = "llama-bench.md";

    @Test
    void tokensPerSecondCellIsMeanAndStddev() {
        FileOutcome outcome = parsedBy(sampleOutcome(SAMPLE), NAME);

        assertEquals(4, outcome.rows());
        MetricEvent pp = event(outcome, "avg_ts", Map.of("test", "pp512", "flash_attn", "0"));
        assertEquals(10134.13, pp.value);
        assertEquals("tok/s", pp.unit);
        assertEquals(82.64, event(outcome, "stddev_ts", Map.of("test", "pp512", "flash_attn", "0")).value);
        assertEquals(7156.41, event(outcome, "avg_ts", Map.of("test", "pp512 @ d4096")).value);
        assertEquals(
                List.of(10134.13, 191.33, 10620.34, 7156.41),
                metric(outcome, "avg_ts").stream().map(e -> e.value).toList());
    }

    @Test
    void shortColumnNamesBecomeLlamaBenchFieldNamesAndTheBuildLineDimensions() {
        MetricEvent pp = event(sampleOutcome(SAMPLE), "avg_ts", Map.of("test", "pp512", "flash_attn", "1"));

        assertEquals(
                Map.of(
                        "model",
                        "llama 3B Q4_K - Medium",
                        "size",
                        "1.88 GiB",
                        "params",
                        "3.21 B",
                        "backend",
                        "CUDA",
                        "n_gpu_layers",
                        "99",
                        "flash_attn",
                        "1",
                        "test",
                        "pp512",
                        "build_commit",
                        "3f1ae2e3",
                        "build_number",
                        "4512"),
                pp.dimensions);
        assertEquals(ArtifactParser.FILE_MODIFIED_TIME, pp.eventTimeSource, "the table states no time");
    }

    @Test
    void flashAttentionOnAndOffAreTwoSeries() {
        FileOutcome outcome = sampleOutcome(SAMPLE);

        assertNotEquals(
                SeriesIdentity.of(event(outcome, "avg_ts", Map.of("test", "pp512", "flash_attn", "0"))),
                SeriesIdentity.of(event(outcome, "avg_ts", Map.of("test", "pp512", "flash_attn", "1"))));
    }

    @Test
    void theGenericMarkdownParserWouldNotHaveSeenTheTable() {
        ArtifactParser generic = new ArtifactParser(ParseSettings.defaults(), List.of());
        byte[] bytes = sampleText(SAMPLE).getBytes(StandardCharsets.UTF_8);

        FileOutcome outcome = generic.parse(
                new io.chimera.telemetry.parse.ArtifactFile("bench", "bench/llama.md", bytes.length, 0L),
                ArtifactFormat.MARKDOWN,
                bytes);

        assertTrue(outcome.isParsed());
        assertTrue(outcome.events().isEmpty(), "its |--:| delimiter cells are shorter than three dashes");
    }

    @Test
    void aRowWithAMissingCellIsADeadLetterNamingTheRecogniser() {
        String text = sampleText(SAMPLE).replace("|  99 |  0 |         tg128 |", "|  99 |         tg128 |");

        assertDeadLetterOf(text("bench.md", text), NAME, NAME + ": line 4: 7 cells where the header has 8");
    }

    @Test
    void aRateThatIsNoMeanAndStddevIsADeadLetterNamingTheRecogniser() {
        String text = sampleText(SAMPLE).replace("191.33 ± 0.54", "fast");

        assertDeadLetterOf(text("bench.md", text), NAME, NAME + ": line 4: t/s is 'fast', not mean ± stddev");
    }

    @Test
    void otherTablesAreNotClaimed() {
        LlamaBenchMarkdownRecogniser recogniser = new LlamaBenchMarkdownRecogniser();

        assertFalse(recogniser.recognises("x.md", "| model | backend | t/s |\n|---|---|---|\n| a | b | 1 |\n"));
        assertFalse(recogniser.recognises("x.md", "| Model | Size | Params | Backend | Test | Tokens/s |\n"));
        assertTrue(recogniser.recognises("x.md", sampleText(SAMPLE)));
    }
}
