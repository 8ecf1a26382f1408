package io.chimera.telemetry.source;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the last listing found in each local folder, so that the next one reads again only the folders that changed.
 * A folder's modification time moves whenever an entry is added to it, removed from it or renamed in it, which is
 * how files land (created, copied, or written under a temporary name and renamed). A folder whose time is the same
 * as when it was read holds the same entries: a listing then reads none of them, only the times of its subfolders
 * (to walk on) and of the files the last listing kept (modified since the horizon, or changed since the arrival
 * floor: files that may still be settling, and at most the lookback's worth). So a listing costs one call per
 * folder plus what changed, not one per file of the farm's history.
 *
 * <p>What it cannot see: a file rewritten in place (opened and written again, not replaced) leaves its folder's
 * time alone. Every {@code fullListingInterval} a listing reads every folder, as if nothing were remembered, and
 * finds such files then. Only what a listing read can be trusted: a folder modified within {@code margin} of the
 * start of the listing that read it is read again next time, since a file landing just after the read could carry
 * the same time (file systems with coarse times, a file server's clock). Nothing of this is checkpointed: a
 * restored enumerator's first listing reads everything, and so does a listing with a lower threshold than the last
 * one's (once after a start, when the arrival floor is first set). Memory: one entry per folder of the farm (its path, time
 * and subfolders), on the enumerator's side.
 */
public final class ListedFolders {

    /** A folder under a root: two roots, one inside the other, select files by paths below each. */
    record Key(Path root, Path folder) {}

    /** A folder as a listing read it. */
    record Folder(FileTime modified, boolean trusted, List<Path> subfolders, List<Path> files) {}

    private final long fullListingMillis;
    private final long marginMillis;

    private Map<Key, Folder> folders = new HashMap<>();
    /** The listing's thresholds the remembered files were kept by: a lower one would keep files left out. */
    private long modifiedSince = Long.MAX_VALUE;

    private long changedSince = Long.MAX_VALUE;
    private long lastFullListing = Long.MIN_VALUE;
    private volatile int lastRead;
    private volatile int lastSkipped;

    /**
     * @param fullListingInterval how often a listing reads every folder again; zero for always
     * @param margin how recently modified a folder may be, at the start of the listing that read it, to be trusted
     */
    public ListedFolders(Duration fullListingInterval, Duration margin) {
        this.fullListingMillis = fullListingInterval.toMillis();
        this.marginMillis = margin.toMillis();
    }

    /** Folders the last listing read. */
    public int lastRead() {
        return lastRead;
    }

    /** Folders the last listing did not read, their time unchanged. */
    public int lastSkipped() {
        return lastSkipped;
    }

    /** Folders remembered. */
    public int size() {
        return folders.size();
    }

    /** Starts a listing with these thresholds at {@code startedAt} (this machine's clock). */
    Walk begin(long modifiedSince, long changedSince, long startedAt) {
        boolean full = folders.isEmpty()
                || modifiedSince < this.modifiedSince
                || changedSince < this.changedSince
                || fullListingMillis == 0
                || startedAt - lastFullListing >= fullListingMillis;
        return new Walk(full, modifiedSince, changedSince, startedAt);
    }

    /** A listing that went through: what it read is what the next one compares with. */
    void finish(Walk walk) {
        folders = walk.next;
        modifiedSince = walk.modifiedSince;
        changedSince = walk.changedSince;
        if (walk.full) {
            lastFullListing = walk.startedAt;
        }
        lastRead = walk.read;
        lastSkipped = walk.skipped;
    }

    /** One listing's view of what is remembered, and what it records for the next. */
    final class Walk {
        private final boolean full;
        private final long modifiedSince;
        private final long changedSince;
        private final long startedAt;
        private final Map<Key, Folder> next = new HashMap<>();
        private int read;
        private int skipped;

        private Walk(boolean full, long modifiedSince, long changedSince, long startedAt) {
            this.full = full;
            this.modifiedSince = modifiedSince;
            this.changedSince = changedSince;
            this.startedAt = startedAt;
        }

        boolean full() {
            return full;
        }

        /** The folder as it was read, if its time says none of its entries changed since; else null. */
        Folder unchanged(Key folder, FileTime modified) {
            if (full) {
                return null;
            }
            Folder known = folders.get(folder);
            return known != null && known.trusted() && known.modified().equals(modified) ? known : null;
        }

        /** A folder whose entries were read: its time was read before them. */
        void read(Key folder, FileTime modified, List<Path> subfolders, List<Path> files) {
            boolean trusted = modified.toMillis() < startedAt - marginMillis;
            next.put(folder, new Folder(modified, trusted, List.copyOf(subfolders), List.copyOf(files)));
            read++;
        }

        /** A folder left unread: the same entries, the files still kept. */
        void skipped(Key folder, Folder known, List<Path> subfolders, List<Path> files) {
            next.put(folder, new Folder(known.modified(), true, List.copyOf(subfolders), List.copyOf(files)));
            skipped++;
        }
    }
}
