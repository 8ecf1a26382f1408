package io.chimera.telemetry.source;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
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
 * not taken before, and hands them out oldest first, many at a time, to whichever reader asks. Batches shrink as
 * the backlog does, so that every reader stays busy to the end. A failed listing is logged and counted, and the
 * next one tries again: a folder that is briefly unreachable does not fail the job.
 */
public final class ArtifactSplitEnumerator implements SplitEnumerator<FileBatchSplit, DiscoveryState> {

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactSplitEnumerator.class);
    /** A bounded run waits for files still being written, but not for ever. */
    private static final int MAX_SETTLE_ROUNDS = 10;
    /** Keeps one request per batch of files without letting one reader take a whole small backlog. */
    private static final int BATCHES_PER_READER = 2;
    private static final long MAX_BATCH_BYTES = 64L << 20;

    private final SplitEnumeratorContext<FileBatchSplit> context;
    private final List<Path> roots;
    private final DiscoverySettings settings;
    private final SeenFiles seen;
    private final ArrayDeque<DiscoveredFile> pending;
    private final Set<Integer> awaiting = new LinkedHashSet<>();
    private long nextSplit;
    /** Bounded: the one listing is in. */
    private boolean listed;
    /** What the listing thread may skip; written on the coordinator thread. */
    private volatile long listingHorizon;
    private Counter discoveryFailures;

    public ArtifactSplitEnumerator(SplitEnumeratorContext<FileBatchSplit> context, List<Path> roots,
            DiscoverySettings settings, DiscoveryState state) {
        this.context = context;
        this.roots = List.copyOf(roots);
        this.settings = settings;
        this.seen = SeenFiles.restore(settings.lookback(), state.horizon(), state.newest(), state.recent());
        this.pending = new ArrayDeque<>(state.pending());
        this.nextSplit = state.nextSplit();
        this.listingHorizon = seen.horizon();
    }

    @Override
    public void start() {
        var metrics = context.metricGroup().addGroup("chimera");
        metrics.gauge("trackedFiles", seen::tracked);
        metrics.gauge("pendingFiles", pending::size);
        discoveryFailures = metrics.counter("discoveryFailures");
        if (settings.isBounded()) {
            context.callAsync(this::listOnceSettled, this::tookBoundedListing);
        } else {
            context.callAsync(() -> ArtifactListing.list(roots, listingHorizon), this::tookListing,
                    0, settings.interval().toMillis());
        }
    }

    /** A bounded run lists once, but waits (a few settle times at most) for files still being written. */
    private List<DiscoveredFile> listOnceSettled() throws IOException, InterruptedException {
        long settleMillis = settings.settleTime().toMillis();
        for (int round = 0; ; round++) {
            long settledBefore = System.currentTimeMillis() - settleMillis;
            List<DiscoveredFile> all = ArtifactListing.list(roots, Long.MIN_VALUE);
            boolean settled = all.stream().allMatch(file -> file.modifiedTime() <= settledBefore);
            if (settled || round >= MAX_SETTLE_ROUNDS) {
                return all;
            }
            Thread.sleep(Math.max(50, settleMillis));
        }
    }

    private void tookBoundedListing(List<DiscoveredFile> listing, Throwable error) {
        if (error != null) {
            // Nothing to retry into: a bounded run that cannot list its input must say so.
            throw new IllegalStateException("cannot list the input folders " + roots, error);
        }
        List<DiscoveredFile> sorted = new ArrayList<>(listing);
        sorted.sort(Comparator.comparingLong(DiscoveredFile::modifiedTime).thenComparing(DiscoveredFile::path));
        pending.addAll(sorted);
        listed = true;
        assignPending();
    }

    private void tookListing(List<DiscoveredFile> listing, Throwable error) {
        if (error != null) {
            discoveryFailures.inc();
            LOG.warn("Listing the input folders {} failed; trying again in {}", roots, settings.interval(), error);
            return;
        }
        long settledBefore = System.currentTimeMillis() - settings.settleTime().toMillis();
        pending.addAll(seen.takeNew(listing, settledBefore));
        listingHorizon = seen.horizon();
        assignPending();
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
            } else if (!pending.isEmpty()) {
                context.assignSplit(nextBatch(), subtask);
                readers.remove();
            } else if (settings.isBounded() && listed) {
                context.signalNoMoreSplits(subtask);
                readers.remove();
            } else {
                return;
            }
        }
    }

    private FileBatchSplit nextBatch() {
        int readers = Math.max(1, context.currentParallelism());
        int target = (int) Math.min(settings.maxFilesPerSplit(),
                Math.max(1, ceilDiv(pending.size(), (long) readers * BATCHES_PER_READER)));
        List<DiscoveredFile> batch = new ArrayList<>(target);
        long bytes = 0;
        while (!pending.isEmpty() && batch.size() < target
                && (batch.isEmpty() || bytes + pending.peekFirst().size() <= MAX_BATCH_BYTES)) {
            DiscoveredFile file = pending.pollFirst();
            bytes += file.size();
            batch.add(file);
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
                pending.addFirst(files.get(j));
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
        return new DiscoveryState(seen.horizon(), seen.newest(), seen.recent(), List.copyOf(pending), nextSplit);
    }

    @Override
    public void close() {}
}
