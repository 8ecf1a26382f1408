package io.chimera.telemetry.cli;

import io.chimera.telemetry.jobs.JobOptions;
import java.io.PrintStream;
import java.util.Arrays;

/** {@code bin/chimera}: the command line of Chimera Telemetry. */
public final class ChimeraCli {

    static final int OK = 0;
    static final int USAGE = 2;

    static final String HELP = """
            Chimera Telemetry: benchmark artifacts in, statistics and narrative reports out, continuously.

            Usage: bin/chimera <command> [options]

            Commands:
              parse PATH...   Parse files or whole folders (recursively) without running a Flink job; prints one
                              JSON line per file: path, format, status (parsed | ignored | dead_letter), events,
                              failedRows, reason. Shows why a file yields no numbers.
                --events            print the metric events themselves as JSON lines instead, each with
                                    its series (what names it across runs) and the run its path names
                --series-template T name series from paths as the job does with the same flag
                --verbose           also report, on stderr, the files that are skipped and why
                --include GLOB      parse only the files the job would read with the same flag (repeatable)
                --exclude GLOB      leave out the files the job would leave out with the same flag
                --max-file-bytes N  files larger than N bytes become dead letters (default 33554432)
              run             Run the telemetry job on a local Flink (continuous by default, Web UI on :8081).
                --config FILE            YAML whose keys are these flags without dashes; flags override it
                --fresh                  start over: earlier state and outputs go to <output>/previous/<time>/
                A watching run stops on Ctrl-C or SIGTERM with a savepoint in the output folder (open windows
                stay open; twice quits at once), and the next run with the same --output resumes from it, or
                from the last checkpoint of a run that was killed.
            """ + JobOptions.help("    ") + """
              generate        Write a benchmark farm in the shapes of real artifacts (CSV runs and sweeps, nested
                              JSON, Markdown tables, JMH, hyperfine), deterministic from a seed.
                --out DIR --files 100 --seed 1 --rows 5 --start 2026-01-01T00:00:00Z --period 1h
                --live --rate 2 --duration 10m   keep writing new runs, timed now (write, then rename)
                --patterns [--runs 80] [--naming none|model]
                                 instead: a farm of known changes for scoring regression detection: one suite
                                 per pattern (steps, a step in 10 % noise, a 5 % step, noise, a variance change,
                                 drift, outliers, ...), one CSV per one-minute run (timestamp,tokens_s,latency_ms;
                                 model: plus a constant model column), and DIR/_truth.json, where the changes are
              bench           Measure the bounded job on generated farms (the parse layer alone: the JMH
                              benchmark in bench/, docs/BENCHMARKS.md).
                --files 1000,10000 --parallelism 1,2 --period 10m --work target/bench
                --no-baseline    without the plain FileSource job measured before each bounded run
                --source-state [--files-per-hour 417] [--lookback 1h]
                                 the continuous source's checkpoint and heap as one farm's history grows
                                 (uses the last --parallelism)
                --latency        instead: landing-to-report latency p50/p99, continuous mode, new runs landing
                                 --rate 5 a second for --duration 90s (--rows 1); run flags such as --window 10s
                                 --discovery-interval 1s --out-of-orderness 1s --settle-time 0s pass to the job
                --slow-llm       instead: ingestion files/s in continuous mode with an Ollama mock answering after
                                 --llm-delay 30s, beside the built-in narrator (--files 10000 --period 10m
                                 --rounds 2 --warm-ups 1; run flags such as --window 10s pass to the job)
                --narration      instead: the narration backlog on a live farm of --suites 12 landing one run a
                                 window for --minutes 60, time compressed --scale 10 (1-minute windows, an Ollama
                                 mock answering after --llm-delay 30s), beside the built-in narrator: numbers out,
                                 backlog over time, narrated / superseded / skipped, narration latency p50/p99
                --revision-state instead: state and checkpoint bytes of the revisable windows, continuous mode,
                                 on farms of 10 suites landing 10 files a minute (200 series) over --history
                                 1d,7d, for each of --horizons 1d,7d; --state-backend hashmap|rocksdb (or both,
                                 comma-separated) --time-limit 20m a run --heap-histogram N (largest classes);
                                 run flags such as --checkpoint-interval 10s pass to the job
                --detection      instead: regression detection quality on pattern farms (generate --patterns)
                                 for each of --seeds 1,2,3 (--runs 80 --naming model|none): the bounded job with
                                 1-minute windows, its alerts scored against the truth per pattern: detections,
                                 duplicates, false alarms, misses, precision, recall, F1, delay in windows;
                                 --list-alerts prints each alert's verdict; run flags such as
                                 --regression-z 5 pass to the job
                --listing        instead: one listing of continuous mode on a farm of --files 1000000 in
                                 --folders 100000 run folders with --history 100d, after --new-files 100
                                 landed: remembering the folders read beside reading every folder
                                 (--rounds 3; the farm is kept under --work for the next run)
              help            Show this text (also --help, -h).

            Formats read: .csv, .tsv, .json, .jsonl/.ndjson, .md/.markdown, .txt/.log (and github-action-benchmark's
            data.js). Other files are skipped.
            """;

    private ChimeraCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(HELP);
            return USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "help", "--help", "-h" -> {
                out.print(HELP);
                yield OK;
            }
            case "parse" -> new ParseCommand(out, err).run(rest);
            case "bench" -> {
                try {
                    yield new BenchCommand(out, err).run(rest);
                } catch (Exception e) {
                    err.println("bench: " + e);
                    yield 1;
                }
            }
            case "generate" -> {
                try {
                    yield new GenerateCommand(out, err).run(rest);
                } catch (Exception e) {
                    err.println("generate: " + e);
                    yield 1;
                }
            }
            case "run" -> {
                try {
                    yield new RunCommand(out, err).run(rest);
                } catch (Exception e) {
                    err.println("run: the job failed: " + e);
                    e.printStackTrace(err);
                    yield 1;
                }
            }
            default -> {
                err.println("unknown command '" + args[0] + "'");
                err.print(HELP);
                yield USAGE;
            }
        };
    }
}
