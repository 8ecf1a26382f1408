package io.chimera.telemetry.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listings that remember the folders they read find what a listing of every folder finds, as long as files land the
 * way writers land them (created, copied, renamed into place, removed), while reading only the folders whose time
 * moved.
 */
class ListedFoldersTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration MARGIN = Duration.ofSeconds(2);
    /** Long before any listing: a folder last modified then is trusted. */
    private static final long OLD =
            System.currentTimeMillis() - Duration.ofHours(2).toMillis();

    @TempDir
    java.nio.file.Path root;

    private List<String> listed(long modifiedSince, long changedSince, ListedFolders memory) throws IOException {
        return ArtifactListing.listing(
                        List.of(new Path(root.toUri())), modifiedSince, changedSince, FileSelection.ALL, memory)
                .files()
                .stream()
                .map(file ->
                        root.relativize(java.nio.file.Path.of(file.flinkPath().toUri())) + " " + file.modifiedTime()
                                + " " + file.size())
                .sorted()
                .toList();
    }

    private List<String> everyFolder(long modifiedSince, long changedSince) throws IOException {
        return listed(modifiedSince, changedSince, null);
    }

    private java.nio.file.Path write(String relative, long modified) throws IOException {
        java.nio.file.Path path = root.resolve(relative);
        Files.createDirectories(path.getParent());
        Files.writeString(path, "model,score\nx,1\n");
        Files.setLastModifiedTime(path, FileTime.fromMillis(modified));
        return path;
    }

    /** Sets every folder's time long back, as a farm's folders are between landings. */
    private void ageFolders() throws IOException {
        try (Stream<java.nio.file.Path> all = Files.walk(root)) {
            for (java.nio.file.Path folder : all.filter(Files::isDirectory).toList()) {
                Files.setLastModifiedTime(folder, FileTime.fromMillis(OLD));
            }
        }
    }

    private void farm(int runs) throws IOException {
        for (int run = 0; run < runs; run++) {
            write("suite/run_" + run + "/results.csv", OLD - run);
            write("suite/run_" + run + "/notes.md", OLD - run);
        }
        ageFolders();
    }

    @Test
    void aListingAfterTheFirstReadsOnlyTheFoldersWhoseTimeMovedAndFindsWhatLandedThere() throws IOException {
        farm(40);
        ListedFolders memory = new ListedFolders(DAY, MARGIN);
        long since = OLD + 1;

        assertEquals(List.of(), listed(since, Long.MAX_VALUE, memory));
        assertEquals(42, memory.lastRead(), "the root, suite and 40 runs: every folder is read the first time");

        long now = System.currentTimeMillis();
        write("suite/run_7/late.csv", now);
        write("suite/run_40/results.csv", now);

        List<String> listed = listed(since, Long.MAX_VALUE, memory);
        assertEquals(everyFolder(since, Long.MAX_VALUE), listed);
        assertEquals(2, listed.size(), listed.toString());
        assertEquals(3, memory.lastRead(), "suite (a new run in it), run_7 and the new run_40");
        assertEquals(40, memory.lastSkipped(), "the root and the 39 other runs");
    }

    @Test
    void aFileFoundLastTimeIsLookedAtAgainSoOneStillBeingWrittenIsSeenChanging() throws IOException {
        farm(5);
        ListedFolders memory = new ListedFolders(DAY, MARGIN);
        long since = OLD + 1;
        listed(since, Long.MAX_VALUE, memory);
        long now = System.currentTimeMillis();
        java.nio.file.Path growing = write("suite/run_2/log.md", now - 60_000);
        // Long ago, but not the time it was read at: a folder set back to that very time would look unchanged.
        Files.setLastModifiedTime(root.resolve("suite/run_2"), FileTime.fromMillis(OLD + 5));
        assertEquals(List.of("suite/run_2/log.md " + (now - 60_000) + " 16"), listed(since, Long.MAX_VALUE, memory));

        // Appended to where it is: the folder's time does not move, the file's does.
        Files.writeString(growing, "model,score\nx,1\ny,2\n");
        Files.setLastModifiedTime(growing, FileTime.fromMillis(now));

        assertEquals(List.of("suite/run_2/log.md " + now + " 20"), listed(since, Long.MAX_VALUE, memory));
        assertEquals(0, memory.lastRead(), "no folder's time moved");
    }

    @Test
    void aFolderModifiedJustBeforeItWasReadIsReadAgainWhateverItsTimeSays() throws IOException {
        farm(3);
        ListedFolders memory = new ListedFolders(DAY, MARGIN);
        long since = OLD + 1;
        java.nio.file.Path run = root.resolve("suite/run_1");
        FileTime recent = FileTime.fromMillis(System.currentTimeMillis() - 500);
        Files.setLastModifiedTime(run, recent);
        listed(since, Long.MAX_VALUE, memory);

        // A file system with coarse times gives a file landing just after the read the time the folder had.
        write("suite/run_1/late.csv", System.currentTimeMillis());
        Files.setLastModifiedTime(run, recent);

        assertEquals(everyFolder(since, Long.MAX_VALUE), listed(since, Long.MAX_VALUE, memory));
        assertEquals(1, listed(since, Long.MAX_VALUE, memory).size());
    }

    @Test
    void aFileRewrittenInPlaceIsFoundOnlyByAFullListing() throws IOException {
        farm(3);
        long since = OLD + 1;
        ListedFolders remembering = new ListedFolders(DAY, MARGIN);
        ListedFolders fullEveryTime = new ListedFolders(Duration.ZERO, MARGIN);
        listed(since, Long.MAX_VALUE, remembering);
        listed(since, Long.MAX_VALUE, fullEveryTime);

        java.nio.file.Path old = root.resolve("suite/run_0/results.csv");
        Files.writeString(old, "model,score\nx,2\n");
        Files.setLastModifiedTime(old, FileTime.fromMillis(System.currentTimeMillis()));

        assertEquals(List.of(), listed(since, Long.MAX_VALUE, remembering), "its folder's time did not move");
        assertEquals(everyFolder(since, Long.MAX_VALUE), listed(since, Long.MAX_VALUE, fullEveryTime));
        assertEquals(1, everyFolder(since, Long.MAX_VALUE).size());
    }

    @Test
    void aLowerThresholdThanTheRememberedListingsReadsEveryFolder() throws IOException {
        farm(4);
        ListedFolders memory = new ListedFolders(DAY, MARGIN);
        listed(OLD + 1, Long.MAX_VALUE, memory);

        List<String> listed = listed(Long.MIN_VALUE, Long.MAX_VALUE, memory);

        assertEquals(8, listed.size(), "files left out by the first listing's threshold: " + listed);
        assertEquals(6, memory.lastRead());
    }

    @Test
    void aListingWithoutAHorizonRemembersNothingSinceItKeepsEveryFile() throws IOException {
        farm(4);
        ListedFolders memory = new ListedFolders(DAY, MARGIN);

        listed(Long.MIN_VALUE, Long.MAX_VALUE, memory);
        assertEquals(0, memory.size());

        listed(OLD + 1, Long.MAX_VALUE, memory);
        listed(OLD + 1, Long.MAX_VALUE, memory);
        assertEquals(6, memory.lastSkipped(), "remembered from the first listing with a horizon on");
    }

    @Test
    void aFarmOfMoreFoldersThanTheLimitIsReadInFullAtEveryListing() throws IOException {
        farm(10);
        ListedFolders memory = new ListedFolders(DAY, MARGIN, 8);
        listed(OLD + 1, Long.MAX_VALUE, memory);
        write("suite/run_3/late.csv", System.currentTimeMillis());

        List<String> listed = listed(OLD + 1, Long.MAX_VALUE, memory);

        assertEquals(everyFolder(OLD + 1, Long.MAX_VALUE), listed);
        assertEquals(1, listed.size());
        assertEquals(12, memory.lastRead(), "every folder");
        assertEquals(0, memory.size());
    }

    @Test
    void aFolderWithAnEntryThatCannotBeReadIsReadAgainSoTheEntryIsNamedAtEveryListing() throws Exception {
        farm(3);
        java.nio.file.Path deep = TooDeepFolders.create(root.resolve("suite"), "deep", OLD / 1000);
        Files.setLastModifiedTime(root.resolve("suite"), FileTime.fromMillis(OLD));
        ListedFolders memory = new ListedFolders(DAY, MARGIN);
        try {
            for (int listing = 0; listing < 3; listing++) {
                ArtifactListing.Listing listed = ArtifactListing.listing(
                        List.of(new Path(root.toUri())), OLD + 1, Long.MAX_VALUE, FileSelection.ALL, memory);

                assertEquals(1, listed.unreadable().size(), "listing " + listing + ": " + listed.unreadable());
            }
            assertTrue(memory.lastSkipped() > 0, "the folders that were read whole are not read again");
        } finally {
            TooDeepFolders.remove(deep);
        }
    }

    @Test
    void removedFoldersAreForgotten() throws IOException {
        farm(6);
        ListedFolders memory = new ListedFolders(DAY, MARGIN);
        listed(OLD + 1, Long.MAX_VALUE, memory);
        assertEquals(8, memory.size());

        java.nio.file.Path gone = root.resolve("suite/run_3");
        try (Stream<java.nio.file.Path> files = Files.walk(gone)) {
            for (java.nio.file.Path path :
                    files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        listed(OLD + 1, Long.MAX_VALUE, memory);

        assertEquals(7, memory.size());
    }

    /**
     * Rounds of landings as writers make them, each followed by a listing that remembers and one that reads every
     * folder: they agree every time, thresholds rising as an enumerator's do, while most folders go unread.
     */
    @Test
    void landingsOfEveryKindAreFoundAsAListingOfEveryFolderFindsThem() throws IOException {
        Random random = new Random(20);
        farm(30);
        java.nio.file.Path staging = Files.createTempDirectory("staging");
        ListedFolders memory = new ListedFolders(DAY, MARGIN);
        long modifiedSince = OLD - 10;
        long changedSince = Long.MAX_VALUE;
        assertEquals(everyFolder(modifiedSince, changedSince), listed(modifiedSince, changedSince, memory));
        long skipped = 0;
        int next = 0;
        for (int round = 0; round < 30; round++) {
            long now = System.currentTimeMillis();
            for (int landing = 0; landing < 3; landing++) {
                String run = "suite/run_" + random.nextInt(34) + "/";
                switch (random.nextInt(6)) {
                    case 0 -> write(run + "new_" + next++ + ".csv", now);
                    case 1 -> {
                        // Written under a hidden name, renamed into place.
                        java.nio.file.Path hidden = write(run + ".part_" + next + ".json", now);
                        Files.move(hidden, hidden.resolveSibling("part_" + next++ + ".json"));
                    }
                    case 2 -> {
                        // Copied in with an old time kept (its change time is now).
                        java.nio.file.Path copy = staging.resolve("copy_" + next + ".csv");
                        Files.writeString(copy, "model,score\nx,3\n");
                        Files.setLastModifiedTime(copy, FileTime.fromMillis(OLD - 1_000));
                        Files.createDirectories(root.resolve(run));
                        Files.copy(
                                copy,
                                root.resolve(run + "copy_" + next++ + ".csv"),
                                StandardCopyOption.COPY_ATTRIBUTES);
                    }
                    case 3 -> write("suite/batch_" + next++ + "/deep/results.csv", now);
                    case 4 -> {
                        java.nio.file.Path folder = root.resolve(run);
                        if (Files.isDirectory(folder)) {
                            try (Stream<java.nio.file.Path> files = Files.list(folder)) {
                                files.filter(Files::isRegularFile)
                                        .findFirst()
                                        .ifPresent(file -> file.toFile().delete());
                            }
                        }
                    }
                    default -> {
                        // A whole run moved in from elsewhere.
                        java.nio.file.Path outside = staging.resolve("moved_" + next);
                        Files.createDirectories(outside);
                        Files.writeString(outside.resolve("results.csv"), "model,score\nx,4\n");
                        Files.move(outside, root.resolve("suite/moved_" + next++));
                    }
                }
            }
            if (round % 5 == 4) {
                modifiedSince = OLD + round;
                changedSince = now - 1;
            }
            List<String> expected = everyFolder(modifiedSince, changedSince);
            assertEquals(expected, listed(modifiedSince, changedSince, memory), "round " + round);
            skipped += memory.lastSkipped();
            if (random.nextBoolean()) {
                ageFolders();
            }
        }
        assertTrue(skipped > 30 * 10, "most folders went unread: " + skipped + " skipped over 30 listings");
    }

    @Test
    void twoRootsOneInsideTheOtherEachSelectByTheirOwnPaths() throws IOException {
        farm(3);
        write("suite/run_1/keep.csv", System.currentTimeMillis());
        ageFolders();
        FileSelection selection = new FileSelection(List.of("run_1/*.csv"), List.of());
        // The inner root first: the outer one's walk selects nothing in run_1, and must not make the inner forget.
        List<Path> roots = List.of(new Path(root.resolve("suite").toUri()), new Path(root.toUri()));
        ListedFolders memory = new ListedFolders(DAY, MARGIN);
        List<String> rounds = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            rounds.add(ArtifactListing.listing(roots, OLD + 1, Long.MAX_VALUE, selection, memory).files().stream()
                    .map(DiscoveredFile::path)
                    .toList()
                    .toString());
        }

        assertEquals(rounds.get(0), rounds.get(1));
        assertTrue(rounds.get(1).contains("keep.csv"), rounds.get(1));
    }
}
