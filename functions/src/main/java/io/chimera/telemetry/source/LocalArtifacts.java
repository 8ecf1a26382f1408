package io.chimera.telemetry.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The artifacts under a local folder as the job's file source sees them: for the command line's tools. */
public final class LocalArtifacts {

    private LocalArtifacts() {}

    /** Why a file under a root is skipped (a hidden or in-progress name on its path), or null. */
    public static String skipReason(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            String reason = FileNameRules.skipReason(part.toString());
            if (reason != null) {
                return reason;
            }
        }
        return null;
    }

    /**
     * Regular files of a known format, not skipped, in a stable order: the job's own listing
     * ({@link ArtifactListing}), so that the command line sees exactly the files the job reads. Paths are spelled
     * under {@code root} as given.
     */
    public static List<Path> under(Path root) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        return ArtifactListing.list(List.of(new org.apache.flink.core.fs.Path(absolute.toUri())), Long.MIN_VALUE)
                .stream()
                .map(file -> root.resolve(
                        absolute.relativize(Path.of(file.flinkPath().toUri()))))
                .sorted()
                .toList();
    }
}
