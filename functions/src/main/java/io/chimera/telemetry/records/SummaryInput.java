package io.chimera.telemetry.records;

import java.time.Instant;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * What a suite's window summary gathers: statistics, alerts, landed files and (in a bounded run) the inventory
 * entries of many files added up (exactly one field set), with the window they belong to.
 */
public class SummaryInput {

    public SeriesStats stats;
    public FileLanded file;
    public Alert alert;
    public InventoryPartial inventory;
    /** Epoch milliseconds. */
    public long windowStart;

    public SummaryInput() {}

    public static SummaryInput of(SeriesStats stats) {
        SummaryInput input = new SummaryInput();
        input.stats = stats;
        input.windowStart = Instant.parse(stats.windowStart).toEpochMilli();
        return input;
    }

    public static SummaryInput of(FileLanded file) {
        SummaryInput input = new SummaryInput();
        input.file = file;
        input.windowStart = file.windowStart;
        return input;
    }

    public static SummaryInput of(InventoryPartial inventory) {
        SummaryInput input = new SummaryInput();
        input.inventory = inventory;
        input.windowStart = inventory.windowStart;
        return input;
    }

    public static SummaryInput of(Alert alert) {
        SummaryInput input = new SummaryInput();
        input.alert = alert;
        input.windowStart = Instant.parse(alert.windowStart).toEpochMilli();
        return input;
    }

    public String suite() {
        if (stats != null) {
            return stats.suite;
        }
        if (alert != null) {
            return alert.suite;
        }
        return file != null ? file.suite : inventory.suite;
    }

    /** The summary window's key: the suite and the window. */
    public Tuple2<String, Long> key() {
        return Tuple2.of(suite(), windowStart);
    }
}
