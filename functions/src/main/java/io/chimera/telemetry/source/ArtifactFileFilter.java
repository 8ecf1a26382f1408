package io.chimera.telemetry.source;

import io.chimera.telemetry.parse.ArtifactFormat;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.function.Predicate;
import org.apache.flink.core.fs.Path;

/**
 * What the file source enumerates: folders (to recurse into) and files of a format the parse layer reads, but
 * never names of files still being written. Unknown kinds are ignored, not dead letters.
 */
public final class ArtifactFileFilter implements Predicate<Path>, Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean test(Path path) {
        String name = path.getName();
        if (name.isEmpty()) {
            return true;
        }
        if (FileNameRules.skipReason(name) != null) {
            return false;
        }
        if (ArtifactFormat.ofFileName(name).isPresent()) {
            return true;
        }
        try {
            return path.getFileSystem().getFileStatus(path).isDir();
        } catch (IOException e) {
            if (e instanceof java.io.FileNotFoundException) {
                return false;
            }
            throw new UncheckedIOException(e);
        }
    }
}
