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
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.aggregate.SeriesIdentity;
import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.records.MetricEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JmhJsonRecogniserTest {

    private static final String NAME = "jmh-json";
    private static final String HELLO_WORLD = "jmh_json/gh-action-benchmark_jmh_output_2.json";
    private static final String SIX = "jmh_json/bencher_jmh_six.json";
    private static final String ARRAYCOPY = "jmh_json/gpanther-benchmark-arraycopy_jmh-result.json";

    @Test
    void primaryScoreIsTheScoreInItsScoreUnit() {
        FileOutcome outcome = parsedBy(corpus(HELLO_WORLD), NAME);

        assertEquals(1, outcome.rows());
        MetricEvent score = single(outcome, "reported_score");
        assertEquals(3.3762388731228185E9, score.value);
        assertEquals("ops/s", score.unit);
        MetricEvent error = single(outcome, "reported_score_error");
        assertEquals(1.4287985743935993E7, error.value);
        assertEquals("ops/s", error.unit);
        assertEquals(ArtifactParser.FILE_MODIFIED_TIME, score.eventTimeSource, "JMH states no time");
    }

    @Test
    void benchmarkModeThreadsAndParamsAreTheSeriesDimensions() {
        MetricEvent score = single(corpus(HELLO_WORLD), "reported_score");

        assertEquals(
                "org.openjdk.jmh.samples.JMHSample_01_HelloWorld.wellHelloThere", score.dimensions.get("benchmark"));
        assertEquals("thrpt", score.dimensions.get("mode"));
        assertEquals("1", score.dimensions.get("threads"));
        assertEquals("1", score.dimensions.get("forks"));
        assertEquals("17", score.dimensions.get("param_paramA"));
        assertEquals("33", score.dimensions.get("param_paramB"));
        assertEquals("1.29", score.dimensions.get("jmhVersion"));
        assertEquals("1.8.0_202", score.dimensions.get("jdkVersion"));
        assertEquals(
                Map.of(
                        "benchmark",
                        "org.openjdk.jmh.samples.JMHSample_01_HelloWorld.wellHelloThere",
                        "mode",
                        "thrpt",
                        "threads",
                        "1",
                        "forks",
                        "1",
                        "param_paramA",
                        "17",
                        "param_paramB",
                        "33"),
                SeriesIdentity.rowDimensions(score));
    }

    @Test
    void percentilesAreNamedScorePNN() {
        FileOutcome outcome = corpus(HELLO_WORLD);

        assertEquals(3.375353964729294E9, single(outcome, "reported_score_p0").value);
        assertEquals(3.37651988895058E9, single(outcome, "reported_score_p50").value);
        assertEquals(3.376842765688582E9, single(outcome, "reported_score_p99.9").value);
        assertEquals(3.376842765688582E9, single(outcome, "reported_score_p100").value);
        assertEquals("ops/s", single(outcome, "reported_score_p50").unit);
        assertEquals(
                15, outcome.events().size(), "three iterations, and the reported score, error and ten percentiles");
        assertEquals(
                List.of(3.376842765688582E9, 3.37651988895058E9, 3.375353964729294E9),
                metric(outcome, "score").stream().map(e -> e.value).toList(),
                "rawData: one fork of three iterations");
    }

    @Test
    void eachParameterCombinationIsASeriesOfItsOwn() {
        FileOutcome outcome = parsedBy(corpus(ARRAYCOPY), NAME);

        List<MetricEvent> scores = metric(outcome, "reported_score");
        assertEquals(196, scores.size());
        assertEquals(
                196,
                scores.stream()
                        .map(SeriesIdentity::of)
                        .collect(Collectors.toSet())
                        .size());
        MetricEvent first = scores.get(0);
        assertEquals(17.01423110346235, first.value);
        assertEquals("ns/op", first.unit);
        assertEquals("avgt", first.dimensions.get("mode"));
        assertEquals("0", first.dimensions.get("forks"));
        assertEquals(
                Map.of("param_destinationOffset", "0", "param_size", "1024", "param_sourceOffset", "0"),
                first.dimensions.entrySet().stream()
                        .filter(d -> d.getKey().startsWith("param_"))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        MetricEvent last = scores.get(195);
        assertEquals(17.02784058451614, last.value);
        assertEquals("64", last.dimensions.get("param_sourceOffset"));
    }

    @Test
    void sixBenchmarksWithThirtyTwoThreadsAndJvmArgs() {
        FileOutcome outcome = parsedBy(corpus(SIX), NAME);

        assertEquals(6, outcome.rows());
        MetricEvent guava = event(
                outcome,
                "reported_score",
                Map.of("benchmark", "com.github.guava.caffeine.cache.ComputeBenchmark.compute_sameKey"));
        assertEquals(2.994571861137783E7, guava.value);
        assertEquals("Guava", guava.dimensions.get("param_computeType"));
        assertEquals("32", guava.dimensions.get("threads"));
        assertEquals("-Xmx2G", guava.dimensions.get("jvmArgs"));
    }

    @Test
    void secondaryMetricsAreMetricsOfTheirOwnNameAndUnit() {
        FileOutcome outcome = parsedBy(sampleOutcome("jmh_secondary-metrics.json"), NAME);

        assertEquals(412.75, single(outcome, "reported_score").value);
        assertEquals("us/op", single(outcome, "reported_score").unit);
        MetricEvent alloc = single(outcome, "reported_·gc.alloc.rate");
        assertEquals(1530.25, alloc.value);
        assertEquals("MB/sec", alloc.unit);
        assertEquals(21.5, single(outcome, "reported_·gc.alloc.rate_error").value);
        assertEquals(1531.0, single(outcome, "reported_·gc.alloc.rate_p50").value);
        assertEquals(37.0, single(outcome, "reported_·gc.count").value);
        assertEquals("counts", single(outcome, "reported_·gc.count").unit);
        assertTrue(metric(outcome, "reported_·gc.count_error").isEmpty(), "JMH writes \"NaN\" for an error it has not");
        assertEquals(
                "-Xmx1g -XX:+UseG1GC",
                single(outcome, "reported_score").dimensions.get("jvmArgs"));
        assertEquals(
                Set.of("1000"),
                metric(outcome, "reported_·gc.count").stream()
                        .map(e -> e.dimensions.get("param_rows"))
                        .collect(Collectors.toSet()));
    }

    @Test
    void truncatedResultIsADeadLetterNamingTheRecogniser() {
        String text = corpusText(HELLO_WORLD);

        FileOutcome outcome = text("jmh-result.json", text.substring(0, text.indexOf("\"rawData\"")));

        assertFalse(outcome.isParsed());
        assertEquals(NAME, outcome.label());
        assertTrue(outcome.deadLetterReason().startsWith(NAME + ": line "), outcome.deadLetterReason());
    }

    @Test
    void resultWithoutPrimaryMetricObjectIsADeadLetterNamingTheRecogniser() {
        FileOutcome outcome = text(
                "jmh-result.json", "[{\"benchmark\": \"a.B.c\", \"mode\": \"thrpt\"," + " \"primaryMetric\": 42}]");

        assertDeadLetterOf(outcome, NAME, NAME + ": result 1: primaryMetric is a number, not an object");
    }

    @Test
    void jsonWithAPrimaryMetricKeyButNoArrayIsNotClaimed() {
        JmhJsonRecogniser recogniser = new JmhJsonRecogniser();

        assertFalse(recogniser.recognises(
                "x.json", "{\"benchmark\": \"b\", \"mode\": \"m\", \"primaryMetric\": {\"score\": 1}}"));
        assertTrue(recogniser.recognises("x.json", corpusText(SIX)));
    }
}
