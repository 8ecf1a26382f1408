package io.chimera.telemetry.source;

import io.chimera.telemetry.parse.ArtifactFormat;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Lists the artifacts under the watched folders, recursively: files of a format the parse layer reads, never a
 * name (of a file or of any folder on its path) that a writer uses while the file is still being written.
 * Unknown kinds are ignored, not dead letters. A folder that vanishes while it is listed is simply not there; one
 * that cannot be read (permissions, a name too long) is skipped and named in {@link Listing#unreadable}, so one
 * bad entry does not stop the discovery of everything else. Symbolic links below a watched folder are not
 * followed (a {@code latest -> run-42} link would read a run twice); a watched folder that is itself a link is.
 * Local folders are read with java.nio, one call per entry for its kind, size and time (Flink's local file
 * system makes three): a listing of a million-file farm is a minute or more, so that counts. Other file systems
 * go through Flink's {@link FileSystem}.
 */
public final class ArtifactListing {

    /**
     * One listing.
     *
     * @param startedAt the wall clock before the walk began: a file's time is compared with it, not with the end
     *     of a walk that may have taken longer than the settle time
     * @param files the artifacts found, each path once
     * @param unreadable folders or entries that could not be read, with why
     */
    public record Listing(long startedAt, List<DiscoveredFile> files, List<String> unreadable) {}

    private ArtifactListing() {}

    /** Every artifact under the roots modified at or after {@code modifiedSince} (Long.MIN_VALUE for all). */
    public static List<DiscoveredFile> list(List<Path> roots, long modifiedSince) throws IOException {
        return listing(roots, modifiedSince).files();
    }

    /**
     * Lists the roots. Throws only when a root itself cannot be read: then nothing can be said of its files.
     * A root listed twice, or inside another, gives each of its files once.
     */
    public static Listing listing(List<Path> roots, long modifiedSince) throws IOException {
        long startedAt = System.currentTimeMillis();
        Map<String, DiscoveredFile> found = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (Path root : roots) {
            if ("file".equals(root.toUri().getScheme())) {
                listLocalRoot(java.nio.file.Path.of(root.toUri()), modifiedSince, found, unreadable);
            } else {
                listRoot(root, modifiedSince, found, unreadable);
            }
        }
        return new Listing(startedAt, List.copyOf(found.values()), List.copyOf(unreadable));
    }

    private static void listLocalRoot(java.nio.file.Path root, long modifiedSince, Map<String, DiscoveredFile> found,
            List<String> unreadable) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(root, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return;
        }
        if (attrs.isDirectory()) {
            walkLocal(root, true, modifiedSince, found, unreadable);
        } else {
            addLocal(root, attrs, modifiedSince, found);
        }
    }

    private static void walkLocal(java.nio.file.Path folder, boolean isRoot, long modifiedSince,
            Map<String, DiscoveredFile> found, List<String> unreadable) throws IOException {
        List<java.nio.file.Path> children = new ArrayList<>();
        try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(folder)) {
            entries.forEach(children::add);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException | RuntimeException e) {
            if (isRoot) {
                throw e instanceof IOException io ? io : new IOException(e);
            }
            unreadable.add(folder + ": " + e);
            return;
        }
        for (java.nio.file.Path child : children) {
            if (FileNameRules.skipReason(child.getFileName().toString()) != null) {
                continue;
            }
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                unreadable.add(child + ": " + e);
                continue;
            }
            if (attrs.isDirectory()) {
                walkLocal(child, false, modifiedSince, found, unreadable);
            } else {
                addLocal(child, attrs, modifiedSince, found);
            }
        }
    }

    private static void addLocal(java.nio.file.Path file, BasicFileAttributes attrs, long modifiedSince,
            Map<String, DiscoveredFile> found) {
        String name = file.getFileName().toString();
        long modified = attrs.lastModifiedTime().toMillis();
        if (attrs.isRegularFile() && modified >= modifiedSince && ArtifactFormat.ofFileName(name).isPresent()) {
            DiscoveredFile discovered = DiscoveredFile.of(file.toUri(), attrs.size(), modified);
            found.putIfAbsent(discovered.path(), discovered);
        }
    }

    private static void listRoot(Path root, long modifiedSince, Map<String, DiscoveredFile> found,
            List<String> unreadable) throws IOException {
        FileSystem fs = root.getFileSystem();
        FileStatus status;
        try {
            status = fs.getFileStatus(root);
        } catch (FileNotFoundException e) {
            return;
        }
        if (status.isDir()) {
            walk(fs, root, true, modifiedSince, found, unreadable);
        } else {
            add(status, modifiedSince, found);
        }
    }

    private static void walk(FileSystem fs, Path folder, boolean isRoot, long modifiedSince,
            Map<String, DiscoveredFile> found, List<String> unreadable) throws IOException {
        FileStatus[] children;
        try {
            children = fs.listStatus(folder);
        } catch (FileNotFoundException e) {
            return;
        } catch (IOException e) {
            if (isRoot) {
                throw e;
            }
            unreadable.add(folder + ": " + e);
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
                walk(fs, child.getPath(), false, modifiedSince, found, unreadable);
            } else {
                add(child, modifiedSince, found);
            }
        }
    }

    private static void add(FileStatus file, long modifiedSince, Map<String, DiscoveredFile> found) {
        if (file.getModificationTime() < modifiedSince
                || ArtifactFormat.ofFileName(file.getPath().getName()).isEmpty()) {
            return;
        }
        DiscoveredFile discovered = DiscoveredFile.of(file.getPath().toUri(), file.getLen(), file.getModificationTime());
        found.putIfAbsent(discovered.path(), discovered);
    }
}
