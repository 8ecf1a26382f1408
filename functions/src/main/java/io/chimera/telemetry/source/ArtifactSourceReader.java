package io.chimera.telemetry.source;

import io.chimera.telemetry.records.ArtifactRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;

/**
 * Reads the files of its batches one whole file per poll, on the task thread: a checkpoint always falls between
 * two files, so a batch is checkpointed as the files it has left and a restored reader neither repeats nor skips
 * a record. It asks for the next batch as it starts the last file of the last one, so the round trip to the
 * enumerator overlaps the parse.
 */
public final class ArtifactSourceReader implements SourceReader<ArtifactRecord, FileBatchSplit> {

    private final SourceReaderContext context;
    private final ArtifactFileReader files;
    private final ArrayDeque<FileBatchSplit> batches = new ArrayDeque<>();
    /** Files of the head batch already read. */
    private int readInHead;

    private boolean requested;
    private boolean noMoreSplits;
    private CompletableFuture<Void> available = new CompletableFuture<>();

    public ArtifactSourceReader(SourceReaderContext context, ArtifactFileReader files) {
        this.context = context;
        this.files = files;
    }

    @Override
    public void start() {
        requestIfIdle();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<ArtifactRecord> output) {
        FileBatchSplit head = batches.peekFirst();
        while (head != null && readInHead >= head.files().size()) {
            batches.pollFirst();
            readInHead = 0;
            head = batches.peekFirst();
        }
        if (head == null) {
            if (noMoreSplits) {
                return InputStatus.END_OF_INPUT;
            }
            requestIfIdle();
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return InputStatus.NOTHING_AVAILABLE;
        }
        DiscoveredFile file = head.files().get(readInHead);
        readInHead++;
        if (readInHead == head.files().size() && batches.size() == 1) {
            requestIfIdle();
        }
        output.collect(files.read(file));
        return InputStatus.MORE_AVAILABLE;
    }

    private void requestIfIdle() {
        if (!requested && !noMoreSplits) {
            requested = true;
            context.sendSplitRequest();
        }
    }

    @Override
    public List<FileBatchSplit> snapshotState(long checkpointId) {
        List<FileBatchSplit> unread = new ArrayList<>(batches.size());
        boolean first = true;
        for (FileBatchSplit batch : batches) {
            FileBatchSplit rest = first ? batch.from(readInHead) : batch;
            first = false;
            if (!rest.files().isEmpty()) {
                unread.add(rest);
            }
        }
        return unread;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return available;
    }

    @Override
    public void addSplits(List<FileBatchSplit> splits) {
        batches.addAll(splits);
        requested = false;
        available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        available.complete(null);
    }

    @Override
    public void close() {}
}
