package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.TooLate;
import io.chimera.telemetry.records.TooLateTally;
import io.chimera.telemetry.records.WindowSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TooLateCounterTest {

    private KeyedTwoInputStreamOperatorTestHarness<String, WindowSummary, TooLate, WindowSummary> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new TooLateCounter()),
                summary -> summary.suite,
                arrival -> arrival.suite,
                Types.STRING);
        harness.open();
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    private static WindowSummary summary(String suite, String windowStart) {
        WindowSummary summary = new WindowSummary();
        summary.suite = suite;
        summary.windowStart = windowStart;
        summary.windowEnd = windowStart + "+1h";
        return summary;
    }

    /** A file's values too late for a window: one value, or only the file's inventory entry. */
    private static TooLate arrival(String suite, String sourcePath, boolean file) {
        TooLate arrival = new TooLate();
        arrival.suite = suite;
        arrival.sourcePath = sourcePath;
        arrival.file = file;
        arrival.values = file ? 0 : 1;
        arrival.windowStart = "2025-09-01T10:00:00Z";
        arrival.windowEnd = "2025-09-01T10:01:00Z";
        return arrival;
    }

    private void late(TooLate arrival) throws Exception {
        harness.processElement2(new StreamRecord<>(arrival, 1_000L));
    }

    private WindowSummary emit(WindowSummary summary) throws Exception {
        int before = harness.extractOutputValues().size();
        harness.processElement1(new StreamRecord<>(summary, 5_000L));
        List<WindowSummary> output = harness.extractOutputValues();
        assertEquals(before + 1, output.size(), "one summary out for one summary in");
        return output.get(output.size() - 1);
    }

    private static Map<String, Object> tally(TooLateTally tally) {
        return Map.of("values", tally.values, "files", tally.files, "sources", tally.sources);
    }

    @Test
    void tooLateValuesAreNamedInTheSuitesNextSummary() throws Exception {
        late(arrival("A", "A/run1.csv", false));
        late(arrival("A", "A/run1.csv", false));
        late(arrival("A", "A/run2.json", true));
        late(arrival("A", "A/run3.csv", false));

        WindowSummary out = emit(summary("A", "2025-09-30T10:00:00Z"));

        assertEquals("A", out.suite);
        assertEquals("2025-09-30T10:00:00Z", out.windowStart);
        assertEquals(
                Map.of("values", 3L, "files", 1L, "sources", List.of("A/run1.csv", "A/run2.json", "A/run3.csv")),
                tally(out.tooLate));
    }

    @Test
    void tooLateValuesOfOneSuiteAreNotNamedInAnother() throws Exception {
        late(arrival("A", "A/run1.csv", false));
        late(arrival("A", "A/old.csv", true));
        late(arrival("B", "B/x.csv", true));

        WindowSummary b = emit(summary("B", "2025-09-30T10:00:00Z"));
        WindowSummary a = emit(summary("A", "2025-09-30T10:00:00Z"));

        assertEquals(Map.of("values", 0L, "files", 1L, "sources", List.of("B/x.csv")), tally(b.tooLate));
        assertEquals(
                Map.of("values", 1L, "files", 1L, "sources", List.of("A/run1.csv", "A/old.csv")), tally(a.tooLate));
    }

    @Test
    void summaryWithoutTooLateValuesHasAnEmptyTally() throws Exception {
        late(arrival("B", "B/x.csv", false));

        WindowSummary out = emit(summary("A", "2025-09-30T10:00:00Z"));

        assertTrue(out.tooLate.isEmpty());
        assertEquals(0L, out.tooLate.values);
        assertEquals(0L, out.tooLate.files);
        assertTrue(out.tooLate.sources.isEmpty());
    }

    @Test
    void tallyIsReportedOnceAndTheNextSummaryStartsAfresh() throws Exception {
        late(arrival("A", "A/run1.csv", false));
        WindowSummary first = emit(summary("A", "2025-09-30T10:00:00Z"));
        WindowSummary second = emit(summary("A", "2025-09-30T11:00:00Z"));
        late(arrival("A", "A/run9.csv", true));
        WindowSummary third = emit(summary("A", "2025-09-30T12:00:00Z"));

        assertEquals(1L, first.tooLate.values);
        assertTrue(second.tooLate.isEmpty(), "already reported in the previous summary");
        assertEquals(Map.of("values", 0L, "files", 1L, "sources", List.of("A/run9.csv")), tally(third.tooLate));
    }

    @Test
    void atMostMaxSourcesAreNamedButEveryArrivalIsCounted() throws Exception {
        List<String> expectedSources = new ArrayList<>();
        int distinct = TooLateTally.MAX_SOURCES + 5;
        for (int i = 0; i < distinct; i++) {
            String path = "A/run" + i + ".csv";
            late(arrival("A", path, false));
            late(arrival("A", path, false));
            if (i < TooLateTally.MAX_SOURCES) {
                expectedSources.add(path);
            }
        }
        late(arrival("A", "A/late-file.md", true));

        WindowSummary out = emit(summary("A", "2025-09-30T10:00:00Z"));

        assertEquals(2L * distinct, out.tooLate.values);
        assertEquals(1L, out.tooLate.files);
        assertEquals(expectedSources, out.tooLate.sources);
    }

    @Test
    void theTallyStaysWithTheWindowThatNamedItNotWithTheNextOnes() throws Exception {
        late(arrival("A", "A/run1.csv", false));

        WindowSummary named = emit(summary("A", "2025-09-30T10:00:00Z"));
        WindowSummary next = emit(summary("A", "2025-09-30T11:00:00Z"));
        WindowSummary revision = summary("A", "2025-09-30T10:00:00Z");
        revision.revision = 1;
        WindowSummary revised = emit(revision);

        assertEquals(1L, named.tooLate.values);
        assertTrue(next.tooLate.isEmpty(), "named once, in the next report");
        assertEquals(1L, revised.tooLate.values, "and again in that report's revisions, which replace it");
    }

    @Test
    void summaryIsPassedOnWithItsOwnContent() throws Exception {
        WindowSummary in = summary("A", "2025-09-30T10:00:00Z");
        in.inventory.files = 3;

        WindowSummary out = emit(in);

        assertEquals(3, out.inventory.files);
        assertEquals("2025-09-30T10:00:00Z+1h", out.windowEnd);
        assertTrue(out.tooLate.isEmpty());
    }
}
