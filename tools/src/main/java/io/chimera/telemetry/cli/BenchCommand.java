package io.chimera.telemetry.cli;

import io.chimera.telemetry.aggregate.CombineFileValues;
import io.chimera.telemetry.harness.BenchFarm;
import io.chimera.telemetry.harness.DetectionBench;
import io.chimera.telemetry.harness.FileSourceBaseline;
import io.chimera.telemetry.harness.LatencyBench;
import io.chimera.telemetry.harness.ListingBench;
import io.chimera.telemetry.harness.NarrationBench;
import io.chimera.telemetry.harness.RevisionStateBench;
import io.chimera.telemetry.harness.SlowLlmBench;
import io.chimera.telemetry.harness.SourceStateBench;
import io.chimera.telemetry.jobs.JobArguments;
import io.chimera.telemetry.jobs.JobSettings;
import io.chimera.telemetry.jobs.Pipelines;
import io.chimera.telemetry.source.DiscoverySettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code bin/chimera bench}: on generated farms of the given sizes, the parse layer alone on one thread (the raw
 * loop: read each file, parse every number) beside the whole bounded job at each parallelism, as one Markdown
 * table. With {@code --source-state}: the continuous source's checkpoint and heap as a farm's history grows
 * ({@link SourceStateBench}); {@code --latency}, {@code --slow-llm} and {@code --revision-state} run the
 * continuous-mode measurements ({@link LatencyBench}, {@link SlowLlmBench}, {@link RevisionStateBench});
 * {@code --detection} scores the regression check on a farm of known changes ({@link DetectionBench});
 * {@code --listing} times continuous mode's listing of a farm with a long history ({@link ListingBench}).
 * Wall-clock times on this machine; docs/BENCHMARKS.md says how to read them.
 */
final class BenchCommand {

    private final PrintStream out;
    private final PrintStream err;

    BenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean latency = rest.remove("--latency");
        boolean slowLlm = rest.remove("--slow-llm");
        boolean revisionState = rest.remove("--revision-state");
        boolean detection = rest.remove("--detection");
        boolean narration = rest.remove("--narration");
        boolean listing = rest.remove("--listing");
        if (latency || slowLlm || revisionState || detection || narration || listing) {
            if (Stream.of(latency, slowLlm, revisionState, detection, narration, listing)
                            .filter(chosen -> chosen)
                            .count()
                    > 1) {
                err.println("bench: --latency, --slow-llm, --revision-state, --detection, --narration and --listing run"
                        + " one at a time");
                return ChimeraCli.USAGE;
            }
            try {
                if (listing) {
                    new ListingBench(out).run(rest);
                } else if (narration) {
                    new NarrationBench(out).run(rest);
                } else if (detection) {
                    new DetectionBench(out).run(rest);
                } else if (latency) {
                    new LatencyBench(out).run(rest);
                } else if (slowLlm) {
                    new SlowLlmBench(out).run(rest);
                } else {
                    new RevisionStateBench(out, err).run(rest);
                }
            } catch (IllegalArgumentException e) {
                err.println("bench: " + e.getMessage());
                return ChimeraCli.USAGE;
            }
            return ChimeraCli.OK;
        }
        List<Integer> sizes = List.of(1000, 10_000);
        List<Integer> parallelisms = List.of(1, 2);
        Path work = Path.of("target", "bench");
        Duration period = Duration.ofMinutes(10);
        boolean sourceState = false;
        boolean baseline = true;
        Duration lookback = DiscoverySettings.DEFAULT_LOOKBACK;
        int filesPerHour = 417;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--source-state" -> sourceState = true;
                case "--no-baseline" -> baseline = false;
                case "--lookback" -> lookback = JobArguments.duration(args[++i], "--lookback");
                case "--files-per-hour" -> filesPerHour = Integer.parseInt(args[++i]);
                case "--files" -> sizes = integers(args[++i]);
                case "--parallelism" -> parallelisms = integers(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--period" -> period = JobArguments.duration(args[++i], "--period");
                default -> {
                    err.println("bench: unknown option '" + args[i] + "'");
                    return ChimeraCli.USAGE;
                }
            }
        }
        if (sourceState) {
            new SourceStateBench(out)
                    .run(sizes, filesPerHour, lookback, parallelisms.get(parallelisms.size() - 1), work);
            return ChimeraCli.OK;
        }
        out.println("Farms: " + sizes + " files, timestamps over " + period.toMinutes() + " min (1-minute windows)");
        out.println();
        out.println("Seconds: wall clock of execute(), the local cluster's start and stop included; job seconds: the"
                + " job's own run time as Flink reports it.");
        out.println();
        out.println("| files | what | parallelism | seconds | job seconds | files/s | job files/s | metric events/s |");
        out.println("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int files : sizes) {
            Path farm = BenchFarm.generated(work, files, period);
            for (int parallelism : parallelisms) {
                if (baseline) {
                    baseline(farm, files, parallelism);
                }
                job(farm, work.resolve("out-" + files + "-p" + parallelism), files, parallelism);
            }
        }
        return ChimeraCli.OK;
    }

    private void job(Path farm, Path output, int files, int parallelism) throws Exception {
        JobSettings settings = JobArguments.parse(new String[] {
            "--once",
            "--input",
            farm.toString(),
            "--output",
            output.toString(),
            "--parallelism",
            String.valueOf(parallelism)
        });
        StreamExecutionEnvironment env = Pipelines.localEnvironment(settings);
        Pipelines.telemetryJob(settings).build(env);
        long start = System.nanoTime();
        JobExecutionResult result = env.execute("bench");
        long elapsed = System.nanoTime() - start;
        long done = ((Number) result.getAccumulatorResult(CombineFileValues.FILES_DONE_ACCUMULATOR)).longValue();
        long events = ((Number) result.getAccumulatorResult(CombineFileValues.EVENTS_ACCUMULATOR)).longValue();
        row(files, "bounded job (built-in narrator)", parallelism, elapsed, result.getNetRuntime(), done, events);
    }

    /** The plain {@code FileSource} job over the same farm: the yardstick of the job's files/s. */
    private void baseline(Path farm, int files, int parallelism) throws Exception {
        long start = System.nanoTime();
        JobExecutionResult result = FileSourceBaseline.run(farm, parallelism);
        long elapsed = System.nanoTime() - start;
        row(
                files,
                "plain FileSource job (lines read, discarded)",
                parallelism,
                elapsed,
                result.getNetRuntime(),
                files,
                0);
    }

    private void row(int files, String what, int parallelism, long nanos, long jobMillis, long done, long events) {
        double seconds = nanos / 1e9;
        double jobSeconds = jobMillis / 1e3;
        out.println(String.format(
                Locale.ROOT,
                "| %d | %s | %d | %.2f | %.2f | %.0f | %.0f | %s |",
                files,
                what,
                parallelism,
                seconds,
                jobSeconds,
                done / seconds,
                done / jobSeconds,
                events == 0 ? "" : String.format(Locale.ROOT, "%.0f", events / seconds)));
        out.flush();
    }

    private static List<Integer> integers(String list) {
        return Stream.of(list.split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
    }
}
