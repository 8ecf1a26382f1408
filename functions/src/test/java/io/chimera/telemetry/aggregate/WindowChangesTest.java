package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.SeriesChange;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.WindowSummary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class WindowChangesTest {

    private static final String NINE = "2026-11-20T09:00:00Z";
    private static final String NINE_ONE = "2026-11-20T09:01:00Z";

    private static SeriesStats stats(String suite, String model, String windowStart, double mean) {
        SeriesStats s = new SeriesStats();
        s.suite = suite;
        s.series = new TreeMap<>(Map.of("model", model));
        s.metric = "tokens_s";
        s.unit = "tok/s";
        s.windowStart = windowStart;
        s.count = 3;
        s.mean = mean;
        return s;
    }

    private static WindowSummary summary(String suite, String windowStart, SeriesStats... series) {
        WindowSummary summary = new WindowSummary();
        summary.suite = suite;
        summary.windowStart = windowStart;
        summary.series = List.of(series);
        return summary;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, WindowSummary, WindowSummary> harness()
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, WindowSummary, WindowSummary> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new WindowChanges(Duration.ofDays(30))),
                        summary -> summary.suite,
                        Types.STRING);
        harness.open();
        return harness;
    }

    @Test
    void reportsHowEachSeriesMovedSinceItsPreviousWindowLargestFirst() throws Exception {
        try (var harness = harness()) {
            harness.processElement(new StreamRecord<>(
                    summary("llm", NINE, stats("llm", "a", NINE, 100.0), stats("llm", "b", NINE, 50.0)), 1));
            harness.processElement(new StreamRecord<>(
                    summary("llm", NINE_ONE, stats("llm", "a", NINE_ONE, 110.0), stats("llm", "b", NINE_ONE, 25.0)),
                    2));

            List<WindowSummary> out = harness.extractOutputValues();
            assertEquals(List.of(), out.get(0).changes, "nothing to compare the first window with");
            List<SeriesChange> changes = out.get(1).changes;
            assertEquals(2, changes.size());
            assertEquals("b", changes.get(0).series.get("model"));
            assertEquals(-50.0, changes.get(0).changePercent, 1e-9);
            assertEquals(50.0, changes.get(0).previousMean);
            assertEquals("2026-11-20T09:00:00Z", changes.get(0).previousWindowStart);
            assertEquals(10.0, changes.get(1).changePercent, 1e-9);
        }
    }

    @Test
    void suitesAndSeriesAreComparedOnlyWithThemselves() throws Exception {
        try (var harness = harness()) {
            harness.processElement(new StreamRecord<>(summary("llm", NINE, stats("llm", "a", NINE, 100.0)), 1));
            harness.processElement(
                    new StreamRecord<>(summary("kernels", NINE_ONE, stats("kernels", "a", NINE_ONE, 5.0)), 2));
            harness.processElement(new StreamRecord<>(summary("llm", NINE_ONE, stats("llm", "c", NINE_ONE, 7.0)), 3));

            for (WindowSummary summary : harness.extractOutputValues()) {
                assertTrue(summary.changes.isEmpty(), summary.suite + " " + summary.windowStart);
            }
        }
    }

    @Test
    void keepsOneMeanPerSeriesAndKey() throws Exception {
        try (var harness = harness()) {
            for (int minute = 0; minute < 5; minute++) {
                String window = "2026-11-20T09:0" + minute + ":00Z";
                harness.processElement(
                        new StreamRecord<>(summary("llm", window, stats("llm", "a", window, 100.0 + minute)), minute));
            }

            assertEquals(1, harness.numKeyedStateEntries(), "state does not grow with the number of windows");
        }
    }

    @Test
    void aRevisionIsComparedWithTheWindowBeforeItNotWithItself() throws Exception {
        try (var harness = harness()) {
            harness.processElement(new StreamRecord<>(
                    summary("llm", "2026-11-20T09:00:00Z", stats("llm", "a", "2026-11-20T09:00:00Z", 100.0)), 1));
            harness.processElement(new StreamRecord<>(
                    summary("llm", "2026-11-20T09:01:00Z", stats("llm", "a", "2026-11-20T09:01:00Z", 110.0)), 2));
            WindowSummary revision =
                    summary("llm", "2026-11-20T09:01:00Z", stats("llm", "a", "2026-11-20T09:01:00Z", 120.0));
            revision.revision = 1;
            harness.processElement(new StreamRecord<>(revision, 3));

            SeriesChange change = harness.extractOutputValues().get(2).changes.get(0);
            assertEquals("2026-11-20T09:00:00Z", change.previousWindowStart);
            assertEquals(20.0, change.changePercent, 1e-9);
        }
    }

    @Test
    void aWindowThatArrivesLateIsComparedWithTheOneBeforeItInTime() throws Exception {
        try (var harness = harness()) {
            harness.processElement(new StreamRecord<>(
                    summary("llm", "2026-11-20T09:00:00Z", stats("llm", "a", "2026-11-20T09:00:00Z", 100.0)), 1));
            harness.processElement(new StreamRecord<>(
                    summary("llm", "2026-11-20T09:05:00Z", stats("llm", "a", "2026-11-20T09:05:00Z", 200.0)), 2));
            harness.processElement(new StreamRecord<>(
                    summary("llm", "2026-11-20T09:02:00Z", stats("llm", "a", "2026-11-20T09:02:00Z", 150.0)), 3));

            SeriesChange change = harness.extractOutputValues().get(2).changes.get(0);
            assertEquals("2026-11-20T09:00:00Z", change.previousWindowStart);
            assertEquals(50.0, change.changePercent, 1e-9);
        }
    }
}
