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
 * @param arrivalMargin how far before a listing's start its arrival floor stays: see {@link SeenFiles}
 * @param selection which files the user's {@code --include} / {@code --exclude} globs keep
 */
public record DiscoverySettings(
        Duration interval,
        Duration settleTime,
        Duration lookback,
        int maxFilesPerSplit,
        Duration arrivalMargin,
        FileSelection selection)
        implements Serializable {

    public static final Duration DEFAULT_LOOKBACK = Duration.ofHours(1);
    public static final int DEFAULT_MAX_FILES_PER_SPLIT = 256;
    /**
     * Change times come from the file system's clock (a file server's, for a network folder), a listing's start
     * from this machine's: they may disagree by this much.
     */
    public static final Duration DEFAULT_ARRIVAL_MARGIN = Duration.ofSeconds(10);

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
        if (arrivalMargin == null || arrivalMargin.isNegative()) {
            throw new IllegalArgumentException("arrival margin must be zero or more");
        }
        if (selection == null) {
            throw new IllegalArgumentException("the file selection is missing");
        }
    }

    public static DiscoverySettings bounded(Duration settleTime) {
        return new DiscoverySettings(
                null,
                settleTime,
                DEFAULT_LOOKBACK,
                DEFAULT_MAX_FILES_PER_SPLIT,
                DEFAULT_ARRIVAL_MARGIN,
                FileSelection.ALL);
    }

    public static DiscoverySettings continuous(Duration interval, Duration settleTime, Duration lookback) {
        return new DiscoverySettings(
                interval, settleTime, lookback, DEFAULT_MAX_FILES_PER_SPLIT, DEFAULT_ARRIVAL_MARGIN, FileSelection.ALL);
    }

    /** The same, with another arrival margin. */
    public DiscoverySettings withArrivalMargin(Duration margin) {
        return new DiscoverySettings(interval, settleTime, lookback, maxFilesPerSplit, margin, selection);
    }

    /** The same, keeping only the files {@code value} selects. */
    public DiscoverySettings withSelection(FileSelection value) {
        return new DiscoverySettings(interval, settleTime, lookback, maxFilesPerSplit, arrivalMargin, value);
    }

    public boolean isBounded() {
        return interval == null;
    }
}
