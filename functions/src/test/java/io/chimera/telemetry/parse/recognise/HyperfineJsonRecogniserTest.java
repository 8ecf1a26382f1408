package io.chimera.telemetry.parse.recognise;

import static io.chimera.telemetry.parse.recognise.RecognisedFiles.assertDeadLetterOf;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.corpus;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.corpusText;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.event;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.metric;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.parsedBy;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.sampleOutcome;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.single;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.aggregate.SeriesIdentity;
import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.records.MetricEvent;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HyperfineJsonRecogniserTest {

    private static final String NAME = "hyperfine-json";
    private static final String ONE_BRC = "hyperfine_json/zeroows-1brc_hyperfine.json";
    private static final String SLEEP = "hyperfine_json/bencher_hyperfine_one.json";

    @Test
    void eachCommandGivesItsStatisticsInSeconds() {
        FileOutcome outcome = parsedBy(corpus(ONE_BRC), NAME);

        assertEquals(2, outcome.rows());
        assertEquals(20, outcome.events().size(), "three runs and seven reported statistics a command");
        Map<String, String> lucretiel =
                Map.of("command", "cargo run --release --bin lucretiel_1brc measurements_1000000000.txt");
        assertEquals(3, event(outcome, "time", lucretiel, 3).size(), "each run's time");
        MetricEvent mean = event(outcome, "reported_mean", lucretiel);
        assertEquals(11.55440516752, mean.value);
        assertEquals("s", mean.unit);
        assertEquals(12.04923320852, event(outcome, "reported_median", lucretiel).value);
        assertEquals(46.03043662666666, event(outcome, "reported_user", lucretiel).value);
        assertEquals(6.829955713333334, event(outcome, "reported_system", lucretiel).value);
        assertEquals(1.1389597505435085, event(outcome, "reported_stddev", lucretiel).value);
        assertEquals(
                11.61481411152,
                event(
                                outcome,
                                "reported_mean",
                                Map.of("command", "cargo run --release --bin 1brc measurements_1000000000.txt"))
                        .value);
        assertEquals(0, outcome.failedRows(), "every exit code is 0");
        assertEquals(ArtifactParser.FILE_MODIFIED_TIME, mean.eventTimeSource);
    }

    @Test
    void theCommandNamesTheSeries() {
        FileOutcome outcome = parsedBy(corpus(SLEEP), NAME);

        MetricEvent mean = single(outcome, "reported_mean");
        assertEquals(0.013317239025420563, mean.value);
        assertEquals(0.01016589246, single(outcome, "reported_min").value);
        assertEquals(0.021347058460000002, single(outcome, "reported_max").value);
        assertEquals(Map.of("command", "sleep 0.01"), mean.dimensions);
        assertEquals(Map.of("command", "sleep 0.01"), SeriesIdentity.rowDimensions(mean));
    }

    @Test
    void nonZeroExitCodesMakeTheCommandAFailedRowAndParametersNameItsSeries() {
        FileOutcome outcome = parsedBy(sampleOutcome("hyperfine_exit-codes.json"), NAME);

        assertEquals(1, outcome.failedRows());
        MetricEvent large = event(outcome, "reported_mean", Map.of("param_size", "large"));
        assertTrue(large.failed);
        assertEquals(0.1875, large.value);
        assertEquals("exited non-zero in 3 of 4 runs (exit codes 22, none (signal))", large.error);
        MetricEvent small = event(outcome, "reported_mean", Map.of("param_size", "small"));
        assertFalse(small.failed);
        assertNull(small.error);
        assertEquals(
                Set.of(
                        Map.of("command", "curl -sf http://localhost:8080/health?size=small", "param_size", "small"),
                        Map.of("command", "curl -sf http://localhost:8080/health?size=large", "param_size", "large")),
                metric(outcome, "reported_mean").stream()
                        .map(e -> SeriesIdentity.rowDimensions(e))
                        .collect(Collectors.toSet()));
    }

    @Test
    void truncatedExportIsADeadLetterNamingTheRecogniser() {
        String text = corpusText(ONE_BRC);

        FileOutcome outcome = text("hyperfine.json", text.substring(0, text.indexOf("\"exit_codes\"")));

        assertFalse(outcome.isParsed());
        assertEquals(NAME, outcome.label());
        assertTrue(outcome.deadLetterReason().startsWith(NAME + ": line "), outcome.deadLetterReason());
    }

    @Test
    void resultWithoutCommandIsADeadLetterNamingTheRecogniser() {
        String text = corpusText(ONE_BRC).replace("\"command\": \"cargo run --release --bin 1brc", "\"cmd\": \"x");

        assertDeadLetterOf(text("hyperfine.json", text), NAME, NAME + ": results[0].command: missing");
    }

    @Test
    void otherResultsArraysAreNotClaimed() {
        HyperfineJsonRecogniser recogniser = new HyperfineJsonRecogniser();

        assertFalse(recogniser.recognises(
                "x.json", "{\"model\": \"gemma3\", \"results\": [{\"prompt\": \"hi\", \"mean\": 1.0}]}"));
        assertTrue(recogniser.recognises("x.json", corpusText(SLEEP)));
    }
}
