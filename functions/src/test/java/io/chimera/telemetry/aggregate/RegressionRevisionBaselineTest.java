package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.SeriesStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The case this guards: a revision of a window is judged "against the windows before it", but the detector keeps only
 * the newest N + 1 window means. Once newer windows have pushed the older ones out, a revision of a window that was
 * judged a regression is judged against a shorter baseline (here: shorter than --min-baseline), and the alert is
 * withdrawn although the window is still exactly as far off its baseline as before.
 */
class RegressionRevisionBaselineTest {

    private static final Instant START = Instant.parse("2026-11-20T09:00:00Z");

    private static SeriesStats window(int index, double mean, int revision) {
        SeriesStats s = new SeriesStats();
        s.suite = "llm";
        s.series = new TreeMap<>(Map.of("model", "gemma3"));
        s.metric = "tokens_s";
        s.unit = "tok/s";
        s.windowStart = START.plus(Duration.ofMinutes(index)).toString();
        s.windowEnd = START.plus(Duration.ofMinutes(index + 1)).toString();
        s.count = 10;
        s.mean = mean;
        s.revision = revision;
        return s;
    }

    @Test
    void aLateFileThatLeavesARegressedWindowAsItWasDoesNotWithdrawItsAlert() throws Exception {
        List<SeriesStats> input = new ArrayList<>();
        // Defaults: baseline of 20 windows, judged from 5 on. Twenty steady windows, then a 30 % drop in window 20
        // that stays (windows 21 to 36, one-minute windows: a quarter of an hour).
        for (int i = 0; i < 20; i++) {
            input.add(window(i, i % 2 == 0 ? 100 : 101, 0));
        }
        input.add(window(20, 70, 0));
        for (int i = 21; i <= 36; i++) {
            input.add(window(i, 70, 0));
        }
        // A file copied in late (well within the 7-day horizon) adds a value equal to window 20's mean: revision 1
        // of window 20 has the same mean, against the same twenty windows before it.
        input.add(window(20, 70, 1));

        List<Alert> alerts = new ArrayList<>();
        try (KeyedOneInputStreamOperatorTestHarness<String, SeriesStats, SeriesStats> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new RegressionDetector(RegressionSettings.defaults())),
                        s -> s.suite + "/" + s.metric,
                        Types.STRING)) {
            harness.open();
            for (SeriesStats stats : input) {
                harness.processElement(new StreamRecord<>(stats, 0));
            }
            var side = harness.getSideOutput(RegressionDetector.ALERTS);
            if (side != null) {
                side.forEach(record -> alerts.add(record.getValue()));
            }
        }

        List<String> onWindow20 = alerts.stream()
                .filter(a -> a.windowStart.equals(window(20, 0, 0).windowStart))
                .map(a -> a.kind + " r" + a.revision + " baseline " + a.baselineWindows)
                .toList();
        assertEquals(
                List.of("regression r0 baseline 20", "regression r1 baseline 20"),
                onWindow20,
                "the revision of window 20 is judged against the same 20 windows before it as revision 0");
    }
}
