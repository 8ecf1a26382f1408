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
 * the horizon never passes a file that was found but not yet handed out. The price: a file that lands with a
 * modification time older than the horizon (copied with its old time kept, say) is not read; the writer
 * contract says so.
 */
public final class SeenFiles {

    static final Comparator<DiscoveredFile> OLDEST_FIRST =
            Comparator.comparingLong(DiscoveredFile::modifiedTime).thenComparing(DiscoveredFile::path);

    private final long lookbackMillis;
    private long horizon;
    private long newest;
    /** Path → the latest modification time seen for it; every entry at or after the horizon. */
    private final Map<String, Long> recent;

    public SeenFiles(Duration lookback) {
        this(lookback, Long.MIN_VALUE, Long.MIN_VALUE, new HashMap<>());
    }

    private SeenFiles(Duration lookback, long horizon, long newest, Map<String, Long> recent) {
        this.lookbackMillis = lookback.toMillis();
        this.horizon = horizon;
        this.newest = newest;
        this.recent = recent;
    }

    public static SeenFiles restore(Duration lookback, long horizon, long newest, Map<String, Long> recent) {
        return new SeenFiles(lookback, horizon, newest, new HashMap<>(recent));
    }

    /**
     * The files of a listing not handed out before and settled (modified at or before {@code settledBefore}),
     * oldest first. They are not marked: {@link #handedOut} does that. Files still changing are left for a later
     * listing; a file changed after it was handed out is not offered again.
     */
    public List<DiscoveredFile> notHandedOut(Collection<DiscoveredFile> listing, long settledBefore) {
        List<DiscoveredFile> fresh = new ArrayList<>();
        for (DiscoveredFile file : listing) {
            long modified = file.modifiedTime();
            if (modified < horizon) {
                continue;
            }
            Long known = recent.get(file.path());
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

    /** Marks a batch as handed out and moves the horizon on (forgetting what falls behind it). */
    public void handedOut(List<DiscoveredFile> batch) {
        for (DiscoveredFile file : batch) {
            recent.merge(file.path(), file.modifiedTime(), Math::max);
            newest = Math.max(newest, file.modifiedTime());
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
        return recent.size();
    }

    public Map<String, Long> recent() {
        return Map.copyOf(recent);
    }
}
