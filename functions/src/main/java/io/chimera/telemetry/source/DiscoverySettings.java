package io.chimera.telemetry.source;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the source finds files.
 *
 * @param interval how often continuous mode lists the folders again; null for a bounded run (one listing)
 * @param settleTime a file is taken only once it has not changed for this long
 * @param lookback how far behind the newest file taken the horizon trails: see {@link SeenFiles}
 * @param maxFilesPerSplit the most files handed to a reader at once
 */
public record DiscoverySettings(Duration interval, Duration settleTime, Duration lookback, int maxFilesPerSplit)
        implements Serializable {

    public static final Duration DEFAULT_LOOKBACK = Duration.ofHours(1);
    public static final int DEFAULT_MAX_FILES_PER_SPLIT = 256;

    public DiscoverySettings {
        if (settleTime == null || settleTime.isNegative()) {
            throw new IllegalArgumentException("settle time must be zero or more");
        }
        if (lookback == null || lookback.isNegative()) {
            throw new IllegalArgumentException("lookback must be zero or more");
        }
        if (maxFilesPerSplit < 1) {
            throw new IllegalArgumentException("at least one file per split");
        }
    }

    public static DiscoverySettings bounded(Duration settleTime) {
        return new DiscoverySettings(null, settleTime, DEFAULT_LOOKBACK, DEFAULT_MAX_FILES_PER_SPLIT);
    }

    public static DiscoverySettings continuous(Duration interval, Duration settleTime, Duration lookback) {
        return new DiscoverySettings(interval, settleTime, lookback, DEFAULT_MAX_FILES_PER_SPLIT);
    }

    public boolean isBounded() {
        return interval == null;
    }
}
