package io.chimera.telemetry.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** bin/chimera as a user runs it, on the jar this build just packaged, with its output captured. */
final class BinChimera {

    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();

    record Result(int exit, String stdout, String stderr) {}

    private BinChimera() {}

    /** @param environment set for the process on top of this one's */
    static Result run(Map<String, String> environment, Duration limit, String... args)
            throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("chimera-out", ".txt");
        Path stderr = Files.createTempFile("chimera-err", ".txt");
        List<String> command = new ArrayList<>(List.of("bash", PROJECT.resolve("bin/chimera").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        // The jar under test was packaged by this very build; do not rebuild it from inside the build.
        builder.environment().put("CHIMERA_SKIP_BUILD", "1");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            process.destroyForcibly();
            String log = Files.readString(stderr, StandardCharsets.UTF_8);
            throw new AssertionError("bin/chimera " + String.join(" ", args) + " did not finish in "
                    + limit.toSeconds() + " s: " + log.substring(Math.max(0, log.length() - 2000)));
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
