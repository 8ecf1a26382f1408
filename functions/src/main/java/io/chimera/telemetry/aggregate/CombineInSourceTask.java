package io.chimera.telemetry.aggregate;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * A bounded run's pre-aggregation in the source task: what many files brought, combined per key before the
 * shuffle, so the sort and the keyed stage after it see one record per key and task rather than one per file. It
 * sends what it holds when it holds {@code maxHeld} keys, and at the end of the input.
 *
 * <p>Only for bounded runs, where no window closes before the input ends: a watching job keeps one record per
 * file, since a late file's values must be told apart (revisions name their files, too-late values their file).
 * What a subclass combines must not depend on which inputs were combined together.
 *
 * @param <K> what inputs are combined by
 * @param <H> what is held for a key
 */
abstract class CombineInSourceTask<IN, K, H, OUT> extends AbstractStreamOperator<OUT>
        implements OneInputStreamOperator<IN, OUT>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private final int maxHeld;
    private transient Map<K, H> held;
    private transient StreamRecord<OUT> reused;

    CombineInSourceTask(int maxHeld) {
        if (maxHeld < 1) {
            throw new IllegalArgumentException("maxHeld must be at least 1, was " + maxHeld);
        }
        this.maxHeld = maxHeld;
    }

    /** The key an input is combined by. */
    abstract K keyOf(IN input);

    /** What is held for a key its first input brings. */
    abstract H first(IN input);

    /** Adds a later input of the key to what is held for it. */
    abstract void add(H held, IN input);

    /** What is sent for a key. */
    abstract OUT result(K key, H held);

    @Override
    public void open() throws Exception {
        super.open();
        held = new HashMap<>();
        reused = new StreamRecord<>(null);
    }

    @Override
    public void processElement(StreamRecord<IN> element) {
        IN input = element.getValue();
        K key = keyOf(input);
        H combined = held.get(key);
        if (combined == null) {
            if (held.size() >= maxHeld) {
                sendHeld();
            }
            held.put(key, first(input));
        } else {
            add(combined, input);
        }
    }

    @Override
    public void endInput() {
        sendHeld();
    }

    private void sendHeld() {
        for (Map.Entry<K, H> entry : held.entrySet()) {
            output.collect(reused.replace(result(entry.getKey(), entry.getValue())));
        }
        held.clear();
    }

    /** Keys held now (for tests). */
    int held() {
        return held.size();
    }
}
