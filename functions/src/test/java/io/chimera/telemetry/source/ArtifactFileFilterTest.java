package io.chimera.telemetry.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactFileFilterTest {

    private static final ArtifactFileFilter FILTER = new ArtifactFileFilter();

    @TempDir
    java.nio.file.Path root;

    /** The path as Flink's enumerator sees it: listed by the file system, not built from a URI by hand. */
    private Path listed(String name) throws IOException {
        Path flinkRoot = new Path(root.toUri());
        for (FileStatus status : flinkRoot.getFileSystem().listStatus(flinkRoot)) {
            if (status.getPath().getName().equals(name)) {
                return status.getPath();
            }
        }
        throw new AssertionError(name + " not listed under " + root);
    }

    private Path existingFile(String name) throws IOException {
        Files.writeString(root.resolve(name), "x");
        return listed(name);
    }

    private Path existingFolder(String name) throws IOException {
        Files.createDirectories(root.resolve(name));
        Path path = listed(name);
        assertTrue(path.getFileSystem().getFileStatus(path).isDir());
        return path;
    }

    @ParameterizedTest
    @ValueSource(strings = {"run.csv", "run.tsv", "results.json", "events.jsonl", "events.ndjson", "REPORT.MD",
        "notes.markdown", "my_run.v2.csv"})
    void artifactsOfAKnownFormatAreKept(String name) throws IOException {
        assertTrue(FILTER.test(existingFile(name)), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {".run.csv", "_run.csv", "run.csv.tmp", "run.csv.part", "run.json.inprogress",
        "run.csv.crdownload", ".run.csv.swp", "RUN.CSV.TMP"})
    void hiddenAndTemporaryNamesAreSkipped(String name) throws IOException {
        assertFalse(FILTER.test(existingFile(name)), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"notes.txt", "model.bin", "run.csv.bak", "README", "archive.tar.gz"})
    void unknownExtensionsAreSkipped(String name) throws IOException {
        assertFalse(FILTER.test(existingFile(name)), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"results", "2025-09-30", "v1.2", "run.d"})
    void foldersAreKeptToRecurseInto(String name) throws IOException {
        assertTrue(FILTER.test(existingFolder(name)), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {".git", "_tmp", "upload.part"})
    void hiddenAndTemporaryFoldersAreSkipped(String name) throws IOException {
        assertFalse(FILTER.test(existingFolder(name)), name);
    }

    @Test
    void vanishedFileOfUnknownKindIsSkipped() {
        assertFalse(FILTER.test(new Path(new Path(root.toUri()), "gone.txt")));
    }

    @Test
    void watchedRootItselfIsKept() {
        assertTrue(FILTER.test(new Path(root.toUri())));
        assertTrue(FILTER.test(new Path("file:///")));
    }

    @Test
    void recursiveEnumeratorWithTheFilterFindsOnlyArtifacts() throws IOException {
        for (String file : List.of("suite/a.csv", "suite/.a.csv.tmp", "suite/b.csv.part", "suite/notes.txt",
                "suite/sub/c.json", ".hidden/d.csv", "_staging/e.csv", "top.md")) {
            java.nio.file.Path path = root.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, "x");
        }

        List<String> found = new NonSplittingRecursiveEnumerator(FILTER)
                .enumerateSplits(new Path[] {new Path(root.toUri())}, 1).stream()
                .map(split -> split.path().getName())
                .sorted()
                .toList();

        assertEquals(List.of("a.csv", "c.json", "top.md"), found);
    }
}
