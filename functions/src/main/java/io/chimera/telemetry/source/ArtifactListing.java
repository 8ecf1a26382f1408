package io.chimera.telemetry.source;

import io.chimera.telemetry.parse.ArtifactFormat;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Lists the artifacts under the watched folders, recursively: files of a format the parse layer reads, never a
 * name (of a file or of any folder on its path) that a writer uses while the file is still being written.
 * Unknown kinds are ignored, not dead letters. A folder that vanishes while it is listed is simply not there.
 */
public final class ArtifactListing {

    private ArtifactListing() {}

    /** Every artifact under the roots modified at or after {@code modifiedSince} (Long.MIN_VALUE for all). */
    public static List<DiscoveredFile> list(List<Path> roots, long modifiedSince) throws IOException {
        List<DiscoveredFile> found = new ArrayList<>();
        for (Path root : roots) {
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

    private static void add(FileStatus file, long modifiedSince, List<DiscoveredFile> found) {
        if (file.getModificationTime() < modifiedSince
                || ArtifactFormat.ofFileName(file.getPath().getName()).isEmpty()) {
            return;
        }
        found.add(new DiscoveredFile(file.getPath().toString(), file.getLen(), file.getModificationTime()));
    }
}
