package io.chimera.telemetry.jobs;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The entry point for a Flink cluster ({@code flink run -c io.chimera.telemetry.jobs.TelemetryJobMain}, or the
 * REST API's {@code entryClass}): the same flags as {@code bin/chimera run}, on the cluster's environment, which
 * may also hold the options as {@code -Dchimera.<name>=value} ({@link JobOptions}; the flags win). It never calls
 * System.exit, which would take the JobManager down with it under web submission.
 */
public final class TelemetryJobMain {

    private TelemetryJobMain() {}

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ReadableConfig cluster = env.getConfiguration();
        Configuration base = cluster instanceof Configuration configuration ? configuration : new Configuration();
        JobSettings settings = JobSettings.from(JobArguments.configuration(args, base));
        Pipelines.configure(env, settings);
        Pipelines.telemetryJob(settings).execute(env, "chimera-telemetry");
    }
}
