package io.chimera.telemetry.bench;

import io.chimera.telemetry.parse.ArtifactFile;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.source.LocalArtifacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The files every benchmark passes over, read into memory once per trial so that disk I/O is outside the
 * measurement (parseLayerFromDisk puts it back, for comparison).
 *
 * <ul>
 *   <li>{@code generated}: a farm from {@code bin/chimera generate} at {@code -Dchimera.farm} (default
 *       {@code target/bench-farm-2000} under the project root). It is made by the command line rather than here
 *       because the generator lives in the jobs module, and depending on it would bring Kafka and the job jar's
 *       other dependencies into this module for one class.</li>
 *   <li>{@code corpus}: the real artifacts at {@code -Dchimera.corpus}, {@code $CHIMERA_CORPUS}, or
 *       {@code ../shared/corpus} beside the checkout, found as the tests find it. Read in place, never copied.</li>
 * </ul>
 */
@State(Scope.Benchmark)
public class ArtifactSet {

    public static final String FARM_PROPERTY = "chimera.farm";
    public static final String CORPUS_PROPERTY = "chimera.corpus";
    static final String DEFAULT_FARM = "target/bench-farm-2000";

    @Param({"generated", "corpus"})
    public String fileSet;

    Path root;
    List<LoadedArtifact> artifacts;

    @Setup(Level.Trial)
    public void load() throws IOException {
        root = switch (fileSet) {
            case "generated" -> farm();
            case "corpus" -> corpus();
            default -> throw new IllegalArgumentException("fileSet is 'generated' or 'corpus', not '" + fileSet + "'");
        };
        artifacts = load(root);
        if (artifacts.isEmpty()) {
            throw new IllegalStateException("no artifacts of a known format under " + root);
        }
    }

    /** Every artifact under {@code root} that the job would read, in the job's order. */
    static List<LoadedArtifact> load(Path root) throws IOException {
        List<LoadedArtifact> loaded = new ArrayList<>();
        for (Path path : LocalArtifacts.under(root)) {
            ArtifactFormat format =
                    ArtifactParser.formatOf(path.getFileName().toString()).orElseThrow();
            byte[] content = Files.readAllBytes(path);
            ArtifactFile file = ArtifactFile.under(
                    root, path, content.length, Files.getLastModifiedTime(path).toMillis());
            loaded.add(new LoadedArtifact(path, file, format, content));
        }
        return List.copyOf(loaded);
    }

    private static Path farm() {
        String configured = System.getProperty(FARM_PROPERTY);
        Path farm = configured != null ? Path.of(configured) : projectRoot().resolve(DEFAULT_FARM);
        if (!Files.isDirectory(farm)) {
            throw new IllegalStateException("no generated farm at " + farm.toAbsolutePath() + ": make it with "
                    + "'bin/chimera generate --out " + DEFAULT_FARM + " --files 2000 --seed 1 --period 10m' from the "
                    + "project root, or pass -D" + FARM_PROPERTY + "=DIR (or run only -p fileSet=corpus)");
        }
        return farm.toAbsolutePath().normalize();
    }

    private static Path corpus() {
        for (String configured : new String[] {System.getProperty(CORPUS_PROPERTY), System.getenv("CHIMERA_CORPUS")}) {
            if (configured != null && Files.isDirectory(Path.of(configured))) {
                return Path.of(configured).toAbsolutePath().normalize();
            }
        }
        Path candidate = projectRoot().resolveSibling("shared").resolve("corpus");
        if (Files.isDirectory(candidate)) {
            return candidate.normalize();
        }
        throw new IllegalStateException("no corpus at " + candidate + ": pass -D" + CORPUS_PROPERTY + "=DIR or set "
                + "$CHIMERA_CORPUS (or run only -p fileSet=generated)");
    }

    /** The checkout holding this module, so the jar runs the same from the project root or from bench/. */
    static Path projectRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bench").resolve("pom.xml"))) {
                return dir;
            }
        }
        return start;
    }
}
