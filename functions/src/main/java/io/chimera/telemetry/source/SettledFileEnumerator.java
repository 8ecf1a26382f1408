package io.chimera.telemetry.source;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.core.fs.Path;

/**
 * Holds back files modified within the settle time: a file still being written keeps changing its size and
 * modification time, so it is taken only once it has been still that long. Held-back files are not marked as
 * processed by the continuous enumerator, so the next discovery round offers them again. A bounded run lists
 * only once, so it waits for such files to settle instead (a few settle times at most) rather than miss them.
 */
public final class SettledFileEnumerator implements FileEnumerator {

    private final FileEnumerator delegate;
    private static final int MAX_WAIT_ROUNDS = 10;

    private final long settleMillis;
    private final boolean waitForSettling;

    public SettledFileEnumerator(FileEnumerator delegate, Duration settleTime, boolean waitForSettling) {
        this.delegate = delegate;
        this.settleMillis = settleTime.toMillis();
        this.waitForSettling = waitForSettling;
    }

    @Override
    public Collection<FileSourceSplit> enumerateSplits(Path[] paths, int minDesiredSplits) throws IOException {
        for (int round = 0; ; round++) {
            long settledBefore = System.currentTimeMillis() - settleMillis;
            Collection<FileSourceSplit> all = delegate.enumerateSplits(paths, minDesiredSplits);
            List<FileSourceSplit> settled = new ArrayList<>();
            for (FileSourceSplit split : all) {
                if (split.fileModificationTime() <= settledBefore) {
                    settled.add(split);
                }
            }
            if (!waitForSettling || settled.size() == all.size() || round >= MAX_WAIT_ROUNDS) {
                return waitForSettling ? all : settled;
            }
            try {
                Thread.sleep(Math.max(50, settleMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return all;
            }
        }
    }
}
