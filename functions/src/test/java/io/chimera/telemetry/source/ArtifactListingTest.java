package io.chimera.telemetry.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactListingTest {

    @TempDir
    java.nio.file.Path root;

    private void write(String relative, long modified) throws IOException {
        java.nio.file.Path path = root.resolve(relative);
        Files.createDirectories(path.getParent());
        Files.writeString(path, "model,score\nx,1\n");
        Files.setLastModifiedTime(path, FileTime.fromMillis(modified));
    }

    private List<String> names(long modifiedSince) throws IOException {
        return ArtifactListing.list(List.of(new Path(root.toUri())), modifiedSince).stream()
                .map(file -> root.relativize(
                                java.nio.file.Path.of(file.flinkPath().toUri()))
                        .toString())
                .sorted()
                .toList();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "run.csv",
                "run.tsv",
                "results.json",
                "events.jsonl",
                "events.ndjson",
                "REPORT.MD",
                "notes.markdown",
                "my_run.v2.csv"
            })
    void artifactsOfAKnownFormatAreListed(String name) throws IOException {
        write("suite/" + name, 1_000);

        assertEquals(List.of("suite/" + name), names(Long.MIN_VALUE));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                ".run.csv",
                "_run.csv",
                "run.csv.tmp",
                "run.csv.part",
                "run.json.inprogress",
                "run.csv.crdownload",
                ".run.csv.swp",
                "RUN.CSV.TMP",
                "notes.docx",
                "model.bin",
                "run.csv.bak",
                "README"
            })
    void hiddenTemporaryAndUnknownNamesAreNotListed(String name) throws IOException {
        write("suite/" + name, 1_000);

        assertEquals(List.of(), names(Long.MIN_VALUE));
    }

    @Test
    void theUsersGlobsChooseAmongTheArtifacts() throws IOException {
        for (String file : List.of(
                "farm/run_1/results.json",
                "farm/run_1/stdout.txt",
                "farm/archive/old.json",
                "rust/target/criterion/fib/new/sample.json",
                "rust/target/criterion/fib/base/sample.json")) {
            write(file, 1_000);
        }
        FileSelection selection = new FileSelection(List.of("*.json"), List.of("*/archive/**", "**/base/*"));

        List<String> listed =
                ArtifactListing.listing(List.of(new Path(root.toUri())), Long.MIN_VALUE, Long.MIN_VALUE, selection)
                        .files()
                        .stream()
                        .map(file -> root.relativize(
                                        java.nio.file.Path.of(file.flinkPath().toUri()))
                                .toString())
                        .sorted()
                        .toList();

        assertEquals(List.of("farm/run_1/results.json", "rust/target/criterion/fib/new/sample.json"), listed);
    }

    @Test
    void globsMatchBelowEachWatchedFolder() throws IOException {
        write("a/runs/x.json", 1_000);
        write("b/runs/y.json", 1_000);
        FileSelection runsAtTheTop = new FileSelection(List.of("runs/*"), List.of());

        List<DiscoveredFile> listed = ArtifactListing.listing(
                        List.of(
                                new Path(root.resolve("a").toUri()),
                                new Path(root.resolve("b").toUri())),
                        Long.MIN_VALUE,
                        Long.MIN_VALUE,
                        runsAtTheTop)
                .files();

        assertEquals(2, listed.size(), "runs/ is the top folder of each input: " + listed);
    }

    @Test
    void foldersAreWalkedButHiddenAndTemporaryFoldersAreNot() throws IOException {
        for (String file : List.of(
                "suite/a.csv",
                "suite/sub/deeper/c.json",
                ".git/d.csv",
                "_staging/e.csv",
                "upload.part/f.csv",
                "v1.2/g.md",
                "top.md")) {
            write(file, 1_000);
        }

        assertEquals(List.of("suite/a.csv", "suite/sub/deeper/c.json", "top.md", "v1.2/g.md"), names(Long.MIN_VALUE));
    }

    @Test
    void filesModifiedBeforeTheGivenTimeAreLeftOut() throws IOException {
        write("suite/old.csv", 1_000);
        write("suite/edge.csv", 2_000);
        write("suite/new.csv", 3_000);

        assertEquals(List.of("suite/edge.csv", "suite/new.csv"), names(2_000));
    }

    @Test
    void listedFilesCarryTheirSizeAndModificationTime() throws IOException {
        write("suite/a.csv", 123_000);

        DiscoveredFile file = ArtifactListing.list(List.of(new Path(root.toUri())), Long.MIN_VALUE)
                .get(0);

        assertEquals(Files.size(root.resolve("suite/a.csv")), file.size());
        assertEquals(123_000, file.modifiedTime());
    }

    @Test
    void pathsWithSpacesAndNonAsciiLettersAreListedSoTheReaderFindsThem() throws IOException {
        write("night runs/größe 1/run #2.csv", 1_000);

        DiscoveredFile file = ArtifactListing.list(List.of(new Path(root.toUri())), Long.MIN_VALUE)
                .get(0);

        assertEquals(List.of("night runs/größe 1/run #2.csv"), names(Long.MIN_VALUE));
        assertEquals(Files.size(root.resolve("night runs/größe 1/run #2.csv")), file.size());
        assertEquals(
                "parsed",
                new ArtifactFileReader(
                                List.of(new Path(root.toUri())),
                                new io.chimera.telemetry.parse.ArtifactParser(
                                        io.chimera.telemetry.parse.ParseSettings.defaults()))
                        .read(file)
                        .file
                        .status);
    }

    @Test
    void theLocalWalkAndFlinksFileSystemListTheSameFiles() throws IOException {
        for (String file : List.of(
                "suite/a.csv",
                "suite/sub/deeper/c.json",
                ".git/d.csv",
                "_staging/e.csv",
                "suite/x.csv.tmp",
                "suite/notes.docx",
                "top.md",
                "sp ace/ü.md")) {
            write(file, 5_000);
        }
        // A root spelled without the file scheme goes through Flink's file system abstraction.
        Path viaFlink = new Path(root.toAbsolutePath().toString());

        List<DiscoveredFile> local = ArtifactListing.list(List.of(new Path(root.toUri())), Long.MIN_VALUE);
        List<DiscoveredFile> flink = ArtifactListing.list(List.of(viaFlink), Long.MIN_VALUE);

        assertEquals(sorted(flink), sorted(local));
        assertEquals(4, local.size());
    }

    /** Path, size and modification time: Flink's file systems do not know a change time. */
    private static List<DiscoveredFile> sorted(List<DiscoveredFile> files) {
        return files.stream()
                .sorted(java.util.Comparator.comparing(DiscoveredFile::path))
                .map(file -> new DiscoveredFile(file.path(), file.size(), file.modifiedTime()))
                .toList();
    }

    @Test
    void aLocalCopyWithAnOldModificationTimeIsListedByItsChangeTime() throws IOException {
        long before = System.currentTimeMillis();
        write("suite/copied.csv", 1_000);
        write("suite/old.csv", 1_000);
        long changedSince = before - 5_000;
        java.nio.file.Path old = root.resolve("suite/old.csv");
        // What was there before: no way to set a change time, so the floor is put after this one's.
        long oldChanged = ((FileTime) Files.getAttribute(old, "unix:ctime")).toMillis();
        Files.setLastModifiedTime(root.resolve("suite/copied.csv"), FileTime.fromMillis(1_000));

        List<DiscoveredFile> listed = ArtifactListing.listing(List.of(new Path(root.toUri())), 500_000, changedSince)
                .files();
        List<DiscoveredFile> afterOld = ArtifactListing.listing(
                        List.of(new Path(root.toUri())), 500_000, oldChanged + 1)
                .files();

        assertEquals(2, listed.size());
        assertTrue(
                listed.stream().allMatch(file -> file.modifiedTime() == 1_000 && file.changedTime() >= before - 1_000),
                listed.toString());
        assertTrue(afterOld.stream().noneMatch(file -> file.path().endsWith("old.csv")), afterOld.toString());
        assertEquals(
                List.of(),
                ArtifactListing.list(List.of(new Path(root.toUri())), 500_000),
                "by modification time alone, both are too old");
    }

    @Test
    void aFolderThatCannotBeReadIsSkippedAndNamedButTheRestIsListed() throws Exception {
        write("suite/good.csv", 1_000);
        java.nio.file.Path deep = TooDeepFolders.create(root, "deep");

        try {
            ArtifactListing.Listing listing =
                    ArtifactListing.listing(List.of(new Path(root.toUri())), Long.MIN_VALUE, Long.MIN_VALUE);

            assertEquals(
                    List.of("suite/good.csv"),
                    listing.files().stream()
                            .map(file -> root.relativize(java.nio.file.Path.of(
                                            file.flinkPath().toUri()))
                                    .toString())
                            .toList());
            assertEquals(1, listing.unreadable().size(), listing.unreadable().toString());
        } finally {
            TooDeepFolders.remove(deep);
        }
    }

    @Test
    void aSymbolicLinkBelowTheRootIsNotFollowedSoARunIsListedOnce() throws IOException {
        write("suite/run-1/r.csv", 1_000);
        Files.createSymbolicLink(root.resolve("suite/latest"), root.resolve("suite/run-1"));
        Files.createSymbolicLink(root.resolve("suite/latest.csv"), root.resolve("suite/run-1/r.csv"));

        assertEquals(List.of("suite/run-1/r.csv"), names(Long.MIN_VALUE));
    }

    @Test
    void aWatchedFolderThatIsALinkIsFollowed() throws IOException {
        write("suite/r.csv", 1_000);
        java.nio.file.Path link = root.resolveSibling(root.getFileName() + "-link");
        Files.createSymbolicLink(link, root);
        try {
            assertEquals(
                    1,
                    ArtifactListing.list(List.of(new Path(link.toUri())), Long.MIN_VALUE)
                            .size());
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void overlappingOrRepeatedRootsListEachFileOnce() throws IOException {
        write("suite/r.csv", 1_000);
        Path whole = new Path(root.toUri());
        Path inner = new Path(root.resolve("suite").toUri());

        assertEquals(
                1,
                ArtifactListing.list(List.of(whole, inner, whole), Long.MIN_VALUE)
                        .size());
    }

    @Test
    void aNameWithABackslashOrPercentSignIsReadFromTheRightFile() throws IOException {
        write("suite/a\\b %41.csv", 1_000);

        DiscoveredFile file = ArtifactListing.list(List.of(new Path(root.toUri())), Long.MIN_VALUE)
                .get(0);

        assertEquals(List.of("suite/a\\b %41.csv"), names(Long.MIN_VALUE));
        assertEquals(
                "parsed",
                new ArtifactFileReader(
                                List.of(new Path(root.toUri())),
                                new io.chimera.telemetry.parse.ArtifactParser(
                                        io.chimera.telemetry.parse.ParseSettings.defaults()))
                        .read(file)
                        .file
                        .status);
    }

    @Test
    void aMissingRootListsNothingAndAFileRootListsItself() throws IOException {
        write("suite/a.csv", 1_000);
        Path missing = new Path(root.resolve("not-there").toUri());
        Path single = new Path(root.resolve("suite/a.csv").toUri());

        assertEquals(0, ArtifactListing.list(List.of(missing), Long.MIN_VALUE).size());
        assertEquals(1, ArtifactListing.list(List.of(single), Long.MIN_VALUE).size());
    }
}
