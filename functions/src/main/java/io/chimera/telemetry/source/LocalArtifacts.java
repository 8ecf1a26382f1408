package io.chimera.telemetry.source;

import io.chimera.telemetry.parse.ArtifactFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

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

    /** Regular files of a known format, not skipped, in a stable order. */
    public static List<Path> under(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> skipReason(root, file) == null)
                    .filter(file -> ArtifactFormat.ofFileName(file.getFileName().toString()).isPresent())
                    .sorted()
                    .toList();
        }
    }
}
