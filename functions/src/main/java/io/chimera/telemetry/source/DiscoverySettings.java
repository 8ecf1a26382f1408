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
 * @param fullListingInterval continuous mode: how often a listing reads every folder again; listings between read
 *     only the folders that changed (see {@link ListedFolders}); zero for every listing
 */
public record DiscoverySettings(
        Duration interval,
        Duration settleTime,
        Duration lookback,
        int maxFilesPerSplit,
        Duration arrivalMargin,
        FileSelection selection,
        Duration fullListingInterval)
        implements Serializable {

    public static final Duration DEFAULT_LOOKBACK = Duration.ofHours(1);
    public static final int DEFAULT_MAX_FILES_PER_SPLIT = 256;
    /**
     * Change times come from the file system's clock (a file server's, for a network folder), a listing's start
     * from this machine's: they may disagree by this much.
     */
    public static final Duration DEFAULT_ARRIVAL_MARGIN = Duration.ofSeconds(10);
    /**
     * How long a file rewritten in place (which leaves its folder's time alone) may wait to be found; a listing of
     * every folder costs one call per file of the farm.
     */
    public static final Duration DEFAULT_FULL_LISTING_INTERVAL = Duration.ofMinutes(10);
    /** A folder's time is trusted only this long after it, however small the arrival margin: FAT's granularity. */
    private static final Duration MIN_FOLDER_TIME_MARGIN = Duration.ofSeconds(2);

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
        if (fullListingInterval == null || fullListingInterval.isNegative()) {
            throw new IllegalArgumentException("the full listing interval must be zero or more");
        }
    }

    public static DiscoverySettings bounded(Duration settleTime) {
        return new DiscoverySettings(
                null,
                settleTime,
                DEFAULT_LOOKBACK,
                DEFAULT_MAX_FILES_PER_SPLIT,
                DEFAULT_ARRIVAL_MARGIN,
                FileSelection.ALL,
                Duration.ZERO);
    }

    public static DiscoverySettings continuous(Duration interval, Duration settleTime, Duration lookback) {
        return new DiscoverySettings(
                interval,
                settleTime,
                lookback,
                DEFAULT_MAX_FILES_PER_SPLIT,
                DEFAULT_ARRIVAL_MARGIN,
                FileSelection.ALL,
                DEFAULT_FULL_LISTING_INTERVAL);
    }

    /** The same, with another arrival margin. */
    public DiscoverySettings withArrivalMargin(Duration margin) {
        return new DiscoverySettings(
                interval, settleTime, lookback, maxFilesPerSplit, margin, selection, fullListingInterval);
    }

    /** The same, keeping only the files {@code value} selects. */
    public DiscoverySettings withSelection(FileSelection value) {
        return new DiscoverySettings(
                interval, settleTime, lookback, maxFilesPerSplit, arrivalMargin, value, fullListingInterval);
    }

    /** The same, reading every folder again this often (zero: at every listing). */
    public DiscoverySettings withFullListingInterval(Duration value) {
        return new DiscoverySettings(interval, settleTime, lookback, maxFilesPerSplit, arrivalMargin, selection, value);
    }

    /** What a continuous enumerator remembers of its listings between them. */
    ListedFolders listedFolders() {
        Duration margin = arrivalMargin.compareTo(MIN_FOLDER_TIME_MARGIN) < 0 ? MIN_FOLDER_TIME_MARGIN : arrivalMargin;
        return new ListedFolders(fullListingInterval, margin);
    }

    public boolean isBounded() {
        return interval == null;
    }
}
