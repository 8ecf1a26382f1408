package io.chimera.telemetry.source;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * one's (once after a start, when the arrival floor is first set). A listing without a horizon (the first at a fresh
 * start, when every file is new and goes to the backlog) remembers nothing: it would keep every file of the farm.
 * Memory: one entry per folder of the farm (its path, time and subfolders: about 220 bytes), on the enumerator's
 * side; past {@code maxFolders} folders nothing is remembered and every listing reads every folder, as before.
 */
public final class ListedFolders {

    private static final Logger LOG = LoggerFactory.getLogger(ListedFolders.class);

    /** Folders remembered at most unless told otherwise: about 70 MB. */
    public static final int DEFAULT_MAX_FOLDERS = 300_000;

    /** A folder as a listing read it; its time in nanoseconds. */
    record Folder(long modified, boolean trusted, List<Path> subfolders, List<Path> files) {}

    private final long fullListingMillis;
    private final long marginMillis;
    private final int maxFolders;
    /** Too many folders to remember: every listing reads every folder. */
    private boolean tooMany;

    /** Per root (two roots, one inside the other, select files by paths below each), its folders. */
    private Map<Path, Map<Path, Folder>> folders = new HashMap<>();
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
        this(fullListingInterval, margin, DEFAULT_MAX_FOLDERS);
    }

    /** @param maxFolders the most folders remembered; a farm with more is read in full at every listing */
    public ListedFolders(Duration fullListingInterval, Duration margin, int maxFolders) {
        this.fullListingMillis = fullListingInterval.toMillis();
        this.marginMillis = margin.toMillis();
        this.maxFolders = maxFolders;
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
        return folders.values().stream().mapToInt(Map::size).sum();
    }

    /** Starts a listing with these thresholds at {@code startedAt} (this machine's clock). */
    Walk begin(long modifiedSince, long changedSince, long startedAt) {
        boolean full = folders.isEmpty()
                || tooMany
                || modifiedSince == Long.MIN_VALUE
                || modifiedSince < this.modifiedSince
                || changedSince < this.changedSince
                || fullListingMillis == 0
                || startedAt - lastFullListing >= fullListingMillis;
        boolean remembers = !tooMany && modifiedSince != Long.MIN_VALUE;
        return new Walk(full, remembers, modifiedSince, changedSince, startedAt);
    }

    /** A listing that went through: what it read is what the next one compares with. */
    void finish(Walk walk) {
        if (walk.overflowed) {
            tooMany = true;
            LOG.info(
                    "Discovery: more than {} folders under the input folders; every listing reads every folder"
                            + " (a listing of the changed ones would need to remember each)",
                    maxFolders);
        }
        folders = walk.remembers && !walk.overflowed ? walk.next : new HashMap<>();
        modifiedSince = walk.modifiedSince;
        changedSince = walk.changedSince;
        if (walk.full) {
            lastFullListing = walk.startedAt;
        }
        lastRead = walk.read;
        lastSkipped = walk.skipped;
    }

    private static long nanos(FileTime time) {
        return time.to(TimeUnit.NANOSECONDS);
    }

    /** One listing's view of what is remembered, and what it records for the next. */
    final class Walk {
        private final boolean full;
        private final boolean remembers;
        private final long modifiedSince;
        private final long changedSince;
        private final long startedAt;
        private final Map<Path, Map<Path, Folder>> next = new HashMap<>();
        private int size;
        private boolean overflowed;
        private int read;
        private int skipped;

        private Walk(boolean full, boolean remembers, long modifiedSince, long changedSince, long startedAt) {
            this.full = full;
            this.remembers = remembers;
            this.modifiedSince = modifiedSince;
            this.changedSince = changedSince;
            this.startedAt = startedAt;
        }

        boolean full() {
            return full;
        }

        /** The folder as it was read, if its time says none of its entries changed since; else null. */
        Folder unchanged(Path root, Path folder, FileTime modified) {
            if (full) {
                return null;
            }
            Folder known = folders.getOrDefault(root, Map.of()).get(folder);
            return known != null && known.trusted() && known.modified() == nanos(modified) ? known : null;
        }

        /**
         * A folder whose entries were read, its time before them; one with an entry that could not be read is read
         * again next time, so that the entry is tried (and named) at every listing until it can be read.
         */
        void read(
                Path root,
                Path folder,
                FileTime modified,
                boolean everyEntryRead,
                List<Path> subfolders,
                List<Path> files) {
            read++;
            boolean trusted = everyEntryRead && modified.toMillis() < startedAt - marginMillis;
            remember(root, folder, new Folder(nanos(modified), trusted, subfolders, files));
        }

        /** A folder left unread: the same entries, the files still kept. */
        void skipped(Path root, Path folder, Folder known, List<Path> subfolders, List<Path> files) {
            skipped++;
            remember(root, folder, new Folder(known.modified(), true, subfolders, files));
        }

        private void remember(Path root, Path folder, Folder read) {
            if (!remembers || overflowed) {
                return;
            }
            if (++size > maxFolders) {
                overflowed = true;
                next.clear();
                return;
            }
            next.computeIfAbsent(root, r -> new HashMap<>())
                    .put(
                            folder,
                            new Folder(
                                    read.modified(),
                                    read.trusted(),
                                    List.copyOf(read.subfolders()),
                                    List.copyOf(read.files())));
        }
    }
}
