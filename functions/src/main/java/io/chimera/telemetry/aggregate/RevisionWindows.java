package io.chimera.telemetry.aggregate;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * The life of a revisable tumbling window, shared by every stage that keeps one: it closes (revision 0 goes out)
 * when the watermark reaches its last millisecond, stays revisable while the watermark is less than the revision
 * horizon past that, and is forgotten then. Values that arrive later are too late.
 *
 * <p>Every stage reads the same watermark (or one behind it): a value the combining stage accepts finds its
 * window's state still there in every stage after it.
 */
public record RevisionWindows(long sizeMillis, long horizonMillis) implements Serializable {

    public RevisionWindows {
        if (sizeMillis <= 0) {
            throw new IllegalArgumentException("the window size must be positive, was " + sizeMillis + " ms");
        }
        if (horizonMillis < 0) {
            throw new IllegalArgumentException("the revision horizon must be zero or more, was " + horizonMillis);
        }
    }

    public static RevisionWindows of(Duration size, Duration horizon) {
        return new RevisionWindows(size.toMillis(), horizon.toMillis());
    }

    public long startOf(long time) {
        return TimeWindow.getWindowStartWithOffset(time, 0, sizeMillis);
    }

    public long endOf(long windowStart) {
        return windowStart + sizeMillis;
    }

    /** The window's last millisecond: when the watermark reaches it, the window closes. */
    public long closeTime(long windowStart) {
        return windowStart + sizeMillis - 1;
    }

    /** When the window's state is forgotten; values that arrive with the watermark there are too late. */
    public long expiryTime(long windowStart) {
        long close = closeTime(windowStart);
        return close > Long.MAX_VALUE - horizonMillis ? Long.MAX_VALUE : close + horizonMillis;
    }

    public boolean isClosed(long windowStart, long watermark) {
        return watermark >= closeTime(windowStart);
    }

    public boolean isTooLate(long windowStart, long watermark) {
        return watermark >= expiryTime(windowStart);
    }

    /**
     * When a revision caused by input read at {@code arrivalWatermark} goes out: at the first watermark past it,
     * which every stage sees only after all of that input (and the revisions of the stages before it).
     */
    public static long revisionTime(long arrivalWatermark, long currentWatermark) {
        long after = Math.max(arrivalWatermark, currentWatermark);
        return after == Long.MAX_VALUE ? after : after + 1;
    }
}
