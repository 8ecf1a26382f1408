package io.chimera.telemetry.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real benchmark artifacts in {@code ../shared/corpus} beside the checkout (or {@code $CHIMERA_CORPUS}).
 * Absent on a developer machine, the tests that need it are skipped with a message saying so; absent in CI
 * (CI=true), they fail, since CI always has it.
 */
public final class Corpus {

    private Corpus() {}

    public static Path root() {
        String configured = System.getenv("CHIMERA_CORPUS");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("corpus");
            if (Files.isDirectory(candidate.resolve("chimera"))) {
                return candidate.normalize();
            }
        }
        String message =
                "../shared/corpus is absent (looked beside " + Path.of("").toAbsolutePath()
                        + " and its parents, and at $CHIMERA_CORPUS): tests on real benchmark artifacts cannot run";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
        return null;
    }

    public static Path chimera() {
        return root().resolve("chimera");
    }

    public static Path formats() {
        return root().resolve("formats");
    }
}
