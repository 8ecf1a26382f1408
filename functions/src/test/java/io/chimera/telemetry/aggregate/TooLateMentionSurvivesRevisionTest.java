package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chimera.telemetry.records.TooLate;
import io.chimera.telemetry.records.WindowSummary;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The case this guards: too-late values are "named in the suite's next report", and a consumer is told to keep only the
 * highest revision of each report (the report files are rewritten by a revision, a compacted topic keeps the last).
 * The tally rides on whichever summary comes next, once; when that window is revised, its latest revision no longer
 * names the too-late values, so after the consumer's "keep the highest revision" nothing says they were ever there.
 */
class TooLateMentionSurvivesRevisionTest {

    private static WindowSummary summary(int revision) {
        WindowSummary summary = new WindowSummary();
        summary.suite = "llm";
        summary.windowStart = "2026-11-20T09:00:00Z";
        summary.windowEnd = "2026-11-20T09:01:00Z";
        summary.revision = revision;
        return summary;
    }

    @Test
    void theLatestRevisionOfTheReportThatNamedTooLateValuesStillNamesThem() throws Exception {
        TooLate late = new TooLate();
        late.suite = "llm";
        late.sourcePath = "llm/old-run.csv";
        late.windowStart = "2026-11-01T09:00:00Z";
        late.windowEnd = "2026-11-01T09:01:00Z";
        late.values = 12;
        late.file = true;
        try (var harness = new KeyedTwoInputStreamOperatorTestHarness<String, WindowSummary, TooLate, WindowSummary>(
                new KeyedCoProcessOperator<>(new TooLateCounter()), s -> s.suite, t -> t.suite, Types.STRING)) {
            harness.open();
            harness.processElement2(new StreamRecord<>(late, 1_000L));
            harness.processElement1(new StreamRecord<>(summary(0), 2_000L));
            // A late file lands in the 09:00 window: revision 1 replaces revision 0 everywhere.
            harness.processElement1(new StreamRecord<>(summary(1), 3_000L));

            List<WindowSummary> out = harness.extractOutputValues();
            assertEquals(12, out.get(0).tooLate.values, "revision 0 names them");
            WindowSummary latest =
                    out.stream().max(Comparator.comparingInt(s -> s.revision)).orElseThrow();
            assertEquals(
                    12,
                    latest.tooLate.values,
                    "the revision a consumer keeps (and the rewritten report file) still names the 12 too-late values "
                            + "of llm/old-run.csv");
        }
    }
}
