package io.chimera.telemetry.source;

import io.chimera.telemetry.parse.ArtifactFormat;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Lists the artifacts under the watched folders, recursively: files of a format the parse layer reads, never a
 * name (of a file or of any folder on its path) that a writer uses while the file is still being written.
 * Unknown kinds are ignored, not dead letters. A folder that vanishes while it is listed is simply not there.
 * Local folders are walked with java.nio, which reads a file's size and time in one call (Flink's local file
 * system makes three per file): a listing of a million-file farm is a minute or more, so that counts. Other file
 * systems go through Flink's {@link FileSystem}.
 */
public final class ArtifactListing {

    private ArtifactListing() {}

    /** Every artifact under the roots modified at or after {@code modifiedSince} (Long.MIN_VALUE for all). */
    public static List<DiscoveredFile> list(List<Path> roots, long modifiedSince) throws IOException {
        List<DiscoveredFile> found = new ArrayList<>();
        for (Path root : roots) {
            if ("file".equals(root.toUri().getScheme())) {
                walkLocal(java.nio.file.Path.of(root.toUri()), modifiedSince, found);
                continue;
            }
            FileSystem fs = root.getFileSystem();
            FileStatus status;
            try {
                status = fs.getFileStatus(root);
            } catch (FileNotFoundException e) {
                continue;
            }
            if (status.isDir()) {
                walk(fs, root, modifiedSince, found);
            } else {
                add(status, modifiedSince, found);
            }
        }
        return found;
    }

    private static void walk(FileSystem fs, Path folder, long modifiedSince, List<DiscoveredFile> found)
            throws IOException {
        FileStatus[] children;
        try {
            children = fs.listStatus(folder);
        } catch (FileNotFoundException e) {
            return;
        }
        if (children == null) {
            return;
        }
        for (FileStatus child : children) {
            if (FileNameRules.skipReason(child.getPath().getName()) != null) {
                continue;
            }
            if (child.isDir()) {
                walk(fs, child.getPath(), modifiedSince, found);
            } else {
                add(child, modifiedSince, found);
            }
        }
    }

    private static void walkLocal(java.nio.file.Path root, long modifiedSince, List<DiscoveredFile> found)
            throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(java.nio.file.Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(root) && FileNameRules.skipReason(dir.getFileName().toString()) != null
                                ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(java.nio.file.Path file, BasicFileAttributes attrs) {
                        String name = file.getFileName().toString();
                        long modified = attrs.lastModifiedTime().toMillis();
                        if (attrs.isRegularFile() && modified >= modifiedSince
                                && FileNameRules.skipReason(name) == null
                                && ArtifactFormat.ofFileName(name).isPresent()) {
                            found.add(new DiscoveredFile(new Path(file.toUri()).toString(), attrs.size(), modified));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(java.nio.file.Path file, IOException e) throws IOException {
                        // Gone since its folder was read, or a symbolic-link loop: not there to read.
                        if (e instanceof NoSuchFileException || e instanceof FileSystemLoopException) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }
                });
    }

    private static void add(FileStatus file, long modifiedSince, List<DiscoveredFile> found) {
        if (file.getModificationTime() < modifiedSince
                || ArtifactFormat.ofFileName(file.getPath().getName()).isEmpty()) {
            return;
        }
        found.add(new DiscoveredFile(file.getPath().toString(), file.getLen(), file.getModificationTime()));
    }
}
