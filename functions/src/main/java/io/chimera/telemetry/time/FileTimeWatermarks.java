package io.chimera.telemetry.time;

import io.chimera.telemetry.records.ArtifactRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.operators.TimestampsAndWatermarksOperator.WatermarkEmitter;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Stamps each file with its time by the {@link TimeBasis} and emits {@link FlushingWatermarkGenerator}'s
 * watermarks, as Flink's timestamps-and-watermarks operator would, but resumable: the newest time seen goes into
 * each checkpoint, and a restored operator goes on from the oldest of those it gets back (its own, unless
 * rescaled; no reader's remaining files become late), emitting that watermark at once. Without it, a job restored on a farm where nothing new lands would see no
 * watermark ever (a generator that has seen no file is idle), and windows open at the checkpoint, or revisions under
 * way, would never go out. In a bounded run (BATCH mode) no watermark is emitted but the final one, as Flink's own.
 */
public final class FileTimeWatermarks extends AbstractStreamOperator<ArtifactRecord>
        implements OneInputStreamOperator<ArtifactRecord, ArtifactRecord>, ProcessingTimeCallback {

    private static final long serialVersionUID = 1L;

    private final TimeBasis basis;
    private final Duration outOfOrderness;
    private final Duration flushTimeout;
    private final boolean progressive;

    private transient FlushingWatermarkGenerator<ArtifactRecord> generator;
    private transient WatermarkOutput watermarks;
    private transient long interval;
    private transient ListState<Long> newestTimes;
    /** Set in initializeState: a transient field's initializer does not run when the operator is deserialized. */
    private transient long resumeFrom;

    /** @param progressive false in a bounded run: only the final watermark then */
    public FileTimeWatermarks(TimeBasis basis, Duration outOfOrderness, Duration flushTimeout, boolean progressive) {
        this.basis = basis;
        this.outOfOrderness = outOfOrderness;
        this.flushTimeout = flushTimeout;
        this.progressive = progressive;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        // Each reader's own time, not a union list state: with the source in the same task, a union list state
        // fails stop-with-savepoint whenever one reader finishes before another (Flink's FLIP-147 check). After
        // a rescale a reader may get none back: it is idle until a file comes, while the others carry the watermark.
        newestTimes = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("newest-file-time-of-reader", Types.LONG));
        resumeFrom = Long.MIN_VALUE;
        if (context.isRestored()) {
            long oldest = Long.MAX_VALUE;
            for (Long newest : newestTimes.get()) {
                oldest = Math.min(oldest, newest);
            }
            resumeFrom = oldest == Long.MAX_VALUE ? Long.MIN_VALUE : oldest;
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        generator = new FlushingWatermarkGenerator<>(
                outOfOrderness, flushTimeout, () -> getProcessingTimeService().getCurrentProcessingTime());
        watermarks = new WatermarkEmitter(output);
        interval = getExecutionConfig().getAutoWatermarkInterval();
        if (!progressive) {
            return;
        }
        if (resumeFrom != Long.MIN_VALUE) {
            generator.resumeFrom(resumeFrom);
            generator.onPeriodicEmit(watermarks);
        }
        if (interval > 0) {
            getProcessingTimeService()
                    .registerTimer(getProcessingTimeService().getCurrentProcessingTime() + interval, this);
        }
    }

    @Override
    public void processElement(StreamRecord<ArtifactRecord> element) {
        long time = basis.of(element.getValue().file);
        element.setTimestamp(time);
        output.collect(element);
        if (progressive) {
            generator.onEvent(element.getValue(), time, watermarks);
        }
    }

    @Override
    public void onProcessingTime(long timestamp) {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        // A timer this late means the task was blocked (a sink's flush waiting for Kafka, say) and read nothing.
        generator.notRunningFor(now - timestamp);
        generator.onPeriodicEmit(watermarks);
        getProcessingTimeService().registerTimer(now + interval, this);
    }

    /** Only the end of input passes: the source emits no watermarks of its own. */
    @Override
    public void processWatermark(Watermark mark) {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            watermarks.emitWatermark(org.apache.flink.api.common.eventtime.Watermark.MAX_WATERMARK);
        }
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) {
        // This operator says itself when its reader is idle.
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        newestTimes.clear();
        long newest = generator == null ? resumeFrom : generator.newestTimestamp();
        if (newest != Long.MIN_VALUE) {
            newestTimes.add(newest);
        }
    }

    @Override
    public void finish() throws Exception {
        super.finish();
        if (progressive) {
            generator.onPeriodicEmit(watermarks);
        }
    }
}
