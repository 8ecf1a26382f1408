package io.chimera.telemetry.harness;

import io.chimera.telemetry.generate.FarmGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * New runs landing in a watched folder at a steady rate, as a live farm's would: each file timed now (its newest
 * timestamp is the moment it lands), written hidden and renamed into place by {@link FarmGenerator}, and the
 * wall-clock time of the rename noted.
 */
final class SteadyArrivals {

    /**
     * @param folder the run folder, relative to the watched root (what a report's inventory lists)
     * @param eventTimeMillis what places the file in a window: its modification time as written (the landing time
     *     basis), which is also, to the millisecond or so, its newest row's time (the measured one)
     * @param landedAtMillis wall clock just after the rename into place
     */
    record Landing(String folder, long eventTimeMillis, long landedAtMillis) {}

    private final Path root;
    private final FarmGenerator generator;

    SteadyArrivals(Path root, int rowsPerFile) {
        this.root = root;
        this.generator = new FarmGenerator(root, rowsPerFile);
    }

    /** Writes {@code rate} files a second for {@code duration}; returns when the last is in place. */
    List<Landing> write(double rate, Duration duration, long seed) throws IOException, InterruptedException {
        SplittableRandom random = new SplittableRandom(seed);
        long intervalNanos = (long) (1_000_000_000L / rate);
        long begin = System.nanoTime();
        long end = begin + duration.toNanos();
        List<Landing> landings = new ArrayList<>();
        int index = 0;
        // Due times from the start, not sleeps after each write, so a slow write does not lower the rate.
        for (long due = begin; due < end; due += intervalNanos) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            Instant now = Instant.now();
            Path file = generator.writeFinished(index++, now, random.split());
            long landed = System.currentTimeMillis();
            String folder = root.relativize(file.getParent()).toString().replace('\\', '/');
            landings.add(new Landing(
                    folder, java.nio.file.Files.getLastModifiedTime(file).toMillis(), landed));
        }
        return landings;
    }
}
