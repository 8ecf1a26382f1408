package io.chimera.telemetry.harness;

import io.chimera.telemetry.source.ArtifactListing;
import io.chimera.telemetry.source.DiscoveredFile;
import io.chimera.telemetry.source.DiscoverySettings;
import io.chimera.telemetry.source.FileSelection;
import io.chimera.telemetry.source.ListedFolders;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;

/**
 * {@code bin/chimera bench --listing}: what one listing of continuous mode costs on a farm with a long history, when
 * a few files have landed since the last one. The farm (kept under the work folder between runs) has its files'
 * modification times spread over {@code --history}, a few files a run folder, ten suites. Each round lands
 * {@code --new-files} files, half in existing run folders and half in new ones, then times a listing that
 * remembers the folders it read ({@link ListedFolders}, as the enumerator lists) beside a listing of every folder,
 * with the thresholds an enumerator would use, checks that both found the same files, and removes what landed.
 */
public final class ListingBench {

    private final PrintStream out;

    public ListingBench(PrintStream out) {
        this.out = out;
    }

    public void run(List<String> args) throws IOException {
        int files = 1_000_000;
        int folders = 100_000;
        int newFiles = 100;
        int rounds = 3;
        Duration history = Duration.ofDays(100);
        Path work = Path.of("target", "bench");
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            switch (flag) {
                case "--files" -> files = Integer.parseInt(value(args, ++i, flag));
                case "--folders" -> folders = Integer.parseInt(value(args, ++i, flag));
                case "--new-files" -> newFiles = Integer.parseInt(value(args, ++i, flag));
                case "--rounds" -> rounds = Integer.parseInt(value(args, ++i, flag));
                case "--history" ->
                    history = io.chimera.telemetry.jobs.JobArguments.duration(value(args, ++i, flag), flag);
                case "--work" -> work = Path.of(value(args, ++i, flag));
                default -> throw new IllegalArgumentException("unknown option '" + flag + "' for --listing");
            }
        }
        if (files < 1 || folders < 1 || folders > files || newFiles < 2 || rounds < 1) {
            throw new IllegalArgumentException(
                    "--listing needs 1 ≤ --folders ≤ --files, at least 2 --new-files and 1 --rounds");
        }
        long newest = System.currentTimeMillis() - Duration.ofMinutes(5).toMillis();
        Path farm = farm(work, files, folders, history, newest);
        List<org.apache.flink.core.fs.Path> roots = List.of(new org.apache.flink.core.fs.Path(farm.toUri()));
        // As the enumerator lists after reading the farm: the horizon an hour behind the newest file read, the
        // arrival floor a little before the last listing.
        long horizon = newest - DiscoverySettings.DEFAULT_LOOKBACK.toMillis();
        ListedFolders memory = new ListedFolders(
                DiscoverySettings.DEFAULT_FULL_LISTING_INTERVAL, DiscoverySettings.DEFAULT_ARRIVAL_MARGIN);

        out.println("Farm: " + files + " files in " + folders + " run folders (10 suites), modification times over "
                + history.toDays() + " days; " + newFiles + " files land before each listing, half in existing run"
                + " folders, half in new ones.");
        out.println();
        // An enumerator's arrival floor once it has caught up: a little before its last listing (a first floor
        // below the remembered listing's makes the next listing read every folder, once after a start).
        long changedSince = System.currentTimeMillis() - DiscoverySettings.DEFAULT_ARRIVAL_MARGIN.toMillis();
        long heapBefore = heapAfterGc();
        TimedListing first = TimedListing.of(roots, horizon, changedSince, memory);
        long memoryBytes = heapAfterGc() - heapBefore;
        out.println(String.format(
                Locale.ROOT,
                "First listing (every folder, remembering them): %.2f s, %d folders, %d files within the lookback;"
                        + " the memory of the folders: %.1f MB (%d bytes a folder, heap after GC).",
                first.seconds(),
                memory.lastRead(),
                first.listing().files().size(),
                memoryBytes / 1e6,
                memoryBytes / Math.max(1, memory.size())));
        out.println();
        out.println("| round | listing of every folder (s) | listing of changed folders (s) | folders read | folders"
                + " not read | files found | same files |");
        out.println("| ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        Random random = new Random(20);
        for (int round = 1; round <= rounds; round++) {
            List<Path> landed = land(farm, folders, newFiles, round, random);
            // Alternating which goes first, so that neither always reads a cache the other warmed.
            TimedListing full;
            TimedListing remembered;
            if (round % 2 == 1) {
                full = TimedListing.of(roots, horizon, changedSince, null);
                remembered = TimedListing.of(roots, horizon, changedSince, memory);
            } else {
                remembered = TimedListing.of(roots, horizon, changedSince, memory);
                full = TimedListing.of(roots, horizon, changedSince, null);
            }
            TreeSet<String> fullPaths = paths(full.listing());
            TreeSet<String> rememberedPaths = paths(remembered.listing());
            boolean allLanded = landed.stream()
                    .allMatch(file -> rememberedPaths.contains(
                            DiscoveredFile.of(file.toUri(), 0, 0).path()));
            out.println(String.format(
                    Locale.ROOT,
                    "| %d | %.2f | %.3f | %d | %d | %d | %s |",
                    round,
                    full.seconds(),
                    remembered.seconds(),
                    memory.lastRead(),
                    memory.lastSkipped(),
                    rememberedPaths.size(),
                    fullPaths.equals(rememberedPaths) && allLanded ? "yes" : "NO"));
            out.flush();
            changedSince =
                    Math.min(full.listing().startedAt(), remembered.listing().startedAt())
                            - DiscoverySettings.DEFAULT_ARRIVAL_MARGIN.toMillis();
            remove(farm, landed);
        }
    }

    /** One listing and how long it took. */
    private record TimedListing(ArtifactListing.Listing listing, double seconds) {

        static TimedListing of(
                List<org.apache.flink.core.fs.Path> roots, long horizon, long changedSince, ListedFolders memory)
                throws IOException {
            long start = System.nanoTime();
            ArtifactListing.Listing listing =
                    ArtifactListing.listing(roots, horizon, changedSince, FileSelection.ALL, memory);
            return new TimedListing(listing, (System.nanoTime() - start) / 1e9);
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return java.lang.management.ManagementFactory.getMemoryMXBean()
                .getHeapMemoryUsage()
                .getUsed();
    }

    private static TreeSet<String> paths(ArtifactListing.Listing listing) {
        TreeSet<String> paths = new TreeSet<>();
        listing.files().forEach(file -> paths.add(file.path()));
        return paths;
    }

    /** The farm, made once per shape; a marker beside it says it is complete. */
    private Path farm(Path work, int files, int folders, Duration history, long newest) throws IOException {
        Path farm = work.resolve("listing-" + files + "-" + folders);
        Path complete = work.resolve("listing-" + files + "-" + folders + ".complete");
        if (Files.exists(complete)) {
            return farm;
        }
        BenchFarm.emptied(farm);
        out.println("Making the farm under " + farm + " (once) ...");
        long step = Math.max(1, history.toMillis() / files);
        for (int file = 0; file < files; file++) {
            int run = file % folders;
            Path folder = farm.resolve("suite_" + run % 10).resolve("run_" + run);
            if (file < folders) {
                Files.createDirectories(folder);
            }
            Path path = Files.createFile(folder.resolve("result_" + file / folders + ".csv"));
            Files.setLastModifiedTime(path, FileTime.fromMillis(newest - (long) (files - 1 - file) * step));
        }
        Files.createFile(complete);
        // Files made within the arrival margin of a listing count as arrivals (their change time): a farm with a
        // history has none of those.
        try {
            Thread.sleep(DiscoverySettings.DEFAULT_ARRIVAL_MARGIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return farm;
    }

    private static List<Path> land(Path farm, int folders, int count, int round, Random random) throws IOException {
        List<Path> landed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path folder;
            if (i % 2 == 0) {
                int run = random.nextInt(folders);
                folder = farm.resolve("suite_" + run % 10).resolve("run_" + run);
            } else {
                folder = Files.createDirectories(farm.resolve("suite_" + i % 10).resolve("landed_" + round + "_" + i));
            }
            Path file = folder.resolve("landed_" + round + "_" + i + ".csv");
            Files.writeString(file, "model,score\nx," + i + "\n");
            landed.add(file);
        }
        return landed;
    }

    private static void remove(Path farm, List<Path> landed) throws IOException {
        for (Path file : landed) {
            Files.delete(file);
            Path folder = file.getParent();
            if (folder.getFileName().toString().startsWith("landed_")) {
                Files.delete(folder);
            }
        }
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args.get(i);
    }
}
