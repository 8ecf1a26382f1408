package io.chimera.telemetry.cli;

import io.chimera.telemetry.aggregate.CombineFileValues;
import io.chimera.telemetry.emit.KafkaPreflight;
import io.chimera.telemetry.emit.KafkaSettings;
import io.chimera.telemetry.jobs.JobArguments;
import io.chimera.telemetry.jobs.JobSettings;
import io.chimera.telemetry.jobs.Pipelines;
import io.chimera.telemetry.jobs.RunFolder;
import io.chimera.telemetry.rerun.LedgerKind;
import io.chimera.telemetry.rerun.NewOrChangedOnly;
import io.chimera.telemetry.rerun.RerunLedger;
import io.chimera.telemetry.source.LocalArtifacts;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** {@code bin/chimera run}: the telemetry job on a local Flink (a MiniCluster in this JVM). */
final class RunCommand {

    /** Starts over: earlier state and outputs are moved aside, nothing is resumed or skipped. */
    static final String FRESH = "--fresh";
    /** How long a stop waits for the job's tasks to be running (a run stopped as it starts) before it cancels. */
    static final java.time.Duration STOP_WAIT = java.time.Duration.ofSeconds(60);

    /** How long a run waits for Kafka to answer before it gives up, without starting the job. */
    static final java.time.Duration KAFKA_PREFLIGHT = java.time.Duration.ofSeconds(30);

    private static final DateTimeFormatter TAKEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final PrintStream err;

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) throws Exception {
        if (java.util.Arrays.asList(args).contains("--help")
                || java.util.Arrays.asList(args).contains("-h")) {
            out.print(ChimeraCli.HELP);
            return ChimeraCli.OK;
        }
        boolean fresh = java.util.Arrays.asList(args).contains(FRESH);
        JobSettings settings;
        try {
            settings = JobArguments.parse(
                    java.util.Arrays.stream(args).filter(a -> !a.equals(FRESH)).toArray(String[]::new));
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
        out.println("  narrator:     "
                + (settings.llm().isBuiltin()
                        ? "built-in"
                        : settings.llm().backend() + " " + settings.llm().model() + " at "
                                + settings.llm().baseUrl()));
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
                    + settings.checkpointInterval().toSeconds() + " s; Ctrl-C stops with a savepoint)");
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
        try (RunFolder folder = RunFolder.open(output)) {
            if (fresh) {
                folder.setAside(java.time.Instant.now())
                        .ifPresent(aside -> out.println("  --fresh:      earlier state and outputs moved to " + aside));
            }
            if (settings.bounded() && folder.latest().isPresent()) {
                err.println("run: " + folder.output() + " holds the state of a watching run (" + RunFolder.SAVEPOINTS
                        + ", " + RunFolder.CHECKPOINTS + "): with --once, every window would be emitted again. Resume"
                        + " it without --once, or start over with --fresh (earlier outputs are moved aside), or use"
                        + " another --output.");
                return 1;
            }
            if (!settings.bounded() && RerunLedger.isIn(folder.output())) {
                err.println("run: " + folder.output() + " holds the outputs of runs with --once: a watching run would"
                        + " emit their windows again. Run with --once again, or start over with --fresh (earlier"
                        + " outputs are moved aside), or use another --output.");
                return 1;
            }
            return settings.bounded() ? readOnce(settings) : watch(settings, folder);
        } catch (RunFolder.Busy busy) {
            err.println("run: " + busy.getMessage());
            return 1;
        }
    }

    private int readOnce(JobSettings settings) throws Exception {
        StreamExecutionEnvironment env = Pipelines.localEnvironment(settings);
        Pipelines.telemetryJob(settings).build(env);
        JobClient job = env.executeAsync("chimera-telemetry");
        JobExecutionResult result = reportProgress(job, filesFound(settings));
        long first = counted(result, NewOrChangedOnly.newAccumulator(LedgerKind.SUMMARIES));
        long revised = counted(result, NewOrChangedOnly.revisedAccumulator(LedgerKind.SUMMARIES));
        long unchanged = counted(result, NewOrChangedOnly.unchangedAccumulator(LedgerKind.SUMMARIES));
        if (revised + unchanged == 0) {
            out.println("done: " + first + " windows reported.");
        } else {
            out.println("done: " + first + " new and " + revised + " revised windows reported; " + unchanged
                    + " unchanged since the last run over this output, not emitted again.");
        }
        return ChimeraCli.OK;
    }

    /**
     * Until Ctrl-C or SIGTERM, then stops with a savepoint without draining (open windows stay open); resumes from
     * the newest savepoint or retained checkpoint of the same output, so no file is read twice or skipped across
     * stops and every window is reported once.
     */
    private int watch(JobSettings settings, RunFolder folder) throws Exception {
        Optional<RunFolder.Snapshot> resume = folder.latest();
        folder.tidy(resume);
        if (resume.isPresent()) {
            RunFolder.Snapshot from = resume.get();
            out.println("  resuming:     from the " + (from.savepoint() ? "savepoint" : "checkpoint") + " of "
                    + TAKEN.format(from.taken()) + " (" + from.path() + "); --fresh starts over");
        } else {
            out.println("  state:        " + folder.output() + "/" + RunFolder.CHECKPOINTS + " (a run with this"
                    + " --output resumes from it)");
        }
        out.flush();
        CompletableFuture<String> stop = StopSignals.install();
        StreamExecutionEnvironment env = Pipelines.localEnvironment(
                settings, resume.map(RunFolder.Snapshot::path).orElse(null));
        Pipelines.telemetryJob(settings).build(env);
        JobClient job = env.executeAsync("chimera-telemetry");
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        try (AutoCloseable dashboard = Pipelines.openDashboard(settings, env)) {
            CompletableFuture.anyOf(result, stop).handle((done, failed) -> null).get();
            if (!result.isDone()) {
                return stopWithSavepoint(job, folder, stop.get());
            }
            result.get();
        } catch (ExecutionException failed) {
            if (resume.isEmpty()) {
                throw failed;
            }
            err.println(
                    "run: the job failed after resuming from " + resume.get().path() + ": "
                            + rootMessage(failed) + ". If it cannot resume from there (settings changed, a different"
                            + " version), --fresh starts over with earlier outputs moved aside.");
            return 1;
        }
        out.println("done.");
        return ChimeraCli.OK;
    }

    private int stopWithSavepoint(JobClient job, RunFolder folder, String signal) throws Exception {
        err.println("stopping: taking a savepoint (SIG" + signal + " again quits at once)...");
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (true) {
            try {
                String savepoint = job.stopWithSavepoint(
                                false, folder.savepoints().toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
                out.println("stopped with a savepoint: " + Path.of(java.net.URI.create(savepoint)));
                out.println("  the next run with --output " + folder.output() + " resumes from it");
                return ChimeraCli.OK;
            } catch (ExecutionException e) {
                boolean starting = false;
                for (Throwable t = e; t != null && !starting; t = t.getCause()) {
                    starting = String.valueOf(t.getMessage()).contains("Not all required tasks are currently");
                }
                if (starting && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    continue;
                }
                err.println("stop: no savepoint (" + rootMessage(e) + "); cancelling instead: the last checkpoint"
                        + " stays, and the next run resumes from it");
                job.cancel().get();
                return 1;
            }
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private static long counted(JobExecutionResult result, String accumulator) {
        Object value = result.getAccumulatorResult(accumulator);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** Every two seconds on stderr when it moved: files accounted for of those found at the start. */
    private JobExecutionResult reportProgress(JobClient job, long found) throws Exception {
        var result = job.getJobExecutionResult();
        Object printed = null;
        while (true) {
            try {
                var finished = result.get(2, java.util.concurrent.TimeUnit.SECONDS);
                Object done = finished.getAccumulatorResult(CombineFileValues.FILES_DONE_ACCUMULATOR);
                if (done == null || !done.equals(printed)) {
                    err.println("progress: " + (done == null ? 0 : done) + " of " + found + " files");
                }
                return finished;
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
