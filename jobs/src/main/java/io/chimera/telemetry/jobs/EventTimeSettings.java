package io.chimera.telemetry.jobs;

import java.io.Serializable;
import java.time.Duration;

/**
 * @param window tumbling event-time window size
 * @param outOfOrderness how far event times may go back before they are late
 * @param flushTimeout how long without events before the watermark moves on by the wall clock
 */
public record EventTimeSettings(Duration window, Duration outOfOrderness, Duration flushTimeout)
        implements Serializable {}
