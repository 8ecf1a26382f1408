package io.chimera.telemetry.cli;

import io.chimera.telemetry.jobs.JobArguments;
import io.chimera.telemetry.jobs.JobSettings;
import io.chimera.telemetry.jobs.KafkaSettings;
import io.chimera.telemetry.jobs.Pipelines;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code bin/chimera run}: the telemetry job on a local Flink (a MiniCluster in this JVM). */
final class RunCommand {

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
                    + kafka.statsTopic() + ", " + kafka.deadLettersTopic() + " ("
                    + (kafka.exactlyOnce() ? "exactly once, committed at each checkpoint" : "at least once") + ")");
        }
        if (!settings.bounded()) {
            if (settings.webUiPort() > 0) {
                out.println("  Flink Web UI: http://localhost:" + settings.webUiPort());
            }
            out.println("  (output files are committed at each checkpoint, every "
                    + settings.checkpointInterval().toSeconds() + " s; stop with Ctrl-C)");
        }
        out.flush();
        Pipelines.telemetryJob(settings).execute(Pipelines.localEnvironment(settings), "chimera-telemetry");
        out.println("done.");
        return ChimeraCli.OK;
    }

}
