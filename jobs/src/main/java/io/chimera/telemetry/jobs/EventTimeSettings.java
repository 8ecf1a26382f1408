package io.chimera.telemetry.jobs;

import io.chimera.telemetry.aggregate.RevisionWindows;
import io.chimera.telemetry.time.TimeBasis;
import java.io.Serializable;
import java.time.Duration;

/**
 * How values are put in windows and how long a window can still change.
 *
 * @param window tumbling window size
 * @param outOfOrderness how far behind the newest time seen the watermark stays (how long a window waits before
 *     its first report)
 * @param flushTimeout how long without events before the watermark moves on by the wall clock
 * @param basis which time places a value in a window: when its file landed (default) or when it was measured
 * @param revisionHorizon how long after a window closes (in event time) late values still revise it; later ones
 *     go to the too-late output
 */
public record EventTimeSettings(
        Duration window, Duration outOfOrderness, Duration flushTimeout, TimeBasis basis, Duration revisionHorizon)
        implements Serializable {

    public static final Duration DEFAULT_REVISION_HORIZON = Duration.ofDays(7);

    public EventTimeSettings {
        requirePositive("--window", window);
        if (outOfOrderness == null || outOfOrderness.isNegative()) {
            throw new IllegalArgumentException("--out-of-orderness must be zero or more");
        }
        requirePositive("--flush-timeout", flushTimeout);
        if (basis == null) {
            throw new IllegalArgumentException("--time-basis is landed or measured");
        }
        if (revisionHorizon == null || revisionHorizon.isNegative()) {
            throw new IllegalArgumentException("--revision-horizon must be zero or more");
        }
    }

    /** The defaults: landing time, one-minute windows revisable for {@link #DEFAULT_REVISION_HORIZON}. */
    public static EventTimeSettings defaults() {
        return new EventTimeSettings(
                Duration.ofMinutes(1),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                TimeBasis.LANDED,
                DEFAULT_REVISION_HORIZON);
    }

    public RevisionWindows windows() {
        return RevisionWindows.of(window, revisionHorizon);
    }

    public EventTimeSettings withWindow(Duration value) {
        return new EventTimeSettings(value, outOfOrderness, flushTimeout, basis, revisionHorizon);
    }

    public EventTimeSettings withBasis(TimeBasis value) {
        return new EventTimeSettings(window, outOfOrderness, flushTimeout, value, revisionHorizon);
    }

    public EventTimeSettings withRevisionHorizon(Duration value) {
        return new EventTimeSettings(window, outOfOrderness, flushTimeout, basis, value);
    }

    static void requirePositive(String name, Duration duration) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
