package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.records.SummaryInput;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * A bounded run's inventory entries added up in the source task per suite and window ({@link InventoryTally}),
 * so the shuffle and the window summaries see one record per suite window and task rather than one per file. It
 * sends what it holds when it holds {@code maxHeld} suite windows, and at the end of the input.
 *
 * <p>Only for bounded runs, as {@link CombineAcrossFiles}: a watching job's revisions name their late files.
 */
public final class CombineInventoryEntries extends AbstractStreamOperator<SummaryInput>
        implements OneInputStreamOperator<FileLanded, SummaryInput>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private final int maxHeld;
    private transient Map<Tuple2<String, Long>, InventoryTally> held;
    private transient StreamRecord<SummaryInput> reused;

    public CombineInventoryEntries(int maxHeld) {
        if (maxHeld < 1) {
            throw new IllegalArgumentException("maxHeld must be at least 1, was " + maxHeld);
        }
        this.maxHeld = maxHeld;
    }

    @Override
    public void open() throws Exception {
        super.open();
        held = new HashMap<>();
        reused = new StreamRecord<>(null);
    }

    @Override
    public void processElement(StreamRecord<FileLanded> element) {
        FileLanded entry = element.getValue();
        Tuple2<String, Long> key = Tuple2.of(entry.suite, entry.windowStart);
        InventoryTally tally = held.get(key);
        if (tally == null) {
            if (held.size() >= maxHeld) {
                sendHeld();
            }
            tally = new InventoryTally();
            held.put(key, tally);
        }
        tally.add(entry);
    }

    @Override
    public void endInput() {
        sendHeld();
    }

    private void sendHeld() {
        for (Map.Entry<Tuple2<String, Long>, InventoryTally> window : held.entrySet()) {
            Tuple2<String, Long> key = window.getKey();
            output.collect(reused.replace(SummaryInput.of(window.getValue().partial(key.f0, key.f1))));
        }
        held.clear();
    }

    /** Suite windows held now (for tests). */
    int held() {
        return held.size();
    }
}
