package io.chimera.telemetry.jobs;

import io.chimera.telemetry.rerun.RerunLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The output folder of a local watching run, which also holds what the next run with the same output resumes from:
 * the retained checkpoints ({@value #CHECKPOINTS}), the savepoints a stop takes ({@value #SAVEPOINTS}) and
 * RocksDB's working files ({@value #STATE}). One run at a time: it is locked while open, and the lock goes with the
 * process however that ends.
 */
public final class RunFolder implements AutoCloseable {

    public static final String CHECKPOINTS = ".checkpoints";
    public static final String SAVEPOINTS = ".savepoints";
    public static final String STATE = ".state";
    /** The job's outputs, as {@link Pipelines#fileSinks} names them: what {@code --fresh} sets aside. */
    public static final List<String> OUTPUTS =
            List.of("stats", "summaries", "reports", "dead-letters", "alerts", "too-late");

    private static final String LOCK = ".lock";
    private static final String METADATA = "_metadata";
    private static final DateTimeFormatter ASIDE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** A complete checkpoint or savepoint: a folder with its metadata written, the last file Flink writes. */
    public record Snapshot(Path path, Instant taken, boolean savepoint) {}

    /** Thrown when another process has the folder open. */
    public static final class Busy extends IOException {
        Busy(String message) {
            super(message);
        }
    }

    private final Path output;
    private final FileChannel lockFile;
    private final FileLock lock;

    private RunFolder(Path output, FileChannel lockFile, FileLock lock) {
        this.output = output;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /** Creates the folder if need be and locks it; {@link Busy} when another run holds it. */
    public static RunFolder open(Path output) throws IOException {
        Path folder = output.toAbsolutePath().normalize();
        Files.createDirectories(folder);
        FileChannel channel = FileChannel.open(
                folder.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException heldByThisProcess) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            String holder = Files.readString(folder.resolve(LOCK), StandardCharsets.UTF_8)
                    .trim();
            throw new Busy("another run is using " + folder + (holder.isEmpty() ? "" : " (process " + holder + ")")
                    + "; stop it first or choose another --output");
        }
        channel.truncate(0);
        channel.write(
                java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        return new RunFolder(folder, channel, lock);
    }

    public Path output() {
        return output;
    }

    public Path checkpoints() {
        return output.resolve(CHECKPOINTS);
    }

    public Path savepoints() {
        return output.resolve(SAVEPOINTS);
    }

    public Path workingState() {
        return output.resolve(STATE);
    }

    /**
     * The newest complete snapshot, savepoint or retained checkpoint: a run stopped with a savepoint leaves one; a
     * run that was killed leaves its last checkpoint.
     */
    public Optional<Snapshot> latest() throws IOException {
        Stream<Snapshot> savepoints = children(savepoints()).stream()
                .map(folder -> snapshot(folder, true))
                .flatMap(Optional::stream);
        Stream<Snapshot> checkpoints = children(checkpoints()).stream()
                .flatMap(job -> children(job).stream())
                .filter(folder -> folder.getFileName().toString().startsWith("chk-"))
                .map(folder -> snapshot(folder, false))
                .flatMap(Optional::stream);
        return Stream.concat(savepoints, checkpoints).max(Comparator.comparing(Snapshot::taken));
    }

    /**
     * Removes what a run resuming from {@code from} (or starting with nothing) will not need: RocksDB working files
     * of a run that was killed (a run deletes its own when it ends well), savepoints older than {@code from} or never
     * completed, and checkpoints that nothing can refer to. A savepoint is self-contained, so resuming from one, no
     * checkpoint is needed; a checkpoint's incremental files may be in the folders of the jobs before it, so those
     * stay unless empty. Only while the folder is locked, so never a live run's.
     */
    public void tidy(Optional<Snapshot> from) throws IOException {
        deleteTree(workingState());
        for (Path savepoint : children(savepoints())) {
            Optional<Snapshot> snapshot = snapshot(savepoint, true);
            boolean older = from.isPresent()
                    && snapshot.isPresent()
                    && snapshot.get().taken().isBefore(from.get().taken());
            if (older || snapshot.isEmpty()) {
                deleteTree(savepoint);
            }
        }
        boolean fromSavepoint = from.isPresent() && from.get().savepoint();
        for (Path job : children(checkpoints())) {
            if (fromSavepoint || holdsNoFile(job)) {
                deleteTree(job);
            }
        }
    }

    /**
     * {@code --fresh}: moves every saved state (snapshots, the rerun ledger) and every output of earlier runs into
     * {@code previous/<time>/}, so the new run starts with nothing read and nothing written, and no earlier file is
     * lost. Returns where they went, or empty when there was nothing to move.
     */
    public Optional<Path> setAside(Instant now) throws IOException {
        Path aside = output.resolve("previous").resolve(ASIDE.format(now));
        boolean moved = false;
        for (String name : Stream.concat(Stream.of(CHECKPOINTS, SAVEPOINTS, RerunLedger.FOLDER), OUTPUTS.stream())
                .toList()) {
            Path from = output.resolve(name);
            if (Files.exists(from)) {
                Files.createDirectories(aside);
                Files.move(from, aside.resolve(name));
                moved = true;
            }
        }
        deleteTree(workingState());
        return moved ? Optional.of(aside) : Optional.empty();
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockFile.close();
        }
    }

    private static Optional<Snapshot> snapshot(Path folder, boolean savepoint) {
        Path metadata = folder.resolve(METADATA);
        try {
            return Optional.of(
                    new Snapshot(folder, Files.getLastModifiedTime(metadata).toInstant(), savepoint));
        } catch (java.nio.file.NoSuchFileException incomplete) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean holdsNoFile(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.noneMatch(Files::isRegularFile);
        }
    }

    private static List<Path> children(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
