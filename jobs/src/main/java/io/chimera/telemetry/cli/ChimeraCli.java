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
                --events            print the metric events themselves as JSON lines instead
                --verbose           also report, on stderr, the files that are skipped and why
                --max-file-bytes N  files larger than N bytes become dead letters (default 33554432)
              run             Run the streaming job (lands with the streaming core; prints "not yet" until then).
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
            case "run" -> {
                err.println("not yet: the streaming job lands with the streaming-core issue; use 'bin/chimera parse'.");
                yield USAGE;
            }
            default -> {
                err.println("unknown command '" + args[0] + "'");
                err.print(HELP);
                yield USAGE;
            }
        };
    }
}
