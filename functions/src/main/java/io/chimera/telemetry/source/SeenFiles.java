package io.chimera.telemetry.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which files the continuous source has handed out, in memory that does not grow with the farm's history
 * (unlike Flink's own continuous enumerator, FLINK-25672). Files modified before the <em>horizon</em> count as
 * handed out; only the paths of files modified since are remembered. The horizon trails the newest file handed
 * out by the lookback, so the state holds the files of the last lookback. Files are handed out oldest first, so
 * the horizon never passes a file that was found but not yet handed out.
 *
 * <p>A file can land with a modification time older than the horizon: copied with its time kept ({@code cp -p},
 * {@code rsync -t}, an unpacked archive). Such a file is an <em>arrival</em> when its change time (which such a
 * copy sets to the time of copying) is at or after the <em>arrival floor</em>: a little before the settle limit of
 * the last listing that was fully handed out. Everything changed before that limit was there, settled, at that
 * listing, so it was either handed out then or was behind the horizon already. Arrivals handed out are remembered
 * until the floor passes their change time: a few listings' worth of files.
 */
public final class SeenFiles {

    static final Comparator<DiscoveredFile> OLDEST_FIRST =
            Comparator.comparingLong(DiscoveredFile::modifiedTime).thenComparing(DiscoveredFile::path);

    private final long lookbackMillis;
    /** How far before a listing's start its floor stays (the file system's clock may lag this machine's). */
    private final long arrivalMarginMillis;

    private long horizon;
    private long newest;
    /** Path → the latest modification time seen for it; every entry at or after the horizon. */
    private final Map<String, Long> recent;
    /** Files changed at or after this that are not remembered are new, whatever their modification time. */
    private long arrivalFloor;
    /** The floor once the listing being handed out is all out. */
    private long nextArrivalFloor;
    /** Path → change time of the files handed out whose change time is at or after the floor. */
    private final Map<String, Long> arrivals;

    public SeenFiles(Duration lookback, Duration arrivalMargin) {
        this(lookback, arrivalMargin, Long.MIN_VALUE, Long.MIN_VALUE, new HashMap<>(), Long.MAX_VALUE, new HashMap<>());
    }

    private SeenFiles(
            Duration lookback,
            Duration arrivalMargin,
            long horizon,
            long newest,
            Map<String, Long> recent,
            long arrivalFloor,
            Map<String, Long> arrivals) {
        this.lookbackMillis = lookback.toMillis();
        this.arrivalMarginMillis = arrivalMargin.toMillis();
        this.horizon = horizon;
        this.newest = newest;
        this.recent = recent;
        this.arrivalFloor = arrivalFloor;
        this.nextArrivalFloor = arrivalFloor;
        this.arrivals = arrivals;
    }

    public static SeenFiles restore(
            Duration lookback,
            Duration arrivalMargin,
            long horizon,
            long newest,
            Map<String, Long> recent,
            long arrivalFloor,
            Map<String, Long> arrivals) {
        return new SeenFiles(
                lookback, arrivalMargin, horizon, newest, new HashMap<>(recent), arrivalFloor, new HashMap<>(arrivals));
    }

    /**
     * The files of a listing not handed out before and settled (modified and changed at or before
     * {@code settledBefore}), oldest first. They are not marked: {@link #handedOut} does that. Files still
     * changing are left for a later listing; a file changed after it was handed out is not offered again.
     *
     * @param listedAt when the listing began: what changes after it, a later listing sees
     */
    public List<DiscoveredFile> notHandedOut(Collection<DiscoveredFile> listing, long settledBefore, long listedAt) {
        // What changed before the settle limit and was found is taken now; what changed after it, a later listing
        // finds above the floor (a file still settling, one that landed behind the walk).
        nextArrivalFloor = Math.max(
                nextArrivalFloor == Long.MAX_VALUE ? Long.MIN_VALUE : nextArrivalFloor,
                Math.min(settledBefore, listedAt) - arrivalMarginMillis);
        List<DiscoveredFile> fresh = new ArrayList<>();
        for (DiscoveredFile file : listing) {
            long modified = file.modifiedTime();
            if (modified < horizon) {
                if (isArrival(file) && file.changedTime() <= settledBefore) {
                    fresh.add(file);
                }
                continue;
            }
            Long known = recent.get(file.path());
            if (known == null && arrivals.containsKey(file.path())) {
                continue;
            }
            if (known != null) {
                // Remembered for as long as it keeps changing, so that it is not read again meanwhile.
                if (modified > known) {
                    recent.put(file.path(), modified);
                }
                continue;
            }
            if (modified <= settledBefore) {
                fresh.add(file);
            }
        }
        fresh.sort(OLDEST_FIRST);
        return fresh;
    }

    private boolean isArrival(DiscoveredFile file) {
        return file.changedTime() >= arrivalFloor
                && !arrivals.containsKey(file.path())
                && !recent.containsKey(file.path());
    }

    /** Marks a batch as handed out and moves the horizon on (forgetting what falls behind it). */
    public void handedOut(List<DiscoveredFile> batch) {
        for (DiscoveredFile file : batch) {
            recent.merge(file.path(), file.modifiedTime(), Math::max);
            newest = Math.max(newest, file.modifiedTime());
            if (file.changedTime() >= Math.min(arrivalFloor, nextArrivalFloor)) {
                arrivals.merge(file.path(), file.changedTime(), Math::max);
            }
        }
        if (newest == Long.MIN_VALUE) {
            return;
        }
        long next = newest - lookbackMillis;
        if (next > horizon) {
            horizon = next;
            recent.values().removeIf(modified -> modified < horizon);
        }
    }

    /**
     * Everything the last listing found is handed out: files that change from a little before it began on and
     * are not remembered are new.
     */
    public void caughtUp() {
        if (nextArrivalFloor > arrivalFloor || arrivalFloor == Long.MAX_VALUE) {
            arrivalFloor = nextArrivalFloor;
            arrivals.values().removeIf(changed -> changed < arrivalFloor);
        }
    }

    /** Files changed at or after this are read even if modified before the horizon (Long.MAX_VALUE: none yet). */
    public long arrivalFloor() {
        return arrivalFloor;
    }

    public Map<String, Long> arrivals() {
        return Map.copyOf(arrivals);
    }

    /** Files modified before this count as handed out (Long.MIN_VALUE: none yet). */
    public long horizon() {
        return horizon;
    }

    /** The newest modification time handed out so far (Long.MIN_VALUE: none yet). */
    public long newest() {
        return newest;
    }

    /** How many paths are remembered: the state's size. */
    public int tracked() {
        int arrivalsOnly = 0;
        for (String path : arrivals.keySet()) {
            arrivalsOnly += recent.containsKey(path) ? 0 : 1;
        }
        return recent.size() + arrivalsOnly;
    }

    public Map<String, Long> recent() {
        return Map.copyOf(recent);
    }
}
