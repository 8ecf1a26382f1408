package io.chimera.telemetry.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettledFileEnumeratorTest {

    @TempDir
    java.nio.file.Path root;

    private java.nio.file.Path file(String relative, long modifiedMillis) throws IOException {
        java.nio.file.Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "model,score\nx,1\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMillis));
        return file;
    }

    private Collection<FileSourceSplit> enumerate(Duration settle, boolean waitForSettling) throws IOException {
        SettledFileEnumerator enumerator =
                new SettledFileEnumerator(new NonSplittingRecursiveEnumerator(), settle, waitForSettling);
        return enumerator.enumerateSplits(new Path[] {new Path(root.toUri())}, 1);
    }

    private static List<String> names(Collection<FileSourceSplit> splits) {
        return splits.stream().map(split -> split.path().getName()).sorted().toList();
    }

    @Test
    void fileModifiedWithinTheSettleTimeIsHeldBackUntilItIsOldEnough() throws IOException {
        long now = System.currentTimeMillis();
        file("suite/old.csv", now - 60_000);
        java.nio.file.Path fresh = file("suite/fresh.csv", now - 1_000);

        long before = System.currentTimeMillis();
        Collection<FileSourceSplit> first = enumerate(Duration.ofSeconds(10), false);
        long took = System.currentTimeMillis() - before;

        assertEquals(List.of("old.csv"), names(first));
        assertTrue(took < 5_000, "continuous mode must not wait for files to settle; took " + took + " ms");

        Files.setLastModifiedTime(fresh, FileTime.fromMillis(System.currentTimeMillis() - 11_000));
        Collection<FileSourceSplit> second = enumerate(Duration.ofSeconds(10), false);

        assertEquals(List.of("fresh.csv", "old.csv"), names(second));
    }

    @Test
    void fileStillBeingWrittenKeepsBeingHeldBack() throws IOException {
        java.nio.file.Path growing = file("suite/growing.csv", System.currentTimeMillis() - 9_000);
        assertEquals(List.of(), names(enumerate(Duration.ofSeconds(10), false)));

        // Written to again: its modification time moves, so it has to settle again.
        Files.writeString(growing, "model,score\nx,1\ny,2\n");
        Files.setLastModifiedTime(growing, FileTime.fromMillis(System.currentTimeMillis()));

        assertEquals(List.of(), names(enumerate(Duration.ofSeconds(10), false)));
    }

    @Test
    void settledFilesAreOfferedWithTheirSizeAndModificationTime() throws IOException {
        long modified = System.currentTimeMillis() - 120_000;
        java.nio.file.Path file = file("suite/deep/er/a.csv", modified);

        List<FileSourceSplit> splits = List.copyOf(enumerate(Duration.ofSeconds(10), false));

        assertEquals(1, splits.size());
        assertEquals(Files.size(file), splits.get(0).fileSize());
        assertEquals(Files.getLastModifiedTime(file).toMillis(), splits.get(0).fileModificationTime());
    }

    @Test
    void waitForSettlingModeWaitsForFreshFilesAndReturnsThemAll() throws IOException {
        long settle = 400;
        long before = System.currentTimeMillis();
        file("suite/old.csv", before - 60_000);
        java.nio.file.Path fresh = file("suite/fresh.csv", before - 100);
        long settlesAt = Files.getLastModifiedTime(fresh).toMillis() + settle;

        Collection<FileSourceSplit> splits = enumerate(Duration.ofMillis(settle), true);
        long returnedAt = System.currentTimeMillis();

        assertEquals(List.of("fresh.csv", "old.csv"), names(splits));
        assertTrue(returnedAt >= settlesAt,
                "returned " + (settlesAt - returnedAt) + " ms before the fresh file had settled");
        assertTrue(returnedAt - before < 5_000, "waited " + (returnedAt - before) + " ms for a 400 ms settle time");
    }

    @Test
    void waitForSettlingModeDoesNotWaitWhenEverythingHasSettled() throws IOException {
        long now = System.currentTimeMillis();
        file("suite/a.csv", now - 60_000);
        file("other/b.csv", now - 60_000);

        long before = System.currentTimeMillis();
        Collection<FileSourceSplit> splits = enumerate(Duration.ofSeconds(10), true);
        long took = System.currentTimeMillis() - before;

        assertEquals(List.of("a.csv", "b.csv"), names(splits));
        assertTrue(took < 5_000, "took " + took + " ms with nothing to wait for");
    }

    @Test
    void waitForSettlingModeGivesUpWaitingAndStillReturnsEveryFile() throws IOException {
        long now = System.currentTimeMillis();
        file("suite/a.csv", now - 60_000);
        file("suite/future.csv", now + 3_600_000); // never settles during the run

        long before = System.currentTimeMillis();
        Collection<FileSourceSplit> splits = enumerate(Duration.ofMillis(50), true);
        long took = System.currentTimeMillis() - before;

        assertEquals(List.of("a.csv", "future.csv"), names(splits));
        assertTrue(took < 5_000, "a bounded run must not wait for ever; took " + took + " ms");
    }
}
