package io.chimera.telemetry.generate;

import io.chimera.telemetry.generate.GroundTruth.Change;
import io.chimera.telemetry.generate.GroundTruth.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A farm with known changes, for measuring regression detection: one suite per pattern, each a sequence of
 * one-minute runs that write one CSV each ({@code <suite>/run_000.csv}, columns {@code timestamp,tokens_s,
 * latency_ms}, five rows timed inside the run's minute, the file landing at the run's end, 59 s into its minute,
 * so its window is its run's), and {@value GroundTruth#FILE_NAME} saying where the changes are.
 *
 * <p>The patterns are the (steps up and down, two successive steps, a step in heavy noise, a step below
 * the default threshold, pure noise, a change of variance only, a slow drift, single-value outliers) and two
 * from the change-point literature: a regression that is fixed ten runs later (two nearby change points, which
 * the Hunter paper changed E-Divisive to find) and heavy-tailed noise (Student's t, 3 degrees of freedom: benchmark
 * noise is seldom normal, which is why E-Divisive, as in Apache Otava, is non-parametric). A change
 * makes both metrics worse (or better) by the same percentage: throughput ({@code tokens_s}, higher is better)
 * times {@code 1 - p}, latency ({@code latency_ms}, lower is better) times {@code 1 + p}. Values are
 * {@code level × (1 + noise × ε)}, with ε standard normal unless the pattern says otherwise, and a base noise of
 * {@value #BASE_NOISE_PERCENT} %. Deterministic from the seed: the same arguments give the same bytes.
 */
public final class PatternFarm {

    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    public static final Duration RUN = Duration.ofMinutes(1);
    public static final int DEFAULT_RUNS = 80;
    /** Enough runs that the earliest change has a baseline of a dozen windows before it. */
    public static final int MIN_RUNS = 32;

    public static final int ROWS = 5;
    /** The value of the naming column with {@link Naming#MODEL}: one series per suite and metric. */
    public static final String MODEL = "gemma3";

    static final double BASE_NOISE_PERCENT = 2.5;
    static final String TOKENS = "tokens_s";
    static final String LATENCY = "latency_ms";
    /** An outlier value is this fraction of its run's throughput: one of five such values moves the mean 12 %. */
    static final double OUTLIER_FACTOR = 0.4;

    private static final String HIGHER = "higher_is_better";
    private static final String LOWER = "lower_is_better";
    /** Where a run's file lands within its minute: after its last row, before the next window. */
    private static final Duration LANDS_AFTER = Duration.ofSeconds(59);

    /** Whether the runs carry a naming column. */
    public enum Naming {
        /** None: under today's series identity every file is its own series. */
        NONE,
        /** A constant {@code model} column: one suite's runs are one series per metric. */
        MODEL;

        public static Naming parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "none" -> NONE;
                case "model" -> MODEL;
                default -> throw new IllegalArgumentException("--naming is none or model, not '" + text + "'");
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Path root;
    private final int runs;
    private final Naming naming;

    public PatternFarm(Path root, int runs, Naming naming) {
        if (runs < MIN_RUNS) {
            throw new IllegalArgumentException("--runs must be at least " + MIN_RUNS + ", not " + runs);
        }
        this.root = root;
        this.runs = runs;
        this.naming = naming;
    }

    /** Writes every suite's runs and the ground truth; returns the truth. */
    public GroundTruth generate(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<GroundTruth.Suite> suites = new ArrayList<>();
        List<Pattern> patterns = patterns();
        for (int index = 0; index < patterns.size(); index++) {
            Pattern pattern = patterns.get(index);
            Shape tokens = new Shape(TOKENS, "tok/s", HIGHER, 80 + 4 * index);
            Shape latency = new Shape(LATENCY, "ms", LOWER, 200 + 10 * index);
            pattern.tokens().accept(tokens);
            pattern.latency().accept(latency);
            write(pattern.suite(), tokens, latency, random.split());
            suites.add(new GroundTruth.Suite(
                    pattern.suite(),
                    pattern.description(),
                    pattern.alerts(),
                    List.of(tokens.truth(), latency.truth())));
        }
        GroundTruth truth = new GroundTruth(seed, runs, START.toString(), RUN.toString(), naming.label(), suites);
        truth.write(root.resolve(GroundTruth.FILE_NAME));
        return truth;
    }

    /** The suites, in the order the truth and the bench list them. */
    List<Pattern> patterns() {
        int half = runs / 2;
        int early = runs * 3 / 8;
        int late = runs * 11 / 16;
        int fixed = half + runs / 8;
        int firstOutlier = runs * 5 / 16;
        int driftFrom = runs / 4;
        Consumer<Shape> flat = shape -> {};
        return List.of(
                both(
                        "step-down",
                        "15 % step, both metrics worse, at run " + half,
                        GroundTruth.ALERTS_EXPECTED,
                        shape -> shape.step(half, 0.15, GroundTruth.STEP)),
                both(
                        "step-up",
                        "15 % step, both metrics better, at run " + half,
                        GroundTruth.ALERTS_EXPECTED,
                        shape -> shape.step(half, -0.15, GroundTruth.STEP)),
                new Pattern(
                        "two-steps",
                        "two successive 12 % steps of throughput (runs " + early + " and " + late
                                + "); latency unchanged",
                        GroundTruth.ALERTS_EXPECTED,
                        shape -> shape.step(early, 0.12, GroundTruth.STEP).step(late, 0.12, GroundTruth.STEP),
                        flat),
                both(
                        "step-in-noise",
                        "20 % step, both metrics worse, at run " + half + ", in 10 % noise",
                        GroundTruth.ALERTS_EXPECTED,
                        shape -> shape.noise(0, 10).step(half, 0.20, GroundTruth.STEP)),
                both(
                        "fixed-regression",
                        "15 % step worse at run " + half + ", back to the old level at run " + fixed,
                        GroundTruth.ALERTS_EXPECTED,
                        shape -> shape.step(half, 0.15, GroundTruth.STEP).stepBack(fixed)),
                both(
                        "small-step",
                        "5 % step, both metrics worse, at run " + half + ": below the default 10 % threshold",
                        GroundTruth.ALERTS_OPTIONAL,
                        shape -> shape.step(half, 0.05, GroundTruth.SMALL)),
                both(
                        "noise",
                        "no change: " + BASE_NOISE_PERCENT + " % noise throughout",
                        GroundTruth.ALERTS_NONE,
                        flat),
                both(
                        "heavy-tailed-noise",
                        "no change: Student's t noise (3 degrees of freedom, 3 % standard " + "deviation)",
                        GroundTruth.ALERTS_NONE,
                        shape -> shape.heavyTailed(3)),
                both(
                        "variance-change",
                        "no change of level: the noise goes from " + BASE_NOISE_PERCENT + " % to 10 % at run " + half,
                        GroundTruth.ALERTS_NONE,
                        shape -> shape.noise(half, 10)),
                both(
                        "drift",
                        "no step: both metrics drift 20 % worse, linearly, from run " + driftFrom + " to the last",
                        GroundTruth.ALERTS_NONE,
                        shape -> shape.drift(driftFrom, 0.20)),
                new Pattern(
                        "outliers",
                        "no change: one of five throughput values at " + OUTLIER_FACTOR + " × in runs " + firstOutlier
                                + " and " + late,
                        GroundTruth.ALERTS_NONE,
                        shape -> shape.outlier(firstOutlier).outlier(late),
                        flat));
    }

    private static Pattern both(String suite, String description, String alerts, Consumer<Shape> shape) {
        return new Pattern(suite, description, alerts, shape, shape);
    }

    record Pattern(String suite, String description, String alerts, Consumer<Shape> tokens, Consumer<Shape> latency) {}

    private void write(String suite, Shape tokens, Shape latency, SplittableRandom random) throws IOException {
        String header = naming == Naming.MODEL
                ? "timestamp,model," + TOKENS + "," + LATENCY + "\n"
                : "timestamp," + TOKENS + "," + LATENCY + "\n";
        for (int run = 0; run < runs; run++) {
            Instant runStart = START.plus(RUN.multipliedBy(run));
            StringBuilder csv = new StringBuilder(header);
            for (int row = 0; row < ROWS; row++) {
                csv.append(runStart.plusSeconds(5 + 10L * row));
                if (naming == Naming.MODEL) {
                    csv.append(',').append(MODEL);
                }
                csv.append(',')
                        .append(value(tokens.value(run, row, random)))
                        .append(',')
                        .append(value(latency.value(run, row, random)))
                        .append('\n');
            }
            FarmGenerator.land(
                    root,
                    String.format(Locale.ROOT, "%s/run_%03d.csv", suite, run),
                    csv.toString(),
                    runStart.plus(LANDS_AFTER));
        }
    }

    private static String value(double value) {
        return String.format(Locale.ROOT, "%.3f", Math.max(value, 0.001));
    }

    private static String number(double value) {
        return java.math.BigDecimal.valueOf(Math.round(value * 100) / 100.0)
                .stripTrailingZeros()
                .toPlainString();
    }

    private static String windowStart(int run) {
        return START.plus(RUN.multipliedBy(run)).toString();
    }

    /** One metric's level, noise and oddities, run by run, and the truth about them. */
    final class Shape {

        private final String metric;
        private final String unit;
        private final String direction;
        private final double base;
        private final double[] level = new double[runs];
        private final double[] noise = new double[runs];
        private final boolean[] outlier = new boolean[runs];
        private double tailDegrees;
        private final List<Change> changes = new ArrayList<>();
        private final List<Event> events = new ArrayList<>();

        Shape(String metric, String unit, String direction, double base) {
            this.metric = metric;
            this.unit = unit;
            this.direction = direction;
            this.base = base;
            Arrays.fill(level, 1.0);
            Arrays.fill(noise, BASE_NOISE_PERCENT / 100);
        }

        /** From {@code run} on, the level is {@code worse} (a fraction) worse; negative: better. */
        Shape step(int run, double worse, String scored) {
            return setLevel(run, level[run] * factor(worse), scored);
        }

        /** From {@code run} on, the level is back where it was before the last step. */
        Shape stepBack(int run) {
            Change last = changes.get(changes.size() - 1);
            return setLevel(run, level[last.run() - 1], last.scored());
        }

        private Shape setLevel(int run, double newLevel, String scored) {
            double percent = (newLevel / level[run] - 1) * 100;
            boolean better = direction.equals(HIGHER) == newLevel > level[run];
            changes.add(new Change(
                    run,
                    windowStart(run),
                    Double.parseDouble(number(percent)),
                    better ? "improvement" : "regression",
                    scored));
            Arrays.fill(level, run, runs, newLevel);
            return this;
        }

        /** From {@code run} on, noise of {@code percent} (one standard deviation). */
        Shape noise(int run, double percent) {
            if (run > 0) {
                events.add(new Event(
                        run,
                        runs - 1,
                        windowStart(run),
                        "noise from " + number(noise[run - 1] * 100) + " % to " + number(percent) + " %"));
            }
            Arrays.fill(noise, run, runs, percent / 100);
            return this;
        }

        /** Student's t noise with this many degrees of freedom, scaled to the 3 % standard deviation. */
        Shape heavyTailed(double degrees) {
            tailDegrees = degrees;
            Arrays.fill(noise, 0.03);
            events.add(new Event(
                    0, runs - 1, windowStart(0), "Student's t noise, " + number(degrees) + " degrees of freedom"));
            return this;
        }

        /** From {@code run} to the last run, the level worsens linearly by {@code worse} in all. */
        Shape drift(int run, double worse) {
            for (int r = run; r < runs; r++) {
                level[r] = factor(worse * (r - run + 1) / (runs - run));
            }
            events.add(new Event(
                    run,
                    runs - 1,
                    windowStart(run),
                    "drift of " + number(worse * 100) + " % worse by run " + (runs - 1)));
            return this;
        }

        /** In run {@code run}, the middle one of the five values is an outlier ({@code OUTLIER_FACTOR}). */
        Shape outlier(int run) {
            outlier[run] = true;
            events.add(new Event(run, run, windowStart(run), "one value at " + OUTLIER_FACTOR + " ×"));
            return this;
        }

        private double factor(double worse) {
            return direction.equals(HIGHER) ? 1 - worse : 1 + worse;
        }

        double value(int run, int row, SplittableRandom random) {
            double epsilon = tailDegrees > 0 ? studentT(random) : random.nextGaussian();
            double value = base * level[run] * (1 + noise[run] * epsilon);
            return outlier[run] && row == ROWS / 2 ? value * OUTLIER_FACTOR : value;
        }

        /** Student's t scaled to unit variance: a normal over the root of a chi-square over its degrees. */
        private double studentT(SplittableRandom random) {
            double chiSquare = 0;
            for (int i = 0; i < tailDegrees; i++) {
                double z = random.nextGaussian();
                chiSquare += z * z;
            }
            double t = random.nextGaussian() / Math.sqrt(chiSquare / tailDegrees);
            return t / Math.sqrt(tailDegrees / (tailDegrees - 2));
        }

        GroundTruth.Metric truth() {
            return new GroundTruth.Metric(metric, unit, direction, noise[0] * 100, changes, events);
        }
    }
}
