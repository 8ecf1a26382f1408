package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.records.SeriesPartial;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * A bounded run's pre-aggregation in the source task: the partials of many files merged per series and window
 * before the shuffle, so the sort and the series windows see one record per series window and task rather than
 * one per file. It sends what it holds when it holds {@code maxHeld} series windows, and at the end of the input.
 *
 * <p>Only for bounded runs, where no window closes before the input ends: a watching job keeps one partial per
 * file, since a late file's values must be told apart (revisions name their files, too-late values their file).
 * The result does not depend on which files were merged together: a {@link SeriesAccumulator}'s numbers are the
 * same bits in any grouping and order.
 */
public final class CombineAcrossFiles extends AbstractStreamOperator<SeriesPartial>
        implements OneInputStreamOperator<SeriesPartial, SeriesPartial>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private final int maxHeld;
    private transient Map<Tuple3<Long, Long, Long>, SeriesPartial> held;
    private transient StreamRecord<SeriesPartial> reused;

    public CombineAcrossFiles(int maxHeld) {
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
    public void processElement(StreamRecord<SeriesPartial> element) {
        SeriesPartial partial = element.getValue();
        SeriesPartial combined = held.get(partial.key());
        if (combined == null) {
            if (held.size() >= maxHeld) {
                sendHeld();
            }
            partial.sourcePath = null;
            held.put(partial.key(), partial);
        } else {
            combined.values.merge(partial.values);
            combined.arrivalWatermark = Math.max(combined.arrivalWatermark, partial.arrivalWatermark);
        }
    }

    @Override
    public void endInput() {
        sendHeld();
    }

    private void sendHeld() {
        for (SeriesPartial partial : held.values()) {
            output.collect(reused.replace(partial));
        }
        held.clear();
    }

    /** Series windows held now (for tests). */
    int held() {
        return held.size();
    }
}
