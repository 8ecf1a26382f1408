package io.chimera.telemetry.parse.recognise;

import static io.chimera.telemetry.parse.recognise.RecognisedFiles.assertDeadLetterOf;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.corpus;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.corpusText;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.event;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.metric;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.parsedBy;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.sampleOutcome;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.aggregate.SeriesIdentity;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.records.MetricEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoogleBenchmarkJsonRecogniserTest {

    private static final String NAME = "google-benchmark-json";
    private static final String GOOGLECPP = "google_benchmark_json/gh-action-benchmark_googlecpp_output.json";
    private static final String TEST3 = "google_benchmark_json/google-benchmark_test3_run0.json";

    @Test
    void realRunGivesRealAndCpuTimeInTheTimeUnitAndIterationsPerBenchmark() {
        FileOutcome outcome = parsedBy(corpus(GOOGLECPP), NAME);

        assertEquals(2, outcome.rows());
        assertEquals(6, outcome.events().size());
        MetricEvent realTime = event(outcome, "real_time", Map.of("name", "fib_10"));
        assertEquals(2.1498980114547953e+02, realTime.value);
        assertEquals("ns", realTime.unit);
        assertEquals(2.1365507206163295e+02, event(outcome, "cpu_time", Map.of("name", "fib_10")).value);
        assertEquals(2.7455600415007055e+04, event(outcome, "real_time", Map.of("name", "fib_20")).value);
        MetricEvent iterations = event(outcome, "iterations", Map.of("name", "fib_20"));
        assertEquals(23968.0, iterations.value);
        assertEquals(null, iterations.unit);
        assertEquals("iteration", realTime.dimensions.get("run_type"));
        assertEquals("fib_10", realTime.dimensions.get("run_name"));
        assertEquals("1", realTime.dimensions.get("threads"));
        assertEquals("Corgi.local", realTime.dimensions.get("context.host_name"));
        assertEquals("release", realTime.dimensions.get("context.library_build_type"));
    }

    @Test
    void contextDateIsTheEventTime() {
        MetricEvent event = corpus(GOOGLECPP).events().get(0);

        assertEquals("context.date", event.eventTimeSource);
        assertEquals(Instant.parse("2019-11-29T21:26:59Z").toEpochMilli(), event.eventTime);
    }

    @Test
    void repetitionsOfOneBenchmarkShareASeriesAndOtherBenchmarksDoNot() {
        FileOutcome outcome = parsedBy(corpus(TEST3), NAME);

        assertEquals(7, outcome.rows());
        List<MetricEvent> realTimes = metric(outcome, "real_time");
        assertEquals(
                List.of(10.0, 9.0, 8.0, 8.0, 8.0, 8.0, 9.0),
                realTimes.stream().map(e -> e.value).toList());
        List<MetricEvent> two = realTimes.stream()
                .filter(e -> "BM_Two".equals(e.dimensions.get("name")))
                .toList();
        assertEquals(List.of(9.0, 8.0), two.stream().map(e -> e.value).toList());
        assertEquals(SeriesIdentity.of(two.get(0)), SeriesIdentity.of(two.get(1)));
        assertNotEquals(SeriesIdentity.of(two.get(0)), SeriesIdentity.of(realTimes.get(0)));
        assertEquals(
                "aggregate",
                event(outcome, "cpu_time", Map.of("name", "BM_One")).dimensions.get("run_type"));
        assertFalse(two.get(0).dimensions.containsKey("run_type"), "the fixture's BM_Two states no run_type");
        assertEquals(Instant.parse("2016-08-02T17:44:46Z").toEpochMilli(), two.get(0).eventTime);
    }

    @Test
    void aggregatesKeepTheirNameAndAggregateName() {
        FileOutcome outcome = parsedBy(sampleOutcome("google-benchmark_repetitions.json"), NAME);

        MetricEvent mean = event(outcome, "real_time", Map.of("name", "BM_Copy/64_mean"));
        assertEquals(63.0, mean.value);
        assertEquals("ns", mean.unit);
        assertEquals("mean", mean.dimensions.get("aggregate_name"));
        assertEquals("aggregate", mean.dimensions.get("run_type"));
        assertEquals("BM_Copy/64", mean.dimensions.get("run_name"));
        assertEquals(7.0710678118654757e-01, event(outcome, "cpu_time", Map.of("aggregate_name", "stddev")).value);
        assertNotEquals(
                SeriesIdentity.of(mean),
                SeriesIdentity.of(event(outcome, "real_time", Map.of("name", "BM_Copy/64_median"))));
        List<MetricEvent> repetitions = metric(outcome, "real_time").stream()
                .filter(e -> "BM_Copy/64".equals(e.dimensions.get("name")))
                .toList();
        assertEquals(List.of(62.5, 63.5), repetitions.stream().map(e -> e.value).toList());
        assertEquals(
                List.of("0", "1"),
                repetitions.stream()
                        .map(e -> e.dimensions.get("repetition_index"))
                        .toList());
        assertEquals(SeriesIdentity.of(repetitions.get(0)), SeriesIdentity.of(repetitions.get(1)));
    }

    @Test
    void cvAndRmsAreFractionsNotTimes() {
        FileOutcome outcome = sampleOutcome("google-benchmark_repetitions.json");

        MetricEvent cv = event(outcome, "real_time", Map.of("aggregate_name", "cv"));
        assertEquals(1.1223917161691231e-02, cv.value);
        assertEquals("ratio", cv.unit);
        assertEquals("ratio", event(outcome, "bytes_per_second", Map.of("aggregate_name", "cv")).unit);
        MetricEvent rms = event(outcome, "rms", Map.of("name", "BM_Sort_RMS"));
        assertEquals(2.5000000000000001e-02, rms.value);
        assertEquals("ratio", rms.unit);
    }

    @Test
    void bigOGivesCoefficientsInTheTimeUnitAndTheComplexity() {
        FileOutcome outcome = sampleOutcome("google-benchmark_repetitions.json");

        MetricEvent real = event(outcome, "real_coefficient", Map.of("name", "BM_Sort_BigO"));
        assertEquals(3.3300000000000001e-03, real.value);
        assertEquals("us", real.unit);
        assertEquals("NlgN", real.dimensions.get("big_o"));
        assertEquals(3.3200000000000002e-03, event(outcome, "cpu_coefficient", Map.of()).value);
        assertEquals(34.1, event(outcome, "real_time", Map.of("name", "BM_Sort/1024")).value);
        assertEquals("us", event(outcome, "real_time", Map.of("name", "BM_Sort/1024")).unit);
    }

    @Test
    void userCountersAreMetricsWithTheUnitsTheLibraryMeans() {
        FileOutcome outcome = sampleOutcome("google-benchmark_repetitions.json");

        MetricEvent bytes = event(outcome, "bytes_per_second", Map.of("name", "BM_Copy/64", "repetition_index", "1"));
        assertEquals(1.008e9, bytes.value);
        assertEquals("B/s", bytes.unit);
        assertEquals("items/s", event(outcome, "items_per_second", Map.of("aggregate_name", "mean")).unit);
        MetricEvent ratio = event(outcome, "compression_ratio", Map.of());
        assertEquals(2.75, ratio.value);
        assertEquals(null, ratio.unit);
        assertEquals("lz4", ratio.dimensions.get("label"));
        assertEquals("4", ratio.dimensions.get("threads"));
        assertEquals("ms", event(outcome, "real_time", Map.of("name", "BM_Compress/threads:4")).unit);
    }

    @Test
    void anEntryWithAnErrorIsAFailedRow() {
        FileOutcome outcome = sampleOutcome("google-benchmark_repetitions.json");

        assertEquals(1, outcome.failedRows());
        List<MetricEvent> failed =
                outcome.events().stream().filter(e -> e.failed).toList();
        assertEquals(3, failed.size(), "iterations, real_time and cpu_time of BM_Mount");
        for (MetricEvent event : failed) {
            assertEquals("BM_Mount", event.dimensions.get("name"));
            assertEquals("could not open /dev/fuse", event.error);
        }
        assertTrue(outcome.events().stream()
                .filter(e -> !e.failed)
                .noneMatch(e -> "BM_Mount".equals(e.dimensions.get("name"))));
    }

    @Test
    void anOffsetDateAndTheLegacyDateFormAreEventTimes() {
        MetricEvent event =
                sampleOutcome("google-benchmark_repetitions.json").events().get(0);
        assertEquals(Instant.parse("2024-05-14T07:12:44Z").toEpochMilli(), event.eventTime);

        FileOutcome legacy = text("legacy.json", """
                {"context": {"date": "2015/03/17-18:40:25", "num_cpus": 40},
                 "benchmarks": [{"name": "BM_SetInsert/1024/1", "iterations": 94877, "real_time": 29275,
                                 "cpu_time": 29836, "bytes_per_second": 134066}]}
                """);
        MetricEvent realTime = event(parsedBy(legacy, NAME), "real_time", Map.of());
        assertEquals(Instant.parse("2015-03-17T18:40:25Z").toEpochMilli(), realTime.eventTime);
        assertEquals("ns", realTime.unit, "the library's default time unit when the entry names none");
    }

    @Test
    void truncatedOutputIsADeadLetterNamingTheRecogniser() {
        String text = corpusText(GOOGLECPP);

        FileOutcome outcome = text("run.json", text.substring(0, text.indexOf("\"fib_20\"")));

        assertFalse(outcome.isParsed());
        assertEquals(NAME, outcome.label());
        assertTrue(outcome.deadLetterReason().startsWith(NAME + ": line "), outcome.deadLetterReason());
        assertTrue(outcome.deadLetterReason().contains("Unexpected end-of-input"), outcome.deadLetterReason());
    }

    @Test
    void benchmarksThatAreNoArrayAreADeadLetterNamingTheRecogniser() {
        FileOutcome outcome = text(
                "run.json",
                "{\"context\": {}, \"benchmarks\": {\"name\": \"BM_x\", \"real_time\": 1, \"cpu_time\": 1}}");

        assertDeadLetterOf(outcome, NAME, NAME + ": benchmarks is an object, not an array");
    }

    @Test
    void pytestBenchmarksWithoutContextAreNotClaimed() {
        GoogleBenchmarkJsonRecogniser recogniser = new GoogleBenchmarkJsonRecogniser();

        assertFalse(recogniser.recognises(
                "x.json", corpusText("pytest_benchmark_json/gh-action-benchmark_pytest_several_units.json")));
        assertFalse(
                recogniser.recognises("x.json", "{\"context\": {}, \"benchmarks\": []}"),
                "no real_time or cpu_time: nothing of Google Benchmark's");
        assertTrue(recogniser.recognises("x.json", corpusText(TEST3)));
    }
}
