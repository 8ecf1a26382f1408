package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.records.SummaryInput;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * A bounded run's inventory entries added up in the source task per suite and window ({@link InventoryTally};
 * see {@link CombineInSourceTask}), so the window summaries see one record per suite window and task rather than
 * one per file.
 */
public final class CombineInventoryEntries
        extends CombineInSourceTask<FileLanded, Tuple2<String, Long>, InventoryTally, SummaryInput> {

    private static final long serialVersionUID = 1L;

    public CombineInventoryEntries(int maxHeld) {
        super(maxHeld);
    }

    @Override
    Tuple2<String, Long> keyOf(FileLanded entry) {
        return Tuple2.of(entry.suite, entry.windowStart);
    }

    @Override
    InventoryTally first(FileLanded entry) {
        return new InventoryTally().add(entry);
    }

    @Override
    void add(InventoryTally tally, FileLanded entry) {
        tally.add(entry);
    }

    @Override
    SummaryInput result(Tuple2<String, Long> key, InventoryTally tally) {
        return SummaryInput.of(tally.partial(key.f0, key.f1));
    }
}
