package io.chimera.telemetry.source;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.fs.Path;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the watched folders (once for a bounded run, every interval in continuous mode), keeps the settled files
 * not handed out before, and hands them out many at a time to whichever reader asks: in continuous mode oldest
 * first, in a bounded run (whose result does not depend on the order) as the walk finds them, those still settling
 * at its end oldest first. Batches
 * shrink as the backlog does, so that every reader stays busy to the end. While a backlog waits, the folders are
 * not listed again: what lands meanwhile would queue behind it anyway, and a listing that reads every folder of a
 * million-file farm takes 20 s. Between full listings, only the folders whose time moved are read
 * ({@link ListedFolders}). A failed listing is logged and counted, and the next one tries again: a folder that is briefly
 * unreachable does not fail the job.
 */
public final class ArtifactSplitEnumerator implements SplitEnumerator<FileBatchSplit, DiscoveryState> {

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactSplitEnumerator.class);
    /** A bounded run waits for files still being written, but not for ever. */
    private static final int MAX_SETTLE_ROUNDS = 10;
    /** Keeps one request per batch of files without letting one reader take a whole small backlog. */
    private static final int BATCHES_PER_READER = 2;

    private static final long MAX_BATCH_BYTES = 64L << 20;
    /**
     * A bounded walk hands out what it found once it holds this many files, or when it finds one more this long
     * after the first it holds, and at its end.
     */
    private static final int WALK_CHUNK_FILES = 1_000;

    private static final long WALK_CHUNK_NANOS = 50_000_000L;

    private final SplitEnumeratorContext<FileBatchSplit> context;
    private final List<Path> roots;
    private final DiscoverySettings settings;
    private final SeenFiles seen;
    /** Found by a listing, not yet handed out; not checkpointed (a restored enumerator finds them again). */
    private final ArrayDeque<DiscoveredFile> pending = new ArrayDeque<>();
    /** From failed readers' batches: already marked as handed out, so checkpointed until handed out again. */
    private final ArrayDeque<DiscoveredFile> returned;
    /** Continuous mode: the folders listed, so that the next listing reads only those that changed. */
    private final ListedFolders listedFolders;

    private final Set<Integer> awaiting = new LinkedHashSet<>();
    private long nextSplit;
    /** Bounded: the one listing is in. */
    private boolean listed;
    /** What the listing thread may skip, and whether to list at all; written on the coordinator thread. */
    private volatile long listingHorizon;

    private volatile long listingArrivalFloor;
    private volatile boolean backlogged;
    private volatile long lastListingMillis;
    private volatile long lastListingFiles;
    private volatile long unreadableEntries;
    private final RecurringProblem unreadable = new RecurringProblem();
    private final RecurringProblem listingFailure = new RecurringProblem();
    private Counter discoveryFailures;

    public ArtifactSplitEnumerator(
            SplitEnumeratorContext<FileBatchSplit> context,
            List<Path> roots,
            DiscoverySettings settings,
            DiscoveryState state) {
        this.context = context;
        this.roots = List.copyOf(roots);
        this.settings = settings;
        this.seen = SeenFiles.restore(
                settings.lookback(),
                settings.arrivalMargin(),
                state.horizon(),
                state.newest(),
                state.recent(),
                state.arrivalFloor(),
                state.arrivals());
        this.returned = new ArrayDeque<>(state.returned());
        this.listedFolders = settings.isBounded() ? null : settings.listedFolders();
        this.nextSplit = state.nextSplit();
        this.listingHorizon = seen.horizon();
        this.listingArrivalFloor = seen.arrivalFloor();
    }

    @Override
    public void start() {
        var metrics = context.metricGroup().addGroup("chimera");
        metrics.gauge("trackedFiles", seen::tracked);
        metrics.gauge("pendingFiles", () -> pending.size() + returned.size());
        discoveryFailures = metrics.counter("discoveryFailures");
        // On a large farm these say whether the discovery interval is too short, and how much a listing skips.
        metrics.gauge("lastListingMillis", () -> lastListingMillis);
        metrics.gauge("lastListingFiles", () -> lastListingFiles);
        metrics.gauge("unreadableEntries", () -> unreadableEntries);
        if (listedFolders != null) {
            metrics.gauge("lastListingFoldersRead", listedFolders::lastRead);
            metrics.gauge("lastListingFoldersSkipped", listedFolders::lastSkipped);
        }
        if (settings.isBounded()) {
            context.callAsync(this::listOnceSettled, this::tookBoundedListing);
        } else {
            context.callAsync(
                    () -> backlogged ? null : timedListing(listingHorizon, listingArrivalFloor),
                    this::tookListing,
                    0,
                    settings.interval().toMillis());
        }
    }

    private ArtifactListing.Listing timedListing(long modifiedSince, long changedSince) throws IOException {
        return timedListing(modifiedSince, changedSince, file -> {});
    }

    private ArtifactListing.Listing timedListing(
            long modifiedSince, long changedSince, java.util.function.Consumer<DiscoveredFile> onFound)
            throws IOException {
        ArtifactListing.Listing listing = ArtifactListing.listing(
                roots, modifiedSince, changedSince, settings.selection(), listedFolders, onFound);
        lastListingMillis = System.currentTimeMillis() - listing.startedAt();
        lastListingFiles = listing.files().size();
        unreadableEntries = listing.unreadable().size();
        // Skipped, not marked as read: once readable, a later listing finds what is in them.
        String said = unreadable.after(
                listing.unreadable().isEmpty()
                        ? null
                        : "could not read " + listing.unreadable().size()
                                + " entries under the input folders, skipped them; first: "
                                + listing.unreadable().get(0));
        if (said != null) {
            if (unreadable.ongoing()) {
                LOG.warn("Discovery: {}", said);
            } else {
                LOG.info("Discovery: {}", said);
            }
        }
        return listing;
    }

    /**
     * A bounded run lists once, but waits (a few settle times at most) for files still being written. The files
     * found settled go out while the walk goes on: on a large farm the walk takes seconds the readers would
     * otherwise sit idle. Returns the files left when the last walk is over.
     */
    private List<DiscoveredFile> listOnceSettled() throws IOException, InterruptedException {
        long settleMillis = settings.settleTime().toMillis();
        Set<String> handedOut = new HashSet<>();
        for (int round = 0; ; round++) {
            // Before the walk's own start, so never later than the time the walk compares with.
            SettledWhileWalking settled = new SettledWhileWalking(System.currentTimeMillis() - settleMillis, handedOut);
            ArtifactListing.Listing listing = timedListing(Long.MIN_VALUE, Long.MIN_VALUE, settled);
            settled.flush();
            List<DiscoveredFile> left = listing.files().stream()
                    .filter(file -> !handedOut.contains(file.path()))
                    .toList();
            if (left.isEmpty() || round >= MAX_SETTLE_ROUNDS) {
                return left;
            }
            Thread.sleep(Math.max(50, settleMillis));
        }
    }

    /**
     * On the walking thread: collects the settled files the walk finds, not handed out in an earlier round, and
     * passes them to the coordinator thread in chunks, by count or, in a slow walk, by time.
     */
    private final class SettledWhileWalking implements java.util.function.Consumer<DiscoveredFile> {
        private final long settledBefore;
        private final Set<String> handedOut;
        private List<DiscoveredFile> chunk = new ArrayList<>();
        private long chunkStarted;

        SettledWhileWalking(long settledBefore, Set<String> handedOut) {
            this.settledBefore = settledBefore;
            this.handedOut = handedOut;
        }

        @Override
        public void accept(DiscoveredFile file) {
            if (file.modifiedTime() > settledBefore || !handedOut.add(file.path())) {
                return;
            }
            if (chunk.isEmpty()) {
                chunkStarted = System.nanoTime();
            }
            chunk.add(file);
            if (chunk.size() >= WALK_CHUNK_FILES || System.nanoTime() - chunkStarted >= WALK_CHUNK_NANOS) {
                flush();
            }
        }

        void flush() {
            if (!chunk.isEmpty()) {
                List<DiscoveredFile> found = chunk;
                context.runInCoordinatorThread(() -> takeFoundWhileWalking(found));
                chunk = new ArrayList<>();
            }
        }
    }

    private void takeFoundWhileWalking(List<DiscoveredFile> found) {
        pending.addAll(found);
        assignPending();
    }

    private void tookBoundedListing(List<DiscoveredFile> left, Throwable error) {
        if (error != null) {
            // Nothing to retry into: a bounded run that cannot list its input must say so.
            throw new IllegalStateException("cannot list the input folders " + roots, error);
        }
        List<DiscoveredFile> sorted = new ArrayList<>(left);
        sorted.sort(SeenFiles.OLDEST_FIRST);
        pending.addAll(sorted);
        listed = true;
        assignPending();
    }

    /**
     * Takes a listing in, unless a backlog waits: a listing that started before the previous one was taken in
     * would offer its files a second time. The next listing after the backlog is out finds what is new.
     */
    void tookListing(ArtifactListing.Listing listing, Throwable error) {
        if (error != null) {
            discoveryFailures.inc();
            String said = listingFailure.after("listing the input folders " + roots + " failed (" + error
                    + "); trying again every " + settings.interval());
            if (said != null) {
                LOG.warn("Discovery: {}", said, error);
            }
            return;
        }
        String over = listingFailure.after(null);
        if (over != null) {
            LOG.info("Discovery: {}", over);
        }
        if (listing == null || !pending.isEmpty() || !returned.isEmpty()) {
            return;
        }
        // Times are compared with the walk's start: a file still changing when a long walk read its time must not
        // count as settled because the walk took longer than the settle time.
        long settledBefore = listing.startedAt() - settings.settleTime().toMillis();
        pending.addAll(seen.notHandedOut(listing.files(), settledBefore, listing.startedAt()));
        assignPending();
    }

    /** What the listings remember of the folders; null for a bounded run. */
    ListedFolders listedFolders() {
        return listedFolders;
    }

    @Override
    public void handleSplitRequest(int subtask, String requesterHostname) {
        awaiting.add(subtask);
        assignPending();
    }

    private void assignPending() {
        Iterator<Integer> readers = awaiting.iterator();
        while (readers.hasNext()) {
            int subtask = readers.next();
            if (!context.registeredReaders().containsKey(subtask)) {
                readers.remove();
            } else if (!pending.isEmpty() || !returned.isEmpty()) {
                context.assignSplit(nextBatch(), subtask);
                readers.remove();
            } else if (settings.isBounded() && listed) {
                context.signalNoMoreSplits(subtask);
                readers.remove();
            } else {
                break;
            }
        }
        backlogged = !pending.isEmpty() || !returned.isEmpty();
        if (!backlogged && !settings.isBounded()) {
            seen.caughtUp();
        }
        listingHorizon = seen.horizon();
        listingArrivalFloor = seen.arrivalFloor();
    }

    private FileBatchSplit nextBatch() {
        ArrayDeque<DiscoveredFile> from = returned.isEmpty() ? pending : returned;
        int readers = Math.max(1, context.currentParallelism());
        int target = (int) Math.min(
                settings.maxFilesPerSplit(), Math.max(1, ceilDiv(from.size(), (long) readers * BATCHES_PER_READER)));
        List<DiscoveredFile> batch = new ArrayList<>(target);
        long bytes = 0;
        while (!from.isEmpty()
                && batch.size() < target
                && (batch.isEmpty() || bytes + from.peekFirst().size() <= MAX_BATCH_BYTES)) {
            DiscoveredFile file = from.pollFirst();
            bytes += file.size();
            batch.add(file);
        }
        if (!settings.isBounded()) {
            seen.handedOut(batch);
        }
        return new FileBatchSplit(String.valueOf(nextSplit++), batch);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** Splits a failed reader had not finished since the last checkpoint: their files are read again first. */
    @Override
    public void addSplitsBack(List<FileBatchSplit> splits, int subtask) {
        for (int i = splits.size() - 1; i >= 0; i--) {
            List<DiscoveredFile> files = splits.get(i).files();
            for (int j = files.size() - 1; j >= 0; j--) {
                returned.addFirst(files.get(j));
            }
        }
        assignPending();
    }

    @Override
    public void addReader(int subtask) {
        // Readers ask for work themselves.
    }

    @Override
    public DiscoveryState snapshotState(long checkpointId) {
        return new DiscoveryState(
                seen.horizon(),
                seen.newest(),
                seen.recent(),
                seen.arrivalFloor(),
                seen.arrivals(),
                List.copyOf(returned),
                nextSplit);
    }

    @Override
    public void close() {}
}
