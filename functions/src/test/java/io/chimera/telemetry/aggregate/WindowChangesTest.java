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
                        summary -> summary.suite, Types.STRING);
        harness.open();
        return harness;
    }

    @Test
    void reportsHowEachSeriesMovedSinceItsPreviousWindowLargestFirst() throws Exception {
        try (var harness = harness()) {
            harness.processElement(new StreamRecord<>(summary("llm", "09:00",
                    stats("llm", "a", "09:00", 100.0), stats("llm", "b", "09:00", 50.0)), 1));
            harness.processElement(new StreamRecord<>(summary("llm", "09:01",
                    stats("llm", "a", "09:01", 110.0), stats("llm", "b", "09:01", 25.0)), 2));

            List<WindowSummary> out = harness.extractOutputValues();
            assertEquals(List.of(), out.get(0).changes, "nothing to compare the first window with");
            List<SeriesChange> changes = out.get(1).changes;
            assertEquals(2, changes.size());
            assertEquals("b", changes.get(0).series.get("model"));
            assertEquals(-50.0, changes.get(0).changePercent, 1e-9);
            assertEquals(50.0, changes.get(0).previousMean);
            assertEquals("09:00", changes.get(0).previousWindowStart);
            assertEquals(10.0, changes.get(1).changePercent, 1e-9);
        }
    }

    @Test
    void suitesAndSeriesAreComparedOnlyWithThemselves() throws Exception {
        try (var harness = harness()) {
            harness.processElement(new StreamRecord<>(summary("llm", "09:00", stats("llm", "a", "09:00", 100.0)), 1));
            harness.processElement(new StreamRecord<>(
                    summary("kernels", "09:01", stats("kernels", "a", "09:01", 5.0)), 2));
            harness.processElement(new StreamRecord<>(summary("llm", "09:01", stats("llm", "c", "09:01", 7.0)), 3));

            for (WindowSummary summary : harness.extractOutputValues()) {
                assertTrue(summary.changes.isEmpty(), summary.suite + " " + summary.windowStart);
            }
        }
    }

    @Test
    void keepsOneMeanPerSeriesAndKey() throws Exception {
        try (var harness = harness()) {
            for (int minute = 0; minute < 5; minute++) {
                String window = "09:0" + minute;
                harness.processElement(new StreamRecord<>(
                        summary("llm", window, stats("llm", "a", window, 100.0 + minute)), minute));
            }

            assertEquals(1, harness.numKeyedStateEntries(), "state does not grow with the number of windows");
        }
    }
}
