package io.chimera.telemetry.parse.recognise;

import static io.chimera.telemetry.parse.recognise.RecognisedFiles.assertDeadLetterOf;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.corpus;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.corpusText;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.event;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.metric;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.parsedBy;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.single;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.aggregate.SeriesIdentity;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.records.MetricEvent;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JmhCsvRecogniserTest {

    private static final String NAME = "jmh-csv";
    private static final String SERIALIZATION = "jmh_csv/dkomanov-scala-serialization_jmh-result.csv";

    @Test
    void everyRowGivesScoreAndScoreErrorInItsUnit() {
        FileOutcome outcome = parsedBy(corpus(SERIALIZATION), NAME);

        assertEquals(180, outcome.rows());
        assertEquals(360, outcome.events().size());
        Map<String, String> first =
                Map.of("benchmark", "com.komanov.serialization.jmh.BooPickleBenchmark.deserialization_events_1k");
        MetricEvent score = event(outcome, "reported_score", first);
        assertEquals(5180.137104, score.value);
        assertEquals("ns/op", score.unit);
        assertEquals(84.901679, event(outcome, "reported_score_error", first).value);
        assertEquals("ns/op", event(outcome, "reported_score_error", first).unit);
        assertEquals(
                23322.641657,
                event(
                                outcome,
                                "reported_score",
                                Map.of(
                                        "benchmark",
                                        "com.komanov.serialization.jmh.ScroogeBenchmark.serialization_site_8k"))
                        .value);
    }

    @Test
    void benchmarkModeThreadsAndSamplesAreDimensionsAndEachBenchmarkItsOwnSeries() {
        FileOutcome outcome = corpus(SERIALIZATION);

        MetricEvent score = metric(outcome, "reported_score").get(0);
        assertEquals(
                Map.of(
                        "benchmark",
                        "com.komanov.serialization.jmh.BooPickleBenchmark.deserialization_events_1k",
                        "mode",
                        "avgt",
                        "threads",
                        "1",
                        "samples",
                        "5"),
                score.dimensions);
        assertEquals(
                180,
                metric(outcome, "reported_score").stream()
                        .map(SeriesIdentity::of)
                        .collect(Collectors.toSet())
                        .size());
    }

    @Test
    void paramColumnsAndSecondaryResultRowsAreRead() {
        FileOutcome outcome = parsedBy(text("jmh-result.csv", """
                "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: size"
                "a.Bench.copy","thrpt",4,10,"1234,5","12,25","ops/s",1024
                "a.Bench.copy:·gc.alloc.rate","thrpt",4,10,88.5,NaN,"MB/sec",1024
                """), NAME);

        MetricEvent score = single(outcome, "reported_score");
        assertEquals(1234.5, score.value, "a decimal comma, as JMH writes in some locales");
        assertEquals("1024", score.dimensions.get("param_size"));
        assertEquals(12.25, single(outcome, "reported_score_error").value);
        MetricEvent alloc = single(outcome, "reported_·gc.alloc.rate");
        assertEquals(88.5, alloc.value);
        assertEquals("MB/sec", alloc.unit);
        assertEquals("a.Bench.copy", alloc.dimensions.get("benchmark"));
        assertTrue(metric(outcome, "reported_·gc.alloc.rate_error").isEmpty());
    }

    @Test
    void aScoreThatIsNoNumberIsADeadLetterNamingTheRecogniser() {
        String text = corpusText(SERIALIZATION).replace("5180.137104", "fast");

        assertDeadLetterOf(text("jmh-result.csv", text), NAME, NAME + ": line 2: Score is 'fast', not a number");
    }

    @Test
    void aRowMissingAFieldIsADeadLetterNamingTheRecogniser() {
        String text = corpusText(SERIALIZATION).replace(",84.901679,\"ns/op\"", ",\"ns/op\"");

        assertDeadLetterOf(text("jmh-result.csv", text), NAME, NAME + ": line 2: 6 fields where the header has 7");
    }

    @Test
    void otherCsvHeadersAreNotClaimed() {
        JmhCsvRecogniser recogniser = new JmhCsvRecogniser();

        assertFalse(recogniser.recognises("x.csv", "Benchmark,Mode,Score\na,b,1\n"));
        assertFalse(recogniser.recognises("x.csv", "model,Benchmark,Mode,Threads,Samples,Score\n"));
        assertTrue(recogniser.recognises("x.csv", corpusText(SERIALIZATION)));
    }
}
