package io.chimera.telemetry.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A chain of folders deeper than PATH_MAX: its last folder cannot be read, even by root, as a folder without
 * permissions cannot be by others. Too deep for a temporary folder's own clean-up; {@link #remove} walks it.
 */
final class TooDeepFolders {

    private TooDeepFolders() {}

    /** Makes the chain under {@code parent}/{@code name}; returns its top. */
    static Path create(Path parent, String name) throws IOException, InterruptedException {
        return create(parent, name, "");
    }

    /** As {@link #create(Path, String)}, every folder of the chain then modified at {@code epochSeconds}. */
    static Path create(Path parent, String name, long epochSeconds) throws IOException, InterruptedException {
        // Set from the deepest up, by relative paths: each touch of a folder leaves its parent's time alone.
        return create(parent, name, " && for i in $(seq 1 21); do touch -m -d @" + epochSeconds + " . && cd ..; done");
    }

    private static Path create(Path parent, String name, String then) throws IOException, InterruptedException {
        Path top = Files.createDirectories(parent.resolve(name));
        String part = "d".repeat(250);
        assertEquals(
                0,
                new ProcessBuilder(
                                "bash",
                                "-c",
                                "cd '" + top + "' && for i in $(seq 1 20); do mkdir " + part + " && cd " + part
                                        + "; done" + then)
                        .inheritIO()
                        .start()
                        .waitFor());
        return top;
    }

    /** Removes the chain: rm walks it relative to each folder. */
    static void remove(Path top) throws IOException, InterruptedException {
        assertEquals(
                0,
                new ProcessBuilder("rm", "-rf", top.toString())
                        .inheritIO()
                        .start()
                        .waitFor());
    }
}
