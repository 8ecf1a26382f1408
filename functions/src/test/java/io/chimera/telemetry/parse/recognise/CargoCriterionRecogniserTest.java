package io.chimera.telemetry.parse.recognise;

import static io.chimera.telemetry.parse.recognise.RecognisedFiles.assertDeadLetterOf;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.corpus;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.corpusText;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.event;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.metric;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.parsedBy;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.aggregate.SeriesIdentity;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.records.MetricEvent;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CargoCriterionRecogniserTest {

    private static final String NAME = "cargo-criterion-json";
    private static final String HTSGET = "criterion/gh-action-benchmark_cargo-criterion_htsget-rs.jsonl";
    private static final Map<String, String> BAM_ALL = Map.of("benchmark", "Queries/[LIGHT] Bam query all");

    @Test
    void eachBenchmarkCompleteLineGivesItsSamplesAndItsEstimatesInTheirUnit() {
        FileOutcome outcome = parsedBy(corpus(HTSGET), NAME);

        assertEquals(12, outcome.rows());
        assertEquals(
                804,
                outcome.events().size(),
                "50 samples, 5 estimates with 2 bounds each and 2 changes, 12 benchmarks");
        MetricEvent typical = event(outcome, "reported_typical", BAM_ALL);
        assertEquals(55911.196150782096, typical.value);
        assertEquals("ns", typical.unit);
        assertEquals(54773.17273526619, event(outcome, "reported_mean", BAM_ALL).value);
        assertEquals(54178.915096907665, event(outcome, "reported_median", BAM_ALL).value);
        assertEquals(2630.7849830561304, event(outcome, "reported_median_abs_dev", BAM_ALL).value);
        assertEquals(54603.90187867978, event(outcome, "reported_slope_lower_bound", BAM_ALL).value);
        assertEquals(
                424385.25366236235,
                event(outcome, "reported_mean", Map.of("benchmark", "Queries/[LIGHT] Bam query specific")).value);
        assertEquals(
                78073.48495845342,
                event(outcome, "reported_mean", Map.of("benchmark", "Queries/[LIGHT] Bcf query header")).value);
    }

    @Test
    void theChangeAgainstTheLastRunIsAPercentageAndItsVerdictADimension() {
        FileOutcome outcome = corpus(HTSGET);

        MetricEvent change = event(outcome, "change_mean", BAM_ALL);
        assertEquals(3.422768778974363, change.value);
        assertEquals("%", change.unit);
        assertEquals("Regressed", change.dimensions.get("change"));
        assertEquals(
                32.15450112288672,
                event(outcome, "change_median", Map.of("benchmark", "Queries/[LIGHT] Bam query specific")).value);
    }

    @Test
    void theGroupCompleteLineGivesEachBenchmarkItsGroupAndEachBenchmarkIsASeries() {
        FileOutcome outcome = corpus(HTSGET);

        assertTrue(metric(outcome, "reported_mean").stream()
                .allMatch(e -> "Queries".equals(e.dimensions.get("group_id"))));
        assertEquals(
                Map.of("benchmark", "Queries/[LIGHT] Bam query all", "group_id", "Queries"),
                SeriesIdentity.rowDimensions(event(outcome, "reported_mean", BAM_ALL)));
        assertEquals(
                12,
                metric(outcome, "reported_mean").stream()
                        .map(SeriesIdentity::of)
                        .collect(Collectors.toSet())
                        .size());
    }

    @Test
    void messagesSavedAsJsonAreRecognisedToo() {
        FileOutcome outcome = parsedBy(text("criterion_output.json", corpusText(HTSGET)), NAME);

        assertEquals(ArtifactFormat.JSON, outcome.format());
        assertEquals(804, outcome.events().size());
        assertEquals(55911.196150782096, event(outcome, "reported_typical", BAM_ALL).value);
    }

    @Test
    void aBrokenLineIsADeadLetterNamingTheRecogniserAndTheLine() {
        String[] lines = corpusText(HTSGET).split("\n");
        lines[2] = lines[2].substring(0, 200);

        FileOutcome outcome = text("criterion.jsonl", String.join("\n", lines));

        assertFalse(outcome.isParsed());
        assertEquals(NAME, outcome.label());
        assertTrue(outcome.deadLetterReason().startsWith(NAME + ": line 3, column "), outcome.deadLetterReason());
    }

    @Test
    void samplesWithoutTheirIterationCountsAreADeadLetterNamingTheBenchmark() {
        String first = corpusText(HTSGET)
                .lines()
                .findFirst()
                .orElseThrow()
                .replaceFirst("\"iteration_count\":\\[448,", "\"iteration_count\":[");

        FileOutcome outcome = text("criterion.jsonl", first + "\n");

        assertDeadLetterOf(
                outcome,
                NAME,
                NAME + ": line 1: benchmark Queries/[LIGHT] Bam query all: 49 iteration"
                        + " counts for 50 measured values: each sample needs both");
    }

    @Test
    void aBenchmarkWithoutIdIsADeadLetterNamingTheRecogniser() {
        FileOutcome outcome = text(
                "criterion.jsonl", "{\"reason\":\"benchmark-complete\",\"mean\":{\"estimate\":1.0,\"unit\":\"ns\"}}\n");

        assertDeadLetterOf(outcome, NAME, NAME + ": line 1: a benchmark-complete message without an id");
    }

    @Test
    void linesWithoutABenchmarkOrGroupReasonAreNotClaimed() {
        CargoCriterionRecogniser recogniser = new CargoCriterionRecogniser(ArtifactFormat.JSON_LINES);

        assertFalse(recogniser.recognises("x.jsonl", "{\"reason\":\"compiler-artifact\"}\n"));
        assertFalse(recogniser.recognises("x.jsonl", "{\"model\":\"m\",\"reason\":\"stop\"}\n"));
        assertTrue(recogniser.recognises("x.jsonl", corpusText(HTSGET)));
    }
}
