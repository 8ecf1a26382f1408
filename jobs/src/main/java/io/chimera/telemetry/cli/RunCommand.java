package io.chimera.telemetry.cli;

import io.chimera.telemetry.aggregate.CombineFileValues;
import io.chimera.telemetry.jobs.JobArguments;
import io.chimera.telemetry.source.LocalArtifacts;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import io.chimera.telemetry.jobs.JobSettings;
import io.chimera.telemetry.jobs.KafkaPreflight;
import io.chimera.telemetry.jobs.KafkaSettings;
import io.chimera.telemetry.jobs.Pipelines;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code bin/chimera run}: the telemetry job on a local Flink (a MiniCluster in this JVM). */
final class RunCommand {

    /** How long a run waits for Kafka to answer before it gives up, without starting the job. */
    static final java.time.Duration KAFKA_PREFLIGHT = java.time.Duration.ofSeconds(30);

    private final PrintStream out;
    private final PrintStream err;

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) throws Exception {
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            out.print(ChimeraCli.HELP);
            return ChimeraCli.OK;
        }
        JobSettings settings;
        try {
            settings = JobArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("run: " + e.getMessage());
            return ChimeraCli.USAGE;
        }
        for (String input : settings.inputs()) {
            if (!Files.isDirectory(Path.of(input))) {
                err.println("run: no such folder: " + input);
                return ChimeraCli.USAGE;
            }
            if (!Files.isReadable(Path.of(input))) {
                err.println("run: cannot read folder: " + input);
                return ChimeraCli.USAGE;
            }
        }
        Path output = Path.of(settings.output()).toAbsolutePath().normalize();
        out.println("Chimera Telemetry: " + (settings.bounded() ? "reading once" : "watching") + " "
                + String.join(", ", settings.inputs()));
        out.println("  statistics:   " + output.resolve("stats") + "/**.jsonl");
        out.println("  summaries:    " + output.resolve("summaries") + "/**.jsonl");
        out.println("  dead letters: " + output.resolve("dead-letters") + "/**.jsonl");
        out.println("  reports:      " + output.resolve("reports") + "/<suite>/<window start>.md and "
                + output.resolve("reports") + "/**.jsonl");
        out.println("  narrator:     " + (settings.llm().isBuiltin() ? "built-in"
                : settings.llm().backend() + " " + settings.llm().model() + " at " + settings.llm().baseUrl()));
        if (settings.kafka() != null) {
            KafkaSettings kafka = settings.kafka();
            out.println("  Kafka:        " + kafka.bootstrapServers() + " topics " + kafka.reportsTopic() + ", "
                    + kafka.statsTopic() + ", " + kafka.alertsTopic() + ", " + kafka.deadLettersTopic() + " ("
                    + (kafka.exactlyOnce() ? "exactly once, committed at each checkpoint" : "at least once") + ")");
        }
        if (!settings.bounded()) {
            if (settings.webUiPort() > 0) {
                boolean local = settings.webUiBind().equals(JobSettings.LOOPBACK);
                out.println("  Flink Web UI: http://" + (local ? "localhost" : settings.webUiBind()) + ":"
                        + settings.webUiPort() + (local ? "" : " (read-only)"));
            }
            out.println("  (output files are committed at each checkpoint, every "
                    + settings.checkpointInterval().toSeconds() + " s; stop with Ctrl-C)");
        }
        out.flush();
        if (settings.kafka() != null) {
            try {
                KafkaPreflight.check(settings.kafka(), KAFKA_PREFLIGHT);
            } catch (KafkaPreflight.Unreachable e) {
                err.println("run: " + e.getMessage() + " The job did not start.");
                return 1;
            }
        }
        StreamExecutionEnvironment env = Pipelines.localEnvironment(settings);
        Pipelines.telemetryJob(settings).build(env);
        JobClient job = env.executeAsync("chimera-telemetry");
        try (AutoCloseable dashboard = Pipelines.openDashboard(settings, env)) {
            if (settings.bounded()) {
                reportProgress(job, filesFound(settings));
            }
            job.getJobExecutionResult().get();
        }
        out.println("done.");
        return ChimeraCli.OK;
    }

    /** Every two seconds on stderr when it moved: files accounted for of those found at the start. */
    private void reportProgress(JobClient job, long found) throws Exception {
        var result = job.getJobExecutionResult();
        Object printed = null;
        while (true) {
            try {
                var finished = result.get(2, java.util.concurrent.TimeUnit.SECONDS);
                Object done = finished.getAccumulatorResult(CombineFileValues.FILES_DONE_ACCUMULATOR);
                if (done == null || !done.equals(printed)) {
                    err.println("progress: " + (done == null ? 0 : done) + " of " + found + " files");
                }
                return;
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                Object done = job.getAccumulators().get().get(CombineFileValues.FILES_DONE_ACCUMULATOR);
                if (done != null && !done.equals(printed)) {
                    // Only when it moved: the windows and reports after the last file would repeat it otherwise.
                    err.println("progress: " + done + " of " + found + " files");
                    printed = done;
                }
            }
        }
    }

    private static long filesFound(JobSettings settings) throws java.io.IOException {
        long found = 0;
        for (String input : settings.inputs()) {
            Path root = Path.of(input);
            found += LocalArtifacts.under(root).size();
        }
        return found;
    }

}
