package io.chimera.telemetry.records;

/**
 * The inventory entries of many files of one suite and window, added up before the shuffle in a bounded run: the
 * window's summary adds it to its own files' entries. A Flink POJO.
 */
public class InventoryPartial {

    public String suite;
    /** Epoch milliseconds. */
    public long windowStart;
    /** Its folders distinct and sorted; its latest modification time below, not in the inventory. */
    public Inventory inventory = new Inventory();
    /** Epoch milliseconds: the newest modification time of the files counted; Long.MIN_VALUE for none. */
    public long latestModified = Long.MIN_VALUE;

    public InventoryPartial() {}
}
