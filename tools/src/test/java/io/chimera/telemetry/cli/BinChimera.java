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

    static final Path PROJECT = Path.of("").toAbsolutePath().getParent();

    record Result(int exit, String stdout, String stderr) {}

    private BinChimera() {}

    /** @param environment set for the process on top of this one's */
    static Result run(Map<String, String> environment, Duration limit, String... args)
            throws IOException, InterruptedException {
        try (Running running = start(environment, args)) {
            if (!running.process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                running.process.destroy();
                running.process.waitFor(10, TimeUnit.SECONDS);
                running.process.destroyForcibly();
                String log = running.stderr();
                throw new AssertionError("bin/chimera " + String.join(" ", args) + " did not finish in "
                        + limit.toSeconds() + " s: " + log.substring(Math.max(0, log.length() - 2000)));
            }
            return new Result(running.process.exitValue(), running.stdout(), running.stderr());
        }
    }

    /** Started in the background, as a service manager or a terminal holds it; closing it kills it if still up. */
    static Running start(Map<String, String> environment, String... args) throws IOException {
        Path stdout = Files.createTempFile("chimera-out", ".txt");
        Path stderr = Files.createTempFile("chimera-err", ".txt");
        List<String> command =
                new ArrayList<>(List.of("bash", PROJECT.resolve("bin/chimera").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        // The jar under test was packaged by this very build; do not rebuild it from inside the build.
        builder.environment().put("CHIMERA_SKIP_BUILD", "1");
        builder.environment().putAll(environment);
        return new Running(builder.start(), stdout, stderr);
    }

    static final class Running implements AutoCloseable {

        private final Process process;
        private final Path stdout;
        private final Path stderr;

        private Running(Process process, Path stdout, Path stderr) {
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        String stdout() throws IOException {
            return Files.readString(stdout, StandardCharsets.UTF_8);
        }

        String stderr() throws IOException {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** SIGTERM, as a service manager stops it (bin/chimera execs the JVM, so the signal reaches it). */
        Result terminate(Duration limit) throws IOException, InterruptedException {
            process.destroy();
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("still running " + limit.toSeconds() + " s after SIGTERM: " + tail(stderr()));
            }
            return new Result(process.exitValue(), stdout(), stderr());
        }

        /** SIGKILL: a crash, an OOM killer, a pulled plug. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws IOException {
            process.destroyForcibly();
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }

        private static String tail(String log) {
            return log.substring(Math.max(0, log.length() - 2000));
        }
    }
}
