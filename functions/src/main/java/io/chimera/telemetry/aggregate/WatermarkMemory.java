package io.chimera.telemetry.aggregate;

import java.io.Serializable;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;

/**
 * The highest watermark a stage has seen, kept in its checkpoints. A restored stage starts with no watermark, and
 * a reader that has not read a file yet has none either, while the windows that stage forgot when the watermark
 * passed their horizon stay forgotten: judged by the watermark alone, input for such a window would bring it back
 * as a new window. Judged by {@link #effective}, it is too late, as it was before the restore.
 */
final class WatermarkMemory implements Serializable {

    private static final long serialVersionUID = 1L;

    private transient ListState<Long> checkpointed;
    /** Set in initialize: a transient field's initializer does not run when the function is deserialized. */
    private transient long highest;

    /** After a restore (rescaled or not), the highest watermark any instance of the stage had seen. */
    void initialize(FunctionInitializationContext context) throws Exception {
        checkpointed = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>("highest-watermark", Types.LONG));
        highest = Long.MIN_VALUE;
        if (context.isRestored()) {
            for (Long watermark : checkpointed.get()) {
                highest = Math.max(highest, watermark);
            }
        }
    }

    /**
     * The watermark to judge input by: the current one, or the highest seen, if higher. The end of input is not
     * remembered: a bounded run (BATCH mode) ends each key with it, and the next key starts from nothing again.
     */
    long effective(long currentWatermark) {
        if (currentWatermark != Long.MAX_VALUE) {
            highest = Math.max(highest, currentWatermark);
        }
        return Math.max(highest, currentWatermark);
    }

    void snapshot() throws Exception {
        checkpointed.clear();
        if (highest != Long.MIN_VALUE) {
            checkpointed.add(highest);
        }
    }
}
