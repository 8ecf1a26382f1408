package io.chimera.telemetry.cli;

import java.util.concurrent.CompletableFuture;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop a watching run well, instead of the JVM's immediate shutdown: the
 * shutdown hooks of Flink's own services (blob server, I/O manager) would run alongside a savepoint and break it. A
 * second signal quits at once. A signal the process ignores (SIGINT for a job started in the background by a shell)
 * stays ignored.
 */
final class StopSignals {

    /** Exit status of a process quit by a second signal, the shell's 128 + SIGINT. */
    static final int QUIT_AT_ONCE = 130;

    private StopSignals() {}

    /** Completes with the signal's name ("INT", "TERM") on the first one. */
    static CompletableFuture<String> install() {
        CompletableFuture<String> requested = new CompletableFuture<>();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> {
                if (!requested.complete(signal.getName())) {
                    Runtime.getRuntime().halt(QUIT_AT_ONCE);
                }
            });
        }
        return requested;
    }
}
