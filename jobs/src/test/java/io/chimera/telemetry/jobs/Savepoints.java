package io.chimera.telemetry.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

/** Stopping a test's job with a savepoint, once all its tasks are running (a busy machine starts them slowly). */
final class Savepoints {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private Savepoints() {}

    static String stopWithSavepoint(JobClient job, Path directory) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                return job.stopWithSavepoint(false, directory.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
            } catch (ExecutionException e) {
                boolean starting = String.valueOf(e.getMessage()).contains("Not all required tasks are currently");
                if (!starting || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
