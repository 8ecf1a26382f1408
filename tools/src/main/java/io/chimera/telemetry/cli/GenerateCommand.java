package io.chimera.telemetry.cli;

import io.chimera.telemetry.generate.FarmGenerator;
import io.chimera.telemetry.generate.GroundTruth;
import io.chimera.telemetry.generate.PatternFarm;
import io.chimera.telemetry.jobs.JobArguments;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * {@code bin/chimera generate}: a benchmark farm of N files, deterministic from a seed; or, with {@code --live},
 * new runs at a steady rate, timed now, until the duration is over; or, with {@code --patterns}, a farm of known
 * changes and its ground truth ({@link PatternFarm}).
 */
final class GenerateCommand {

    private final PrintStream out;
    private final PrintStream err;

    GenerateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) throws Exception {
        int files = 100;
        Path output = null;
        long seed = 1;
        int rows = 5;
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Duration period = Duration.ofHours(1);
        boolean live = false;
        double rate = 2.0;
        Duration duration = Duration.ofMinutes(10);
        boolean patterns = false;
        int runs = PatternFarm.DEFAULT_RUNS;
        PatternFarm.Naming naming = PatternFarm.Naming.NONE;
        try {
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                switch (flag) {
                    case "--files" -> files = Integer.parseInt(next(args, ++i, flag));
                    case "--out" -> output = Path.of(next(args, ++i, flag));
                    case "--seed" -> seed = Long.parseLong(next(args, ++i, flag));
                    case "--rows" -> rows = Integer.parseInt(next(args, ++i, flag));
                    case "--start" -> start = Instant.parse(next(args, ++i, flag));
                    case "--period" -> period = JobArguments.duration(next(args, ++i, flag), flag);
                    case "--live" -> live = true;
                    case "--rate" -> rate = Double.parseDouble(next(args, ++i, flag));
                    case "--duration" -> duration = JobArguments.duration(next(args, ++i, flag), flag);
                    case "--patterns" -> patterns = true;
                    case "--runs" -> runs = Integer.parseInt(next(args, ++i, flag));
                    case "--naming" -> naming = PatternFarm.Naming.parse(next(args, ++i, flag));
                    default -> throw new IllegalArgumentException("unknown option '" + flag + "' for generate");
                }
            }
            if (output == null) {
                throw new IllegalArgumentException("generate needs --out DIR");
            }
            if (files < 0 || rows < 1 || rate <= 0) {
                throw new IllegalArgumentException("--files ≥ 0, --rows ≥ 1 and --rate > 0, please");
            }
            if (patterns && live) {
                throw new IllegalArgumentException("--patterns writes a history, not live runs");
            }
            if (patterns && runs < PatternFarm.MIN_RUNS) {
                throw new IllegalArgumentException("--runs must be at least " + PatternFarm.MIN_RUNS);
            }
        } catch (IllegalArgumentException e) {
            err.println("generate: " + e.getMessage());
            return ChimeraCli.USAGE;
        }
        if (patterns) {
            GroundTruth truth = new PatternFarm(output, runs, naming).generate(seed);
            out.println("generated " + truth.suites().size() + " suites × " + runs + " runs under "
                    + output.toAbsolutePath() + "; where the changes are: "
                    + output.resolve(GroundTruth.FILE_NAME).toAbsolutePath());
            return ChimeraCli.OK;
        }
        FarmGenerator generator = new FarmGenerator(output, rows);
        if (!live) {
            generator.generate(files, seed, start, period);
            out.println("generated " + files + " files under " + output.toAbsolutePath());
            return ChimeraCli.OK;
        }
        SplittableRandom random = new SplittableRandom(seed);
        long intervalNanos = (long) (1_000_000_000L / rate);
        long begin = System.nanoTime();
        long end = begin + duration.toNanos();
        int written = 0;
        for (long due = begin; due < end; due += intervalNanos) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            generator.writeFinished(written++, Instant.now(), random.split());
        }
        out.println("wrote " + written + " files under " + output.toAbsolutePath());
        return ChimeraCli.OK;
    }

    private static String next(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }
}
