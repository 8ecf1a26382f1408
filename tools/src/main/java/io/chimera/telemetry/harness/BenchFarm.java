package io.chimera.telemetry.harness;

import io.chimera.telemetry.generate.FarmGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/** The benchmark runner's folders: generated farms, kept between runs, and outputs, emptied before each. */
public final class BenchFarm {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private BenchFarm() {}

    /**
     * {@code files} artifacts (seed 1, 5 rows each) timed evenly over {@code period}, generated once under
     * {@code work} and reused: the same arguments give the same bytes.
     */
    public static Path generated(Path work, int files, Duration period) throws IOException {
        return generated(work.resolve("farm-" + files + "-" + period.toMinutes() + "m"), files, 5, period);
    }

    /** A farm at {@code farm} of {@code files} artifacts, {@code rows} rows each, generated once and reused. */
    static Path generated(Path farm, int files, int rows, Duration period) throws IOException {
        if (!Files.exists(farm.resolve(".complete"))) {
            new FarmGenerator(farm, rows).generate(files, 1, START, period);
            Files.writeString(farm.resolve(".complete"), "");
        }
        return farm;
    }

    /** An empty folder at {@code dir}, whatever a previous run left there. */
    static Path emptied(Path dir) throws IOException {
        // A job's checkpoints may still be going away on Flink's own threads: what vanishes meanwhile is gone.
        for (int attempt = 0; Files.exists(dir); attempt++) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (java.io.UncheckedIOException | java.nio.file.DirectoryNotEmptyException vanishing) {
                if (attempt >= 10) {
                    throw vanishing;
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
