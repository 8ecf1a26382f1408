package io.chimera.telemetry.rerun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.WindowSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewOrChangedOnlyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path ledgerFolder;

    @Test
    void aRecordNoRunEmittedGoesOutAsRevisionZeroAndIntoTheLedger() throws Exception {
        try (var harness = stats()) {
            harness.processElement(stat("tokens_s", 41.5), 0);

            assertEquals(List.of(0), revisions(harness.extractOutputValues()));
            assertEquals(
                    List.of(new LedgerEntry(
                            "stats",
                            LedgerKind.STATS.id(stat("tokens_s", 41.5)),
                            0,
                            RerunLedger.digest(stat("tokens_s", 41.5)))),
                    ledger(harness));
        }
    }

    @Test
    void aRecordAnEarlierRunEmittedUnchangedIsNotEmittedAgain() throws Exception {
        committed("ledger-a-0.jsonl", entry(stat("tokens_s", 41.5), 0));
        try (var harness = stats()) {
            harness.processElement(stat("tokens_s", 41.5), 0);

            assertEquals(List.of(), harness.extractOutputValues());
            assertEquals(List.of(), ledger(harness));
        }
    }

    @Test
    void aChangedRecordGoesOutAsTheNextRevisionOfTheLatestEmitted() throws Exception {
        committed("ledger-a-0.jsonl", entry(stat("tokens_s", 41.5), 0));
        committed("ledger-b-0.jsonl", entry(stat("tokens_s", 40.0), 1));
        try (var harness = stats()) {
            harness.processElement(stat("tokens_s", 39.0), 0);

            assertEquals(List.of(2), revisions(harness.extractOutputValues()));
            assertEquals(2, ledger(harness).get(0).revision);
        }
    }

    @Test
    void onlyCommittedPartFilesOfTheLedgerCount() throws Exception {
        // A part file still hidden was never committed: its records did not go out, so they go out now.
        committed(".ledger-a-0.jsonl.inprogress.0f3a", entry(stat("tokens_s", 41.5), 0));
        try (var harness = stats()) {
            harness.processElement(stat("tokens_s", 41.5), 0);

            assertEquals(List.of(0), revisions(harness.extractOutputValues()));
        }
    }

    @Test
    void theDigestIgnoresRevisionsAndTheOrderOfDimensions() {
        SeriesStats first = stat("tokens_s", 41.5);
        SeriesStats second = stat("tokens_s", 41.5);
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("model", "gemma3");
        reversed.put("gpu", "a100");
        first.series = new LinkedHashMap<>(Map.of("gpu", "a100"));
        first.series.put("model", "gemma3");
        second.series = reversed;
        second.revision = 4;

        assertEquals(RerunLedger.digest(first), RerunLedger.digest(second));
        assertNotEquals(RerunLedger.digest(first), RerunLedger.digest(stat("tokens_s", 41.6)));
    }

    @Test
    void aSummaryCarriesTheRevisionsItsStatisticsGoOutWith() throws Exception {
        committed("ledger-a-0.jsonl", entry(stat("tokens_s", 41.5), 0) + "\n" + entry(stat("ttft_ms", 80.0), 0));
        WindowSummary summary = new WindowSummary();
        summary.suite = "llm";
        summary.windowStart = "2026-12-01T10:00:00Z";
        summary.series = new ArrayList<>(List.of(stat("tokens_s", 41.5), stat("ttft_ms", 95.0), stat("load_ms", 9)));
        try (var harness = ProcessFunctionTestHarnesses.forProcessFunction(
                NewOrChangedOnly.summaries(new RerunLedger(ledgerFolder.toString())))) {
            harness.processElement(summary, 0);

            WindowSummary out = harness.extractOutputValues().get(0);
            assertEquals(0, out.revision, "no summary of the window went out before");
            assertEquals(List.of(0, 1, 0), revisions(out.series), "unchanged, changed, new");
        }
    }

    private OneInputStreamOperatorTestHarness<SeriesStats, SeriesStats> stats() throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(
                new NewOrChangedOnly<>(new RerunLedger(ledgerFolder.toString()), LedgerKind.STATS));
    }

    private static SeriesStats stat(String metric, double mean) {
        SeriesStats stats = new SeriesStats();
        stats.suite = "llm";
        stats.series = new java.util.TreeMap<>(Map.of("model", "gemma3", "gpu", "a100"));
        stats.metric = metric;
        stats.windowStart = "2026-12-01T10:00:00Z";
        stats.windowEnd = "2026-12-01T10:01:00Z";
        stats.count = 1;
        stats.mean = mean;
        return stats;
    }

    private static String entry(SeriesStats stats, int revision) throws Exception {
        return JSON.writeValueAsString(
                new LedgerEntry("stats", LedgerKind.STATS.id(stats), revision, RerunLedger.digest(stats)));
    }

    private void committed(String name, String lines) throws Exception {
        Path folder = Files.createDirectories(ledgerFolder.resolve("2026-12-01--10"));
        Files.writeString(folder.resolve(name), lines + "\n");
    }

    private static List<Integer> revisions(List<SeriesStats> stats) {
        return stats.stream().map(s -> s.revision).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<LedgerEntry> ledger(OneInputStreamOperatorTestHarness<?, ?> harness) {
        List<LedgerEntry> entries = new ArrayList<>();
        if (harness.getSideOutput(NewOrChangedOnly.LEDGER) == null) {
            return entries;
        }
        harness.getSideOutput(NewOrChangedOnly.LEDGER)
                .forEach(r -> entries.add(((StreamRecord<LedgerEntry>) r).getValue()));
        return entries;
    }
}
