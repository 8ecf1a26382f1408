package io.chimera.telemetry.source;

import io.chimera.telemetry.parse.ArtifactFormat;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Lists the artifacts under the watched folders, recursively: files of a format the parse layer reads that the
 * user's {@link FileSelection} selects, never a name (of a file or of any folder on its path) that a writer uses
 * while the file is still being written.
 * Unknown kinds are ignored, not dead letters. A folder that vanishes while it is listed is simply not there; one
 * that cannot be read (permissions, a name too long) is skipped and named in {@link Listing#unreadable}, so one
 * bad entry does not stop the discovery of everything else. Symbolic links below a watched folder are not
 * followed (a {@code latest -> run-42} link would read a run twice); a watched folder that is itself a link is.
 * Local folders are read with java.nio, one call per entry for its kind, size and times (Flink's local file
 * system makes three): a listing of a million-file farm is a minute or more, so that counts. A local file's change
 * time comes with it where the platform has one (the {@code unix} attribute view). Other file systems go through
 * Flink's {@link FileSystem}, which knows the modification time only.
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

    private static final boolean CHANGE_TIMES =
            FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
    private static final String LOCAL_ATTRIBUTES = "unix:isDirectory,isRegularFile,size,lastModifiedTime,ctime";

    /**
     * Which files a listing keeps: those modified, or changed, at or after these times, that the user's globs
     * select.
     */
    private record Since(long modified, long changed, FileSelection.Selector selection) {
        boolean admits(long modifiedTime, long changedTime) {
            return modifiedTime >= modified || changedTime >= changed;
        }

        /** The path below the root is made only when there are globs to match: a listing walks every file. */
        boolean selects(java.util.function.Supplier<String> pathBelowRoot) {
            return selection.selectsAll() || selection.leftOutBecause(pathBelowRoot.get()) == null;
        }
    }

    /** One local entry's kind, size and times, read in one call. */
    private record LocalEntry(boolean directory, boolean regularFile, long size, long modified, long changed) {

        static LocalEntry of(java.nio.file.Path path, LinkOption... options) throws IOException {
            if (CHANGE_TIMES) {
                Map<String, Object> attributes = Files.readAttributes(path, LOCAL_ATTRIBUTES, options);
                long modified = ((FileTime) attributes.get("lastModifiedTime")).toMillis();
                return new LocalEntry(
                        (Boolean) attributes.get("isDirectory"),
                        (Boolean) attributes.get("isRegularFile"),
                        (Long) attributes.get("size"),
                        modified,
                        ((FileTime) attributes.get("ctime")).toMillis());
            }
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, options);
            long modified = attributes.lastModifiedTime().toMillis();
            return new LocalEntry(
                    attributes.isDirectory(), attributes.isRegularFile(), attributes.size(), modified, modified);
        }
    }

    private ArtifactListing() {}

    /** Every artifact under the roots modified at or after {@code modifiedSince} (Long.MIN_VALUE for all). */
    public static List<DiscoveredFile> list(List<Path> roots, long modifiedSince) throws IOException {
        return listing(roots, modifiedSince, Long.MAX_VALUE).files();
    }

    /**
     * Lists the roots: every artifact modified at or after {@code modifiedSince} or changed at or after
     * {@code changedSince}. Throws only when a root itself cannot be read: then nothing can be said of its files.
     * A root listed twice, or inside another, gives each of its files once.
     */
    public static Listing listing(List<Path> roots, long modifiedSince, long changedSince) throws IOException {
        return listing(roots, modifiedSince, changedSince, FileSelection.ALL);
    }

    /** As {@link #listing(List, long, long)}, keeping only the files {@code selection} selects. */
    public static Listing listing(List<Path> roots, long modifiedSince, long changedSince, FileSelection selection)
            throws IOException {
        Since since = new Since(modifiedSince, changedSince, selection.selector());
        long startedAt = System.currentTimeMillis();
        Map<String, DiscoveredFile> found = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (Path root : roots) {
            if ("file".equals(root.toUri().getScheme())) {
                listLocalRoot(java.nio.file.Path.of(root.toUri()), since, found, unreadable);
            } else {
                listRoot(root, since, found, unreadable);
            }
        }
        return new Listing(startedAt, List.copyOf(found.values()), List.copyOf(unreadable));
    }

    private static void listLocalRoot(
            java.nio.file.Path root, Since since, Map<String, DiscoveredFile> found, List<String> unreadable)
            throws IOException {
        LocalEntry entry;
        try {
            entry = LocalEntry.of(root);
        } catch (NoSuchFileException e) {
            return;
        }
        if (entry.directory()) {
            walkLocal(root, root, since, found, unreadable);
        } else {
            addLocal(root.getParent() == null ? root : root.getParent(), root, entry, since, found);
        }
    }

    private static void walkLocal(
            java.nio.file.Path root,
            java.nio.file.Path folder,
            Since since,
            Map<String, DiscoveredFile> found,
            List<String> unreadable)
            throws IOException {
        boolean isRoot = folder == root;
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
            LocalEntry entry;
            try {
                entry = LocalEntry.of(child, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                unreadable.add(child + ": " + e);
                continue;
            }
            if (entry.directory()) {
                walkLocal(root, child, since, found, unreadable);
            } else {
                addLocal(root, child, entry, since, found);
            }
        }
    }

    private static void addLocal(
            java.nio.file.Path root,
            java.nio.file.Path file,
            LocalEntry entry,
            Since since,
            Map<String, DiscoveredFile> found) {
        String name = file.getFileName().toString();
        if (entry.regularFile()
                && since.admits(entry.modified(), entry.changed())
                && ArtifactFormat.ofFileName(name).isPresent()
                && since.selects(() -> root.relativize(file).toString())) {
            DiscoveredFile discovered =
                    DiscoveredFile.of(file.toUri(), entry.size(), entry.modified(), entry.changed());
            found.putIfAbsent(discovered.path(), discovered);
        }
    }

    private static void listRoot(Path root, Since since, Map<String, DiscoveredFile> found, List<String> unreadable)
            throws IOException {
        FileSystem fs = root.getFileSystem();
        FileStatus status;
        try {
            status = fs.getFileStatus(root);
        } catch (FileNotFoundException e) {
            return;
        }
        if (status.isDir()) {
            walk(fs, root, root, since, found, unreadable);
        } else {
            add(root.getParent() == null ? root : root.getParent(), status, since, found);
        }
    }

    private static void walk(
            FileSystem fs,
            Path root,
            Path folder,
            Since since,
            Map<String, DiscoveredFile> found,
            List<String> unreadable)
            throws IOException {
        boolean isRoot = folder == root;
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
                walk(fs, root, child.getPath(), since, found, unreadable);
            } else {
                add(root, child, since, found);
            }
        }
    }

    private static void add(Path root, FileStatus file, Since since, Map<String, DiscoveredFile> found) {
        if (!since.admits(file.getModificationTime(), file.getModificationTime())
                || ArtifactFormat.ofFileName(file.getPath().getName()).isEmpty()
                || !since.selects(() -> below(root, file.getPath()))) {
            return;
        }
        DiscoveredFile discovered =
                DiscoveredFile.of(file.getPath().toUri(), file.getLen(), file.getModificationTime());
        found.putIfAbsent(discovered.path(), discovered);
    }

    /** The file's path below the root, as the user's globs see it. */
    private static String below(Path root, Path file) {
        String base = root.toUri().getPath();
        String path = file.toUri().getPath();
        if (!path.startsWith(base)) {
            return file.getName();
        }
        String rest = path.substring(base.length());
        return rest.startsWith("/") ? rest.substring(1) : rest;
    }
}
