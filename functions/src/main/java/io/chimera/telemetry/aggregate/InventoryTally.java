package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.parse.Timestamps;
import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.records.Inventory;
import io.chimera.telemetry.records.InventoryPartial;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeSet;

/**
 * Adds up a window's inventory from its files' entries and from partial inventories of many files. The result is
 * the same however the entries were grouped into partials: counts add, folders are a sorted set, dead letters a
 * sorted list, the latest modification time the greatest.
 */
public final class InventoryTally {

    private final Inventory inventory = new Inventory();
    private final TreeSet<String> folders = new TreeSet<>();
    private long latestModified = Long.MIN_VALUE;

    public InventoryTally add(FileLanded file) {
        inventory.files++;
        inventory.filesByFormat.merge(file.format, 1, Integer::sum);
        inventory.bytes += file.bytes;
        latestModified = Math.max(latestModified, file.modifiedTime);
        folders.add(file.folder());
        inventory.rows += file.rows;
        inventory.failedRows += file.failedRows;
        inventory.events += file.events;
        if (file.isDeadLetter()) {
            inventory.deadLetters++;
            inventory.deadLetterReasons.add(file.sourcePath + ": " + file.reason);
        } else if (file.isIgnored()) {
            inventory.ignored++;
        } else {
            inventory.parsed++;
        }
        return this;
    }

    public InventoryTally add(InventoryPartial partial) {
        Inventory other = partial.inventory;
        inventory.files += other.files;
        for (Map.Entry<String, Integer> format : other.filesByFormat.entrySet()) {
            inventory.filesByFormat.merge(format.getKey(), format.getValue(), Integer::sum);
        }
        inventory.bytes += other.bytes;
        latestModified = Math.max(latestModified, partial.latestModified);
        folders.addAll(other.folders);
        inventory.rows += other.rows;
        inventory.failedRows += other.failedRows;
        inventory.events += other.events;
        inventory.parsed += other.parsed;
        inventory.ignored += other.ignored;
        inventory.deadLetters += other.deadLetters;
        inventory.deadLetterReasons.addAll(other.deadLetterReasons);
        return this;
    }

    /** The files counted so far, as a window's summary shows them. */
    public Inventory inventory() {
        Inventory result = copy();
        result.latestModified = latestModified == Long.MIN_VALUE ? null : Timestamps.iso(latestModified);
        return result;
    }

    /** The files counted so far, as a partial for the window's summary to add up. */
    public InventoryPartial partial(String suite, long windowStart) {
        InventoryPartial partial = new InventoryPartial();
        partial.suite = suite;
        partial.windowStart = windowStart;
        partial.inventory = copy();
        partial.latestModified = latestModified;
        return partial;
    }

    private Inventory copy() {
        Inventory result = new Inventory();
        result.files = inventory.files;
        result.filesByFormat.putAll(inventory.filesByFormat);
        result.bytes = inventory.bytes;
        result.folders = new ArrayList<>(folders);
        result.parsed = inventory.parsed;
        result.ignored = inventory.ignored;
        result.deadLetters = inventory.deadLetters;
        result.deadLetterReasons = new ArrayList<>(inventory.deadLetterReasons);
        result.deadLetterReasons.sort(Comparator.naturalOrder());
        result.rows = inventory.rows;
        result.failedRows = inventory.failedRows;
        result.events = inventory.events;
        return result;
    }
}
