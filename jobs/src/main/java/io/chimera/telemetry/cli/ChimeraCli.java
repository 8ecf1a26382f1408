package io.chimera.telemetry.cli;

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
                              JSON line per file: path, format, status (parsed | dead_letter), events,
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
                --input DIR              a folder to watch, recursively (repeatable; default: samples/)
                --include GLOB           read only files matching a glob (repeatable): with a '/' it matches
                                         the path below the input folder ('runs/**'), without one the
                                         file's name at any depth ('*.json')
                --exclude GLOB           leave out files matching a glob (repeatable), e.g. '**/base/*'
                --output DIR             where stats/, summaries/, reports/, alerts/, dead-letters/ and
                                         too-late/ go (default chimera-out)
                --once | --watch         read what is there and exit | keep watching (default)
                                         A watching run stops on Ctrl-C or SIGTERM with a savepoint in the
                                         output folder (open windows stay open; twice quits at once), and
                                         the next run with the same --output resumes from it, or from the
                                         last checkpoint of a run that was killed
                --fresh                  start over: earlier state and outputs go to <output>/previous/<time>/
                --window 1m              window size
                --time-basis landed      landed: a file's values count in the window it landed in (its
                                         modification time); measured: in the windows of the rows' own times
                --out-of-orderness 5s    how long after a window ends its first report waits for stragglers
                --flush-timeout 5s       quiet time after which the last window closes without newer data
                --revision-horizon 7d    how long after a window closed late files still revise it (a new
                                         revision of its statistics and report); later ones go to too-late/
                --settle-time 1s         a file is read once it has not changed for this long
                --discovery-interval 2s  how often the folders are listed again (--watch)
                --discovery-lookback 1h  files modified this long before the newest one read count as read
                                         (--watch; keeps the source's state bounded: see the writer contract)
                --checkpoint-interval 10s
                --parallelism 1
                --web-ui-port 8081       0 for none
                --web-ui-bind 127.0.0.1  where the dashboard listens; another address (0.0.0.0: every one)
                                         opens it read-only: anyone who reaches the port sees the job, its
                                         settings, metrics and logs, but cannot submit, cancel or stop jobs (the
                                         REST API and every other port stay on loopback)
                --max-file-bytes N       larger files become dead letters (default 33554432)
                --series-template T      how a file's path names its series, e.g. '{suite}/{model}/run_{run}/{file}':
                                         one part per folder level, {run} is the run, {file} the file name, {_}
                                         anything, other {names} dimensions (default: run counters, dates,
                                         timestamps and hashes dropped from names; gpu80_ctx512 and num_ctx=512
                                         become settings; a folder named after a model the model)
                Narrator (default: the built-in one, no LLM needed):
                --llm builtin|ollama|openai
                --llm-url URL            default http://localhost:11434 (ollama), http://localhost:8000/v1 (openai)
                --llm-model NAME         default gemma3:latest (ollama)
                --ollama-api generate|chat
                --num-gpu N --num-ctx N --temperature X --top-p X --top-k N --repeat-penalty X
                --num-predict N --seed N (or --llm-option name=value)
                --persona insight|collector|two-stage
                --llm-timeout 60s --llm-retries 3 --llm-max-in-flight 4 --no-stream
                --narration-max-backlog 1000 --narration-max-age 2h   windows waiting for the LLM
                --llm-budget 1h          how long --once waits at its end for the LLM's narratives
                --llm-api-key-env NAME   environment variable with the OpenAI-compatible API key
                Regressions (a window's mean against its series' last windows):
                --baseline-windows 20 --min-baseline 5
                --regression-threshold 10%  --regression-z 4   both must be exceeded
                --regression-rule 'ttft*=15%,4,lower'          per metric glob: threshold, z, direction
                --baseline-reset-file FILE   lines 'SUITE/METRIC-GLOB ISO-TIME': forget windows before
                Kafka (off unless --kafka-bootstrap is given; file outputs stay on):
                --kafka-bootstrap HOST:PORT
                --kafka-property key=value          producer settings (SASL, SSL, ...), repeatable
                --kafka-topic-reports chimera.reports --kafka-topic-stats chimera.stats
                --kafka-topic-dead-letters chimera.dead-letters --kafka-topic-alerts chimera.alerts
                --kafka-delivery exactly-once|at-least-once
                --kafka-transactional-id-prefix chimera-telemetry   unique per job on a cluster
                --kafka-transaction-timeout 10m     below the broker's transaction.max.timeout.ms (15m)
              generate        Write a benchmark farm in the shapes of real artifacts (CSV runs and sweeps, nested
                              JSON, Markdown tables, JMH, hyperfine), deterministic from a seed.
                --out DIR --files 100 --seed 1 --rows 5 --start 2026-01-01T00:00:00Z --period 1h
                --live --rate 2 --duration 10m   keep writing new runs, timed now (write, then rename)
                --patterns [--runs 80] [--naming none|model]
                                 instead: a farm of known changes for scoring regression detection: one suite
                                 per pattern (steps, a step in 10 % noise, a 5 % step, noise, a variance change,
                                 drift, outliers, ...), one CSV per one-minute run (timestamp,tokens_s,latency_ms;
                                 model: plus a constant model column), and DIR/_truth.json, where the changes are
              bench           Measure the parse layer alone and the bounded job on generated farms.
                --files 1000,10000 --parallelism 1,2 --period 10m --work target/bench
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
              help            Show this text (also --help, -h).

            Formats read: .csv, .tsv, .json, .jsonl/.ndjson, .md/.markdown. Other files are skipped.
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
