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
import java.util.function.Consumer;
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
    private record Since(
            long modified, long changed, FileSelection.Selector selection, Consumer<DiscoveredFile> onFound) {

        /** Keeps a file not found before, and says so. */
        void keep(DiscoveredFile file, Map<String, DiscoveredFile> found) {
            if (found.putIfAbsent(file.path(), file) == null) {
                onFound.accept(file);
            }
        }

        boolean admits(long modifiedTime, long changedTime) {
            return modifiedTime >= modified || changedTime >= changed;
        }

        /** The path below the root is made only when there are globs to match: a listing walks every file. */
        boolean selects(java.util.function.Supplier<String> pathBelowRoot) {
            return selection.selectsAll() || selection.leftOutBecause(pathBelowRoot.get()) == null;
        }
    }

    /** One local entry's kind, size and times, read in one call. */
    private record LocalEntry(
            boolean directory, boolean regularFile, long size, FileTime modifiedTime, long modified, long changed) {

        static LocalEntry of(java.nio.file.Path path, LinkOption... options) throws IOException {
            if (CHANGE_TIMES) {
                Map<String, Object> attributes = Files.readAttributes(path, LOCAL_ATTRIBUTES, options);
                FileTime modified = (FileTime) attributes.get("lastModifiedTime");
                return new LocalEntry(
                        (Boolean) attributes.get("isDirectory"),
                        (Boolean) attributes.get("isRegularFile"),
                        (Long) attributes.get("size"),
                        modified,
                        modified.toMillis(),
                        ((FileTime) attributes.get("ctime")).toMillis());
            }
            return basic(path, options);
        }

        /** Without the change time, which a folder's walk does not need: the cheaper call. */
        static LocalEntry basic(java.nio.file.Path path, LinkOption... options) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, options);
            FileTime modified = attributes.lastModifiedTime();
            return new LocalEntry(
                    attributes.isDirectory(),
                    attributes.isRegularFile(),
                    attributes.size(),
                    modified,
                    modified.toMillis(),
                    modified.toMillis());
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
        return listing(roots, modifiedSince, changedSince, selection, null);
    }

    /**
     * As {@link #listing(List, long, long, FileSelection)}, reading again only the local folders that changed
     * since the listings {@code memory} remembers (null: every folder); see {@link ListedFolders}.
     */
    public static Listing listing(
            List<Path> roots, long modifiedSince, long changedSince, FileSelection selection, ListedFolders memory)
            throws IOException {
        return listing(roots, modifiedSince, changedSince, selection, memory, file -> {});
    }

    /**
     * As {@link #listing(List, long, long, FileSelection, ListedFolders)}, telling {@code found} of each file as
     * the walk finds it (each path once), on the walking thread: what it found can be read before the walk ends.
     */
    public static Listing listing(
            List<Path> roots,
            long modifiedSince,
            long changedSince,
            FileSelection selection,
            ListedFolders memory,
            Consumer<DiscoveredFile> onFound)
            throws IOException {
        Since since = new Since(modifiedSince, changedSince, selection.selector(), onFound);
        long startedAt = System.currentTimeMillis();
        ListedFolders.Walk remembered = memory == null ? null : memory.begin(modifiedSince, changedSince, startedAt);
        Map<String, DiscoveredFile> found = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (Path root : roots) {
            if ("file".equals(root.toUri().getScheme())) {
                new LocalWalk(java.nio.file.Path.of(root.toUri()), since, found, unreadable, remembered).list();
            } else {
                listRoot(root, since, found, unreadable);
            }
        }
        if (memory != null) {
            memory.finish(remembered);
        }
        return new Listing(startedAt, List.copyOf(found.values()), List.copyOf(unreadable));
    }

    /** One local root's walk. */
    private record LocalWalk(
            java.nio.file.Path root,
            Since since,
            Map<String, DiscoveredFile> found,
            List<String> unreadable,
            ListedFolders.Walk remembered) {

        void list() throws IOException {
            LocalEntry entry;
            try {
                entry = LocalEntry.of(root);
            } catch (NoSuchFileException e) {
                return;
            }
            if (entry.directory()) {
                folder(root, entry);
            } else {
                add(root.getParent() == null ? root : root.getParent(), root, entry);
            }
        }

        /** A folder, its time read before its entries, so a change that the read misses moves the time on. */
        private void folder(java.nio.file.Path folder, LocalEntry entry) throws IOException {
            ListedFolders.Folder known =
                    remembered == null ? null : remembered.unchanged(root, folder, entry.modifiedTime());
            if (known != null) {
                again(folder, known);
                return;
            }
            List<java.nio.file.Path> children = new ArrayList<>();
            try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(folder)) {
                entries.forEach(children::add);
            } catch (NoSuchFileException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (folder == root) {
                    throw e instanceof IOException io ? io : new IOException(e);
                }
                unreadable.add(folder + ": " + e);
                return;
            }
            List<java.nio.file.Path> subfolders = new ArrayList<>();
            List<java.nio.file.Path> kept = new ArrayList<>();
            boolean everyEntryRead = true;
            for (java.nio.file.Path child : children) {
                if (FileNameRules.skipReason(child.getFileName().toString()) != null) {
                    continue;
                }
                LocalEntry childEntry;
                try {
                    childEntry = LocalEntry.of(child, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue;
                } catch (IOException e) {
                    unreadable.add(child + ": " + e);
                    everyEntryRead = false;
                    continue;
                }
                if (childEntry.directory()) {
                    subfolders.add(child);
                    folder(child, childEntry);
                } else if (add(root, child, childEntry)) {
                    kept.add(child);
                }
            }
            if (remembered != null) {
                remembered.read(root, folder, entry.modifiedTime(), everyEntryRead, subfolders, kept);
            }
        }

        /** A folder whose entries are as they were: its subfolders walked, the files kept last time looked at. */
        private void again(java.nio.file.Path folder, ListedFolders.Folder known) throws IOException {
            List<java.nio.file.Path> subfolders =
                    new ArrayList<>(known.subfolders().size());
            for (java.nio.file.Path subfolder : known.subfolders()) {
                LocalEntry entry;
                try {
                    entry = LocalEntry.basic(subfolder, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue;
                } catch (IOException e) {
                    unreadable.add(subfolder + ": " + e);
                    subfolders.add(subfolder);
                    continue;
                }
                if (entry.directory()) {
                    subfolders.add(subfolder);
                    folder(subfolder, entry);
                }
            }
            List<java.nio.file.Path> kept = new ArrayList<>(known.files().size());
            for (java.nio.file.Path file : known.files()) {
                LocalEntry entry;
                try {
                    entry = LocalEntry.of(file, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue;
                } catch (IOException e) {
                    unreadable.add(file + ": " + e);
                    kept.add(file);
                    continue;
                }
                if (add(root, file, entry)) {
                    kept.add(file);
                }
            }
            remembered.skipped(root, folder, known, subfolders, kept);
        }

        /** Keeps the file if it is an artifact the listing admits; says whether it did. */
        private boolean add(java.nio.file.Path base, java.nio.file.Path file, LocalEntry entry) {
            String name = file.getFileName().toString();
            if (entry.regularFile()
                    && since.admits(entry.modified(), entry.changed())
                    && ArtifactFormat.ofFileName(name).isPresent()
                    && since.selects(() -> base.relativize(file).toString())) {
                since.keep(DiscoveredFile.of(file.toUri(), entry.size(), entry.modified(), entry.changed()), found);
                return true;
            }
            return false;
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
        since.keep(DiscoveredFile.of(file.getPath().toUri(), file.getLen(), file.getModificationTime()), found);
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
