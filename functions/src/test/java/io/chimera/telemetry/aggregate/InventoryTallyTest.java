package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.records.DeadLetterKind;
import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.records.Inventory;
import io.chimera.telemetry.records.InventoryPartial;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InventoryTallyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Entries of files in a few folders, of three formats, some dead letters and ignored logs among them. */
    static List<FileLanded> entries(Random random, int count) {
        List<FileLanded> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FileLanded entry = new FileLanded();
            entry.suite = "llm";
            entry.sourcePath = "llm/run-" + random.nextInt(count / 3 + 1) + "/f" + i + ".csv";
            entry.format = List.of("csv", "json", "md").get(random.nextInt(3));
            entry.bytes = random.nextInt(5_000);
            entry.modifiedTime = 1_700_000_000_000L + random.nextInt(1_000_000);
            int kind = random.nextInt(10);
            entry.status = kind == 0 ? "dead_letter" : kind == 1 ? "ignored" : "parsed";
            if (kind == 0) {
                entry.reason = "line " + random.nextInt(9) + ": bad";
                entry.deadLetterKind = DeadLetterKind.MALFORMED;
            }
            entry.rows = random.nextInt(20);
            entry.failedRows = random.nextInt(3);
            entry.events = random.nextInt(60);
            entry.windowStart = 60_000L;
            entries.add(entry);
        }
        return entries;
    }

    private static String json(Inventory inventory) throws Exception {
        return JSON.writeValueAsString(inventory);
    }

    @Test
    void partialsOfAnyGroupingAddUpToTheInventoryOfTheirFiles() throws Exception {
        Random random = new Random(20261203);
        for (int round = 0; round < 200; round++) {
            List<FileLanded> entries = entries(random, 1 + random.nextInt(60));
            InventoryTally whole = new InventoryTally();
            entries.forEach(whole::add);

            List<FileLanded> shuffled = new ArrayList<>(entries);
            Collections.shuffle(shuffled, random);
            InventoryTally grouped = new InventoryTally();
            int at = 0;
            while (at < shuffled.size()) {
                int end = Math.min(shuffled.size(), at + 1 + random.nextInt(8));
                if (random.nextInt(4) == 0) {
                    shuffled.subList(at, end).forEach(grouped::add);
                } else {
                    InventoryTally group = new InventoryTally();
                    shuffled.subList(at, end).forEach(group::add);
                    grouped.add(group.partial("llm", 60_000L));
                }
                at = end;
            }

            assertEquals(json(whole.inventory()), json(grouped.inventory()), "round " + round);
        }
    }

    @Test
    void anInventoryListsEachFolderOnceSortedAndItsDeadLettersSorted() {
        FileLanded b = entry("llm/run-2/b.csv", "dead_letter", "line 3: bad", 2_000L);
        FileLanded a = entry("llm/run-1/a.csv", "dead_letter", "line 1: bad", 1_000L);
        FileLanded c = entry("llm/run-1/c.csv", "parsed", null, 3_000L);

        InventoryPartial partial = new InventoryTally().add(b).add(c).partial("llm", 0L);
        Inventory inventory = new InventoryTally().add(partial).add(a).inventory();

        assertEquals(List.of("llm/run-1", "llm/run-2"), inventory.folders);
        assertEquals(
                List.of("llm/run-1/a.csv: line 1: bad", "llm/run-2/b.csv: line 3: bad"), inventory.deadLetterReasons);
        assertEquals(3, inventory.files);
        assertEquals(2, inventory.deadLetters);
        assertEquals(1, inventory.parsed);
        assertEquals("1970-01-01T00:00:03Z", inventory.latestModified);
        assertEquals(3_000L, partial.latestModified);
    }

    @Test
    void anEmptyTallyHasNoLatestModification() {
        assertNull(new InventoryTally().inventory().latestModified);
        assertNull(new InventoryTally()
                .add(new InventoryTally().partial("llm", 0L))
                .inventory()
                .latestModified);
    }

    private static FileLanded entry(String path, String status, String reason, long modified) {
        FileLanded entry = new FileLanded();
        entry.suite = "llm";
        entry.sourcePath = path;
        entry.format = "csv";
        entry.status = status;
        entry.reason = reason;
        entry.modifiedTime = modified;
        return entry;
    }
}
