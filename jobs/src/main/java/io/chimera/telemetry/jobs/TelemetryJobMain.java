package io.chimera.telemetry.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The entry point for a Flink cluster ({@code flink run -c io.chimera.telemetry.jobs.TelemetryJobMain}, or the
 * REST API's {@code entryClass}): the same flags as {@code bin/chimera run}, on the cluster's environment. It
 * never calls System.exit, which would take the JobManager down with it under web submission.
 */
public final class TelemetryJobMain {

    private TelemetryJobMain() {}

    public static void main(String[] args) throws Exception {
        JobSettings settings = JobArguments.parse(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Pipelines.configure(env, settings);
        Pipelines.telemetryJob(settings).execute(env, "chimera-telemetry");
    }
}
