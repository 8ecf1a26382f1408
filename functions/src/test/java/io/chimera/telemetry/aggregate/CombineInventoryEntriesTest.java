package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.records.SummaryInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class CombineInventoryEntriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Entries of two suites over three windows. */
    private static List<FileLanded> entries() {
        Random random = new Random(7);
        List<FileLanded> entries = new ArrayList<>();
        for (FileLanded entry : InventoryTallyTest.entries(random, 300)) {
            entry.suite = random.nextBoolean() ? "llm" : "kernels";
            entry.sourcePath = entry.suite + entry.sourcePath.substring("llm".length());
            entry.windowStart = 60_000L * random.nextInt(3);
            entries.add(entry);
        }
        return entries;
    }

    private static List<SummaryInput> run(int maxHeld, List<FileLanded> input) throws Exception {
        try (OneInputStreamOperatorTestHarness<FileLanded, SummaryInput> harness =
                new OneInputStreamOperatorTestHarness<>(new CombineInventoryEntries(maxHeld))) {
            harness.open();
            for (FileLanded entry : input) {
                harness.processElement(entry, 0L);
            }
            assertTrue(harness.extractOutputValues().isEmpty() || maxHeld < 6, "nothing sent before it must");
            harness.endInput();
            return new ArrayList<>(harness.extractOutputValues());
        }
    }

    /** Each suite window's inventory from its entries one by one, and from what the operator sent. */
    private static Map<Tuple2<String, Long>, String> inventories(List<FileLanded> entries, List<SummaryInput> sent)
            throws Exception {
        Map<Tuple2<String, Long>, InventoryTally> tallies = new HashMap<>();
        if (entries != null) {
            entries.forEach(entry -> tallies.computeIfAbsent(
                            Tuple2.of(entry.suite, entry.windowStart), key -> new InventoryTally())
                    .add(entry));
        } else {
            sent.forEach(input -> tallies.computeIfAbsent(input.key(), key -> new InventoryTally())
                    .add(input.inventory));
        }
        Map<Tuple2<String, Long>, String> inventories = new HashMap<>();
        for (Map.Entry<Tuple2<String, Long>, InventoryTally> tally : tallies.entrySet()) {
            inventories.put(
                    tally.getKey(), JSON.writeValueAsString(tally.getValue().inventory()));
        }
        return inventories;
    }

    @Test
    void sendsOnePartialPerSuiteWindowAtTheEndOfTheInputCountingEveryEntry() throws Exception {
        List<SummaryInput> sent = run(1000, entries());

        assertEquals(6, sent.size(), "two suites, three windows");
        assertEquals(inventories(entries(), null), inventories(null, sent));
    }

    @Test
    void sendsWhatItHoldsWhenFullAndLosesNothing() throws Exception {
        List<SummaryInput> sent = run(2, entries());

        assertTrue(sent.size() > 6, sent.size() + " partials: it sent before the end");
        assertEquals(inventories(entries(), null), inventories(null, sent));
    }
}
