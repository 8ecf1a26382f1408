package io.chimera.telemetry.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactSplitEnumeratorTest {

    private static final Duration SETTLE = Duration.ofSeconds(1);

    @TempDir
    java.nio.file.Path root;

    private long landedAt = System.currentTimeMillis() - 3_600_000L;

    /** Lands a settled file, each a second after the one before. */
    private void land(String relative) throws IOException {
        java.nio.file.Path path = root.resolve(relative);
        Files.createDirectories(path.getParent());
        Files.writeString(path, "model,score\nx,1\n");
        landedAt += 1_000;
        Files.setLastModifiedTime(path, FileTime.fromMillis(landedAt));
    }

    private ArtifactSplitEnumerator enumerator(
            MockSplitEnumeratorContext<FileBatchSplit> context, DiscoverySettings settings, DiscoveryState state) {
        return new ArtifactSplitEnumerator(context, List.of(new Path(root.toUri())), settings, state);
    }

    /** A new enumerator, started: its listing is queued on the context, not yet run. */
    private ArtifactSplitEnumerator started(
            MockSplitEnumeratorContext<FileBatchSplit> context, DiscoverySettings settings) {
        ArtifactSplitEnumerator enumerator = enumerator(context, settings, DiscoveryState.empty());
        enumerator.start();
        return enumerator;
    }

    private static MockSplitEnumeratorContext<FileBatchSplit> context(int readers) {
        MockSplitEnumeratorContext<FileBatchSplit> context = new MockSplitEnumeratorContext<>(readers);
        for (int i = 0; i < readers; i++) {
            context.registerReader(new ReaderInfo(i, "localhost"));
        }
        return context;
    }

    private static DiscoverySettings continuous(Duration lookback) {
        return DiscoverySettings.continuous(Duration.ofSeconds(1), SETTLE, lookback);
    }

    /** File names of every split assigned so far, in assignment order. */
    private static List<String> assigned(MockSplitEnumeratorContext<FileBatchSplit> context) {
        List<String> names = new ArrayList<>();
        for (SplitsAssignment<FileBatchSplit> assignment : context.getSplitsAssignmentSequence()) {
            assignment
                    .assignment()
                    .values()
                    .forEach(splits -> splits.forEach(split -> split.files()
                            .forEach(file -> names.add(file.flinkPath().getName()))));
        }
        return names;
    }

    /**
     * Runs a bounded run's listing, then waits until the coordinator thread has taken in all it found: the mock
     * runs that thread apart from the test's.
     */
    private static void listOnce(MockSplitEnumeratorContext<FileBatchSplit> context) throws Throwable {
        context.runNextOneTimeCallable();
        java.util.concurrent.CountDownLatch drained = new java.util.concurrent.CountDownLatch(1);
        context.runInCoordinatorThread(drained::countDown);
        drained.await();
    }

    private static List<FileBatchSplit> splitsOf(MockSplitEnumeratorContext<FileBatchSplit> context, int reader) {
        List<FileBatchSplit> splits = new ArrayList<>();
        for (SplitsAssignment<FileBatchSplit> assignment : context.getSplitsAssignmentSequence()) {
            splits.addAll(assignment.assignment().getOrDefault(reader, List.of()));
        }
        return splits;
    }

    @Test
    void boundedRunHandsOutEveryFileOnceThenSaysNoMore() throws Throwable {
        for (int i = 0; i < 10; i++) {
            land("suite/run-" + i + "/r.csv");
        }
        try (var context = context(2)) {
            ArtifactSplitEnumerator enumerator = started(context, DiscoverySettings.bounded(SETTLE));
            enumerator.handleSplitRequest(0, "localhost");
            enumerator.handleSplitRequest(1, "localhost");
            assertTrue(context.getSplitsAssignmentSequence().isEmpty(), "nothing before the listing is in");

            listOnce(context);
            while (!context.hasNoMoreSplits(0) || !context.hasNoMoreSplits(1)) {
                enumerator.handleSplitRequest(0, "localhost");
                enumerator.handleSplitRequest(1, "localhost");
            }

            List<String> files = new ArrayList<>();
            for (SplitsAssignment<FileBatchSplit> a : context.getSplitsAssignmentSequence()) {
                a.assignment()
                        .values()
                        .forEach(s -> s.forEach(split -> split.files()
                                .forEach(f -> files.add(f.path().replaceAll(".*/(run-\\d+)/r.csv", "$1")))));
            }
            files.sort(null);
            assertEquals(
                    List.of("run-0", "run-1", "run-2", "run-3", "run-4", "run-5", "run-6", "run-7", "run-8", "run-9"),
                    files);
            assertFalse(splitsOf(context, 0).isEmpty(), "both readers get work");
            assertFalse(splitsOf(context, 1).isEmpty(), "both readers get work");
        }
    }

    @Test
    void boundedRunHandsOutWhatItFoundWhileItsWalkGoesOn() throws Throwable {
        for (int i = 0; i < 2_500; i++) {
            land("suite/run-" + (i / 10) + "/r" + i + ".csv");
        }
        java.util.concurrent.atomic.AtomicInteger handoffs = new java.util.concurrent.atomic.AtomicInteger();
        try (var context = new MockSplitEnumeratorContext<FileBatchSplit>(2) {
            @Override
            public void runInCoordinatorThread(Runnable runnable) {
                handoffs.incrementAndGet();
                super.runInCoordinatorThread(runnable);
            }
        }) {
            context.registerReader(new ReaderInfo(0, "localhost"));
            context.registerReader(new ReaderInfo(1, "localhost"));
            ArtifactSplitEnumerator enumerator = started(context, DiscoverySettings.bounded(SETTLE));
            enumerator.handleSplitRequest(0, "localhost");
            enumerator.handleSplitRequest(1, "localhost");

            listOnce(context);
            while (!context.hasNoMoreSplits(0) || !context.hasNoMoreSplits(1)) {
                enumerator.handleSplitRequest(0, "localhost");
                enumerator.handleSplitRequest(1, "localhost");
            }

            List<String> files = assigned(context);
            assertEquals(2_500, files.size());
            assertEquals(2_500, new java.util.HashSet<>(files).size(), "each file once");
            int walkHandoffs = handoffs.get() - 1; // listOnce's own wait is one
            assertTrue(walkHandoffs >= 3, "2,500 files handed to the coordinator in " + walkHandoffs + " parts");
        }
    }

    @Test
    void aBoundedRunWaitingForOneFileHandsOutTheOthersOnce() throws Throwable {
        land("suite/a.csv");
        land("suite/b.csv");
        java.nio.file.Path fresh = root.resolve("suite/fresh.csv");
        Files.writeString(fresh, "model,score\nx,1\n");
        try (var context = context(1)) {
            ArtifactSplitEnumerator enumerator = started(context, DiscoverySettings.bounded(Duration.ofMillis(300)));
            enumerator.handleSplitRequest(0, "localhost");

            listOnce(context);
            while (!context.hasNoMoreSplits(0)) {
                enumerator.handleSplitRequest(0, "localhost");
            }

            List<String> files = assigned(context);
            files.sort(null);
            assertEquals(List.of("a.csv", "b.csv", "fresh.csv"), files);
        }
    }

    @Test
    void filesTheUsersGlobsLeaveOutAreNeverHandedOut() throws Throwable {
        land("suite/run-1/r.csv");
        land("suite/run-1/stdout.txt");
        land("suite/scratch/r.csv");
        try (var context = context(1)) {
            ArtifactSplitEnumerator enumerator = started(
                    context,
                    DiscoverySettings.bounded(SETTLE)
                            .withSelection(new FileSelection(List.of("*.csv"), List.of("*/scratch/**"))));
            listOnce(context);
            while (!context.hasNoMoreSplits(0)) {
                enumerator.handleSplitRequest(0, "localhost");
            }

            List<String> files = new ArrayList<>();
            for (SplitsAssignment<FileBatchSplit> a : context.getSplitsAssignmentSequence()) {
                a.assignment()
                        .values()
                        .forEach(s -> s.forEach(split ->
                                split.files().forEach(f -> files.add(f.path().replaceAll(".*/(suite/.*)", "$1")))));
            }
            assertEquals(List.of("suite/run-1/r.csv"), files);
        }
    }

    @Test
    void smallFilesTravelManyToASplitAndBatchesShrinkWithTheBacklog() throws Throwable {
        for (int i = 0; i < 2_000; i++) {
            land("suite/r" + i + ".csv");
        }
        try (var context = context(2)) {
            ArtifactSplitEnumerator enumerator = started(context, DiscoverySettings.bounded(SETTLE));
            listOnce(context);
            List<Integer> sizes = new ArrayList<>();
            while (!context.hasNoMoreSplits(0)) {
                int before = context.getSplitsAssignmentSequence().size();
                enumerator.handleSplitRequest(0, "localhost");
                if (context.getSplitsAssignmentSequence().size() > before) {
                    sizes.add(context.getSplitsAssignmentSequence()
                            .get(before)
                            .assignment()
                            .get(0)
                            .get(0)
                            .files()
                            .size());
                }
            }

            assertEquals(2_000, sizes.stream().mapToInt(Integer::intValue).sum());
            assertEquals(DiscoverySettings.DEFAULT_MAX_FILES_PER_SPLIT, sizes.get(0), "a full batch first");
            assertEquals(1, sizes.get(sizes.size() - 1), "the last batches are small, so no reader idles long");
            assertTrue(sizes.size() < 100, sizes.size() + " split requests for 2,000 files");
        }
    }

    @Test
    void continuousModeTakesNewFilesAsTheyLandAndNeverRepeatsOne() throws Throwable {
        land("suite/a.csv");
        try (var context = context(1)) {
            ArtifactSplitEnumerator enumerator = started(context, continuous(Duration.ofHours(1)));
            enumerator.handleSplitRequest(0, "localhost");
            context.runPeriodicCallable(0);
            assertEquals(List.of("a.csv"), assigned(context));

            enumerator.handleSplitRequest(0, "localhost");
            context.runPeriodicCallable(0);
            assertEquals(List.of("a.csv"), assigned(context), "a reader waits while nothing new lands");

            land("suite/b.csv");
            context.runPeriodicCallable(0);
            context.runPeriodicCallable(0);
            assertEquals(List.of("a.csv", "b.csv"), assigned(context));
            assertFalse(context.hasNoMoreSplits(0), "a continuous source never ends");
        }
    }

    @Test
    void aFileCopiedInWithATimeOlderThanTheLookbackIsTakenOnce() throws Throwable {
        land("suite/a.csv");
        // No settle time: the copy's change time is now, and nothing waits in this test.
        DiscoverySettings settings =
                DiscoverySettings.continuous(Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(1));
        try (var context = context(1)) {
            ArtifactSplitEnumerator enumerator = started(context, settings);
            enumerator.handleSplitRequest(0, "localhost");
            context.runPeriodicCallable(0);
            assertEquals(List.of("a.csv"), assigned(context));

            // cp -p: a day older than the file taken, far behind the horizon; its change time is the copy's.
            java.nio.file.Path copy = root.resolve("suite/history/copied.csv");
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, "model,score\nx,1\n");
            Files.setLastModifiedTime(copy, FileTime.fromMillis(landedAt - 86_400_000L));
            DiscoveryState checkpoint = enumerator.snapshotState(1);
            enumerator.handleSplitRequest(0, "localhost");
            context.runPeriodicCallable(0);
            enumerator.handleSplitRequest(0, "localhost");
            context.runPeriodicCallable(0);

            assertEquals(List.of("a.csv", "copied.csv"), assigned(context));

            // Restored from before the copy was taken, the source takes it (once) too.
            try (var again = context(1)) {
                ArtifactSplitEnumerator restored = enumerator(again, settings, checkpoint);
                restored.start();
                for (int i = 0; i < 3; i++) {
                    restored.handleSplitRequest(0, "localhost");
                    again.runPeriodicCallable(0);
                }
                assertEquals(List.of("copied.csv"), assigned(again));
            }
        }
    }

    /** Sets the folders' times back, as a farm's are between landings: listings then leave them unread. */
    private void ageFolders() throws IOException {
        try (var all = Files.walk(root)) {
            for (java.nio.file.Path folder : all.filter(Files::isDirectory).toList()) {
                Files.setLastModifiedTime(folder, FileTime.fromMillis(landedAt - 7_200_000L));
            }
        }
    }

    @Test
    void foldersWhoseTimeHasNotMovedAreNotReadAgainYetEveryLandingIsTaken() throws Throwable {
        for (int i = 0; i < 20; i++) {
            land("suite/run-" + i + "/r.csv");
        }
        ageFolders();
        try (var context = context(1)) {
            ArtifactSplitEnumerator enumerator = started(context, continuous(Duration.ofHours(1)));
            context.runPeriodicCallable(0);
            while (assigned(context).size() < 20) {
                enumerator.handleSplitRequest(0, "localhost");
            }

            land("suite/run-7/late.csv");
            land("suite/run-20/r2.csv");
            for (int i = 0; i < 3; i++) {
                enumerator.handleSplitRequest(0, "localhost");
                context.runPeriodicCallable(0);
            }

            List<String> assigned = assigned(context);
            assertEquals(List.of("late.csv", "r2.csv"), assigned.subList(20, assigned.size()));
            assertTrue(
                    enumerator.listedFolders().lastSkipped() >= 19,
                    "the root and the runs nothing landed in: "
                            + enumerator.listedFolders().lastSkipped());
        }
    }

    @Test
    void aFileStillBeingWrittenInAFolderThatIsNotReadAgainIsTakenOnceSettled() throws Throwable {
        land("suite/first.csv");
        java.nio.file.Path growing = root.resolve("suite/growing.csv");
        Files.createDirectories(growing.getParent());
        Files.writeString(growing, "model,score\nx,1\n");
        ageFolders();
        try (var context = context(1)) {
            ArtifactSplitEnumerator enumerator = started(
                    context,
                    DiscoverySettings.continuous(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofHours(1)));
            enumerator.handleSplitRequest(0, "localhost");
            context.runPeriodicCallable(0);
            assertEquals(List.of("first.csv"), assigned(context));
            // The first listing, without a horizon, remembers nothing; the second reads every folder again, the
            // arrival floor having been set after the first.
            enumerator.handleSplitRequest(0, "localhost");
            context.runPeriodicCallable(0);
            context.runPeriodicCallable(0);
            assertEquals(List.of("first.csv"), assigned(context));

            // Written on where it is: its folder's time stays as it was.
            Files.writeString(growing, "model,score\nx,1\ny,2\n");
            Files.setLastModifiedTime(growing, FileTime.fromMillis(System.currentTimeMillis() - 11_000));
            context.runPeriodicCallable(0);

            assertEquals(List.of("first.csv", "growing.csv"), assigned(context));
            assertEquals(0, enumerator.listedFolders().lastRead(), "no folder's time moved");
        }
    }

    @Test
    void fileStillBeingWrittenIsTakenOnlyOnceItHasSettled() throws Throwable {
        java.nio.file.Path growing = root.resolve("suite/growing.csv");
        Files.createDirectories(growing.getParent());
        Files.writeString(growing, "model,score\nx,1\n");
        try (var context = context(1)) {
            ArtifactSplitEnumerator enumerator = started(
                    context,
                    DiscoverySettings.continuous(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofHours(1)));
            enumerator.handleSplitRequest(0, "localhost");
            context.runPeriodicCallable(0);
            assertEquals(List.of(), assigned(context));

            Files.setLastModifiedTime(growing, FileTime.fromMillis(System.currentTimeMillis() - 11_000));
            context.runPeriodicCallable(0);
            assertEquals(List.of("growing.csv"), assigned(context));
        }
    }

    @Test
    void restoredEnumeratorNeitherRepeatsNorSkipsAFile() throws Throwable {
        land("suite/a.csv");
        land("suite/b.csv");
        DiscoveryState checkpoint;
        try (var context = context(1)) {
            ArtifactSplitEnumerator enumerator = started(context, continuous(Duration.ofHours(1)));
            context.runPeriodicCallable(0);
            // Found but not yet asked for: not in the checkpoint, so a restored enumerator must find them again.
            checkpoint = new SourceSerializers.State()
                    .deserialize(
                            new SourceSerializers.State().getVersion(),
                            new SourceSerializers.State().serialize(enumerator.snapshotState(1)));
        }
        land("suite/c.csv");
        try (var context = context(1)) {
            ArtifactSplitEnumerator restored = enumerator(context, continuous(Duration.ofHours(1)), checkpoint);
            restored.start();
            context.runPeriodicCallable(0);
            for (int i = 0; i < 4; i++) {
                restored.handleSplitRequest(0, "localhost");
            }

            assertEquals(List.of("a.csv", "b.csv", "c.csv"), assigned(context));
        }
    }

    @Test
    void filesOfAFailedReadersSplitsAreHandedOutAgainFirst() throws Throwable {
        land("suite/a.csv");
        land("suite/b.csv");
        try (var context = context(2)) {
            ArtifactSplitEnumerator enumerator = started(context, DiscoverySettings.bounded(SETTLE));
            listOnce(context);
            enumerator.handleSplitRequest(0, "localhost");
            FileBatchSplit lost = splitsOf(context, 0).get(0);

            enumerator.addSplitsBack(List.of(lost), 0);
            enumerator.handleSplitRequest(1, "localhost");

            assertEquals(lost.files(), splitsOf(context, 1).get(0).files());
        }
    }

    @Test
    void filesOfAFailedReaderAreInTheCheckpointUntilHandedOutAgain() throws Throwable {
        land("suite/a.csv");
        land("suite/b.csv");
        DiscoveryState checkpoint;
        try (var context = context(1)) {
            ArtifactSplitEnumerator enumerator = started(context, continuous(Duration.ofHours(1)));
            context.runPeriodicCallable(0);
            while (assigned(context).size() < 2) {
                enumerator.handleSplitRequest(0, "localhost");
            }
            enumerator.addSplitsBack(splitsOf(context, 0), 0);
            checkpoint = enumerator.snapshotState(1);
        }
        assertEquals(2, checkpoint.returned().size(), "marked as handed out, so the checkpoint must hold them");
        try (var context = context(1)) {
            ArtifactSplitEnumerator restored = enumerator(context, continuous(Duration.ofHours(1)), checkpoint);
            restored.start();
            context.runPeriodicCallable(0);
            while (assigned(context).size() < 2) {
                restored.handleSplitRequest(0, "localhost");
            }
            context.runPeriodicCallable(0);
            restored.handleSplitRequest(0, "localhost");

            assertEquals(List.of("a.csv", "b.csv"), assigned(context), "each once");
        }
    }

    @Test
    void aListingThatComesBackWhileABacklogWaitsIsDropped() throws Throwable {
        for (int i = 0; i < 10; i++) {
            land("suite/r" + i + ".csv");
        }
        try (var context = context(1)) {
            ArtifactSplitEnumerator enumerator = started(context, continuous(Duration.ofHours(1)));
            ArtifactListing.Listing listing =
                    ArtifactListing.listing(List.of(new Path(root.toUri())), Long.MIN_VALUE, Long.MIN_VALUE);
            enumerator.tookListing(listing, null);
            enumerator.handleSplitRequest(0, "localhost");
            // A second listing, started before the first was taken in, comes back while most files still wait.
            enumerator.tookListing(listing, null);
            while (!context.getSplitsAssignmentSequence().isEmpty()
                    && assigned(context).size() < 10) {
                enumerator.handleSplitRequest(0, "localhost");
            }
            for (int i = 0; i < 5; i++) {
                enumerator.handleSplitRequest(0, "localhost");
            }

            assertEquals(10, assigned(context).size(), "each file once: " + assigned(context));
            assertEquals(10, new java.util.HashSet<>(assigned(context)).size());
        }
    }

    @Test
    void aFileAppendedToDuringASlowListingIsNotTakenHalfWritten() throws Throwable {
        java.nio.file.Path growing = root.resolve("suite/growing.csv");
        Files.createDirectories(growing.getParent());
        Files.writeString(growing, "model,score\nx,1\n");
        try (var context = context(1)) {
            ArtifactSplitEnumerator enumerator = started(context, continuous(Duration.ofHours(1)));
            enumerator.handleSplitRequest(0, "localhost");
            ArtifactListing.Listing listing =
                    ArtifactListing.listing(List.of(new Path(root.toUri())), Long.MIN_VALUE, Long.MIN_VALUE);
            // The walk took longer than the settle time, and the file was written to meanwhile.
            Thread.sleep(SETTLE.toMillis() + 300);
            Files.writeString(growing, "y,2\n", java.nio.file.StandardOpenOption.APPEND);
            enumerator.tookListing(listing, null);

            assertEquals(List.of(), assigned(context), "its time, as listed, was within the settle time of the walk");
        }
    }

    @Test
    void noListingWhileABacklogWaits() throws Throwable {
        for (int i = 0; i < 10; i++) {
            land("suite/r" + i + ".csv");
        }
        try (var context = context(1)) {
            ArtifactSplitEnumerator enumerator = started(context, continuous(Duration.ofHours(1)));
            context.runPeriodicCallable(0);
            enumerator.handleSplitRequest(0, "localhost");
            land("suite/late.csv");
            context.runPeriodicCallable(0);
            while (assigned(context).size() < 10) {
                enumerator.handleSplitRequest(0, "localhost");
            }
            assertFalse(assigned(context).contains("late.csv"), "listed only once the backlog is out");

            context.runPeriodicCallable(0);
            enumerator.handleSplitRequest(0, "localhost");
            assertEquals("late.csv", assigned(context).get(10));
        }
    }

    @Test
    void checkpointStaysSmallAsTheFarmsHistoryGrows() throws Throwable {
        try (var context = context(1)) {
            // This history is written in an instant, so every file's change time is now: with no settle time and no
            // arrival margin, the arrivals remembered are the files changed since the last listing began, as the
            // files of the last seconds are for a real farm.
            ArtifactSplitEnumerator enumerator = started(
                    context,
                    DiscoverySettings.continuous(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(30))
                            .withArrivalMargin(Duration.ZERO));
            List<Integer> sizes = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < 100; i++) {
                    land("suite/round-" + round + "/r" + i + ".csv");
                }
                context.runPeriodicCallable(0);
                while (assigned(context).size() < 100 * (round + 1)) {
                    enumerator.handleSplitRequest(0, "localhost");
                }
                sizes.add(new SourceSerializers.State().serialize(enumerator.snapshotState(round)).length);
            }

            assertEquals(1_000, assigned(context).size());
            // Files land a second apart: the 30 s lookback keeps about 31 paths, whatever the history.
            assertTrue(
                    enumerator.snapshotState(99).recent().size() <= 31,
                    "tracked " + enumerator.snapshotState(99).recent().size());
            // A round's files changed at the very start of the listing that took them stay arrivals until the next.
            assertTrue(
                    enumerator.snapshotState(99).arrivals().size() <= 100,
                    "arrivals " + enumerator.snapshotState(99).arrivals().size());
            // Flat: whether a round's 100 files are still arrivals at its checkpoint depends on when the listing
            // began against their change times (up to about 2.7 KB of paths), but a state that grew with the history
            // would hold ten times the first round's paths by the last.
            assertTrue(
                    java.util.Collections.max(sizes) < 3 * java.util.Collections.min(sizes),
                    "checkpoint bytes flat while the history grows tenfold: " + sizes);
        }
    }

    @Test
    void boundedRunWaitsForAFileStillSettlingButNotForEver() throws Throwable {
        land("suite/old.csv");
        java.nio.file.Path fresh = root.resolve("suite/fresh.csv");
        Files.writeString(fresh, "model,score\nx,1\n");
        java.nio.file.Path future = root.resolve("suite/future.csv");
        Files.writeString(future, "model,score\nx,1\n");
        Files.setLastModifiedTime(future, FileTime.fromMillis(System.currentTimeMillis() + 3_600_000L));
        long settlesAt = Files.getLastModifiedTime(fresh).toMillis() + 400;
        try (var context = context(1)) {
            ArtifactSplitEnumerator enumerator = started(context, DiscoverySettings.bounded(Duration.ofMillis(400)));
            enumerator.handleSplitRequest(0, "localhost");
            long before = System.currentTimeMillis();
            listOnce(context);
            long listedAt = System.currentTimeMillis();
            while (!context.hasNoMoreSplits(0)) {
                enumerator.handleSplitRequest(0, "localhost");
            }

            assertEquals(List.of("old.csv", "fresh.csv", "future.csv"), assigned(context));
            assertTrue(listedAt >= settlesAt, "listed " + (settlesAt - listedAt) + " ms before fresh.csv settled");
            assertTrue(
                    listedAt - before < 10_000,
                    "a file that never settles must not hold a bounded run for ever; " + "waited " + (listedAt - before)
                            + " ms");
        }
    }
}
