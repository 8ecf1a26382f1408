package io.chimera.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** bin/chimera as a user runs it, on the jar this build just packaged. */
class BinChimeraIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();

    @Test
    void parseCommandPrintsOneLinePerCorpusFileAndExitsZero() throws Exception {
        Path corpus = Corpus.root();

        Result result = binChimera("parse", corpus.toString());

        assertEquals(0, result.exit, result.stderr);
        long lines = result.stdout.lines().filter(l -> l.startsWith("{\"path\":")).count();
        assertEquals(118, lines, "101 chimera + 16 formats artifacts + the corpus README.md");
        assertEquals(lines, result.stdout.lines().count());
    }

    @Test
    void helpListsTheSubCommands() throws Exception {
        Result result = binChimera("--help");

        assertEquals(0, result.exit, result.stderr);
        assertTrue(result.stdout.contains("parse PATH..."), result.stdout);
    }

    private record Result(int exit, String stdout, String stderr) {}

    private static Result binChimera(String... args) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("chimera-out", ".txt");
        Path stderr = Files.createTempFile("chimera-err", ".txt");
        List<String> command = new java.util.ArrayList<>(List.of("bash", PROJECT.resolve("bin/chimera").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        // The jar under test was packaged by this very build; do not rebuild it from inside the build.
        builder.environment().put("CHIMERA_SKIP_BUILD", "1");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/chimera " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
