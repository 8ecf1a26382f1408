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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PytestBenchmarkJsonRecogniserTest {

    private static final String NAME = "pytest-benchmark-json";
    private static final String SEVERAL_UNITS = "pytest_benchmark_json/gh-action-benchmark_pytest_several_units.json";
    private static final String STORAGE_0030 = "pytest_benchmark_json/pytest-benchmark_test_storage_0030.json";

    @Test
    void statsAreMetricsInSecondsAndOpsPerSecond() {
        FileOutcome outcome = parsedBy(corpus(SEVERAL_UNITS), NAME);

        assertEquals(4, outcome.rows());
        Map<String, String> sleep = Map.of("name", "test_sleep_2");
        MetricEvent mean = event(outcome, "reported_mean", sleep);
        assertEquals(2.0038430469999997, mean.value);
        assertEquals("s", mean.unit);
        assertEquals(2.001044877, event(outcome, "reported_min", sleep).value);
        assertEquals(0.0018776587251587858, event(outcome, "reported_stddev", sleep).value);
        assertEquals(2.005124842999999, event(outcome, "reported_median", sleep).value);
        assertEquals(0.002820521000000298, event(outcome, "reported_iqr", sleep).value);
        MetricEvent ops = event(outcome, "reported_ops", sleep);
        assertEquals(0.49904108083570886, ops.value);
        assertEquals("ops/s", ops.unit);
        MetricEvent rounds = event(outcome, "rounds", sleep);
        assertEquals(5.0, rounds.value);
        assertEquals(null, rounds.unit);
        assertEquals(1.4995610248628836e-07, event(outcome, "reported_mean", Map.of("name", "test_fib_1")).value);
    }

    @Test
    void eachRoundIsAValueOfTimeWhenTheDataHoldEveryRound() {
        FileOutcome outcome = corpus(SEVERAL_UNITS);

        // test_sleep_2 kept its 5 rounds; the other three kept 4 of thousands ("... omitted"): no samples for them.
        assertEquals(64 + 5, outcome.events().size(), "16 statistics for each of the 4 benchmarks, and 5 rounds");
        assertEquals(
                List.of(2.005173128, 2.0051284989999996, 2.005124842999999, 2.0027438879999995, 2.001044877),
                event(outcome, "time", Map.of("name", "test_sleep_2"), 5).stream()
                        .map(e -> e.value)
                        .toList());
        assertEquals(
                Set.of(
                        "reported_min",
                        "reported_max",
                        "reported_mean",
                        "reported_stddev",
                        "rounds",
                        "reported_median",
                        "reported_iqr",
                        "reported_q1",
                        "reported_q3",
                        "iqr_outliers",
                        "stddev_outliers",
                        "reported_ld15iqr",
                        "reported_hd15iqr",
                        "reported_ops",
                        "reported_total",
                        "iterations",
                        "time"),
                outcome.events().stream().map(e -> e.metric).collect(Collectors.toSet()));
    }

    @Test
    void nameAndFullnameNameTheSeriesAndTheMachineAndCommitAreDimensions() {
        FileOutcome outcome = corpus(SEVERAL_UNITS);

        MetricEvent mean = event(outcome, "reported_mean", Map.of("name", "test_fib_10"));
        assertEquals("bench.py::test_fib_10", mean.dimensions.get("fullname"));
        assertEquals(1.0, event(outcome, "iterations", Map.of("name", "test_fib_10")).value);
        assertEquals(100.0, event(outcome, "iterations", Map.of("name", "test_fib_1")).value);
        assertEquals("b8e9e2af2493a1ee2f3fa758a9572cd9972e6db7", mean.dimensions.get("commit_info.id"));
        assertEquals("master", mean.dimensions.get("commit_info.branch"));
        assertEquals("Corgi.local", mean.dimensions.get("machine_info.node"));
        assertEquals("Intel(R) Core(TM) i5-5257U CPU @ 2.70GHz", mean.dimensions.get("machine_info.cpu.brand"));
        assertEquals("3.2.2", mean.dimensions.get("pytest_benchmark_version"));
        assertFalse(mean.dimensions.containsKey("group"), "group is null");
        List<MetricEvent> means = metric(outcome, "reported_mean");
        assertEquals(
                4,
                means.stream()
                        .map(SeriesIdentity::of)
                        .collect(Collectors.toSet())
                        .size());
    }

    @Test
    void datetimeIsTheEventTime() {
        MetricEvent event = corpus(SEVERAL_UNITS).events().get(0);
        assertEquals("datetime", event.eventTimeSource);
        assertEquals(Instant.parse("2019-12-06T08:58:58.115Z").toEpochMilli(), event.eventTime);

        MetricEvent old = corpus(STORAGE_0030).events().get(0);
        assertEquals(Instant.parse("2015-08-15T00:04:18.687Z").toEpochMilli(), old.eventTime);
    }

    @Test
    void version2RunWithoutOpsOrTotalGivesWhatItHas() {
        FileOutcome outcome = parsedBy(corpus(STORAGE_0030), NAME);

        assertEquals(14, outcome.events().size());
        MetricEvent mean = single(outcome, "reported_mean");
        assertEquals(2.61205074138546e-07, mean.value);
        assertEquals("test_xfast_parametrized[0]", mean.dimensions.get("name"));
        assertEquals("tests/test_normal.py::test_xfast_parametrized[0]", mean.dimensions.get("fullname"));
        assertEquals(431.0, single(outcome, "iterations").value);
        assertEquals(9710.0, single(outcome, "rounds").value);
        assertEquals(1.329003796500009e-05, single(outcome, "reported_max").value);
        assertTrue(metric(outcome, "reported_ops").isEmpty());
    }

    @Test
    void paramsAndExtraInfoAreRead() {
        FileOutcome outcome = parsedBy(text("0001_run.json", """
                {"machine_info": {"node": "ci"}, "commit_info": {"id": "abc"}, "datetime": "2024-02-01T10:00:00Z",
                 "version": "4.0.0",
                 "benchmarks": [{"group": "parse", "name": "test_parse[1000-nested]",
                   "fullname": "tests/test_parse.py::test_parse[1000-nested]", "param": "1000-nested",
                   "params": {"rows": 1000, "shape": "nested"}, "extra_info": {"peak_mb": 12.5, "codec": "zstd"},
                   "stats": {"min": 0.001, "max": 0.003, "mean": 0.002, "stddev": 0.0005, "rounds": 20,
                             "median": 0.002, "iqr": 0.0004, "q1": 0.0018, "q3": 0.0022, "iqr_outliers": 1,
                             "stddev_outliers": 2, "outliers": "2;1", "ld15iqr": 0.001, "hd15iqr": 0.003,
                             "ops": 500.0, "total": 0.04, "iterations": 1, "data": [0.001, 0.002, 0.003]}}]}
                """), NAME);

        MetricEvent mean = single(outcome, "reported_mean");
        assertEquals("1000", mean.dimensions.get("param_rows"));
        assertEquals("nested", mean.dimensions.get("param_shape"));
        assertEquals("parse", mean.dimensions.get("group"));
        assertEquals("zstd", mean.dimensions.get("extra_info.codec"));
        MetricEvent peak = single(outcome, "extra_info.peak_mb");
        assertEquals(12.5, peak.value);
        assertEquals("MB", peak.unit);
        assertEquals(
                Map.of(
                        "group",
                        "parse",
                        "name",
                        "test_parse[1000-nested]",
                        "param_rows",
                        "1000",
                        "param_shape",
                        "nested"),
                SeriesIdentity.rowDimensions(mean));
    }

    @Test
    void truncatedRunIsADeadLetterNamingTheRecogniser() {
        String text = corpusText(STORAGE_0030);

        FileOutcome outcome = text("0030_run.json", text.substring(0, text.indexOf("\"machine_info\"") + 20));

        assertFalse(outcome.isParsed());
        assertEquals(NAME, outcome.label());
        assertTrue(outcome.deadLetterReason().startsWith(NAME + ": line "), outcome.deadLetterReason());
    }

    @Test
    void benchmarkWithoutStatsIsADeadLetterNamingTheRecogniser() {
        FileOutcome outcome =
                text("run.json", "{\"machine_info\": {}, \"benchmarks\": [{\"name\": \"t\", \"stats\": null}]}");

        assertDeadLetterOf(outcome, NAME, NAME + ": benchmarks[0].stats: missing");
    }
}
