package io.chimera.telemetry.time;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks that keep moving when the data stops. A benchmark farm's last run of the
 * day has no newer run behind it to push the watermark past its window; once no event has come for the flush
 * timeout, the watermark advances with the wall clock from the last event time, so every window with data
 * closes at most {@code window + out-of-orderness + flush timeout} after its last event. An instance that has
 * never seen an event is idle, so it holds no window back.
 *
 * <p>A late event (older than the watermark already reached) holds the watermark for the flush timeout, then it
 * goes on from where it was: it neither waits for the wall clock to catch up with the older time, nor counts time
 * the task could not read files (see {@link #notRunningFor}) as quiet.
 */
public final class FlushingWatermarkGenerator<T> implements WatermarkGenerator<T> {

    private final long outOfOrdernessMillis;
    private final long flushTimeoutMillis;
    private final LongSupplier clock;

    private long maxTimestamp = Long.MIN_VALUE;
    private long lastEventWallClock;
    /** The highest watermark computed so far, and what it was when the latest event came. */
    private long highestWatermark = Long.MIN_VALUE;

    private long watermarkAtLastEvent = Long.MIN_VALUE;

    public FlushingWatermarkGenerator(Duration outOfOrderness, Duration flushTimeout, LongSupplier clock) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
        this.flushTimeoutMillis = flushTimeout.toMillis();
        this.clock = clock;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
        lastEventWallClock = clock.getAsLong();
        watermarkAtLastEvent = highestWatermark;
    }

    /**
     * The task could not run for this long (blocked, say, in a sink's flush while Kafka was away): files may have
     * landed meanwhile that it could not read, so that time is not quiet, and the flush does not pass them by.
     */
    public void notRunningFor(long millis) {
        if (millis > 0 && maxTimestamp != Long.MIN_VALUE) {
            lastEventWallClock += millis;
        }
    }

    /**
     * Continues from the newest time seen before a restore, as if a file of that time had just come: the watermark
     * goes on from there, and the flush closes the last windows of a farm where nothing new lands.
     */
    public void resumeFrom(long newestTimestamp) {
        if (newestTimestamp > maxTimestamp) {
            maxTimestamp = newestTimestamp;
            lastEventWallClock = clock.getAsLong();
        }
    }

    /** The newest time seen (or resumed from); {@code Long.MIN_VALUE} before any. */
    public long newestTimestamp() {
        return maxTimestamp;
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (maxTimestamp == Long.MIN_VALUE) {
            output.markIdle();
            return;
        }
        long watermark = Math.max(maxTimestamp - outOfOrdernessMillis - 1, watermarkAtLastEvent);
        long quietFor = clock.getAsLong() - lastEventWallClock;
        if (quietFor >= flushTimeoutMillis) {
            watermark += quietFor;
        }
        highestWatermark = Math.max(highestWatermark, watermark);
        output.emitWatermark(new Watermark(highestWatermark));
    }
}
