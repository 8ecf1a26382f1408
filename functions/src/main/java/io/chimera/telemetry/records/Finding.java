package io.chimera.telemetry.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One thing a window's numbers say about its configurations: which series of a metric is best or worst, what a
 * swept parameter did, which configuration failed, what regressed or improved. Computed from the window's
 * statistics (see {@code Findings}); what each field holds depends on the kind.
 */
public class Finding {

    public static final String BEST = "best";
    public static final String WORST = "worst";
    public static final String EFFECT = "effect";
    public static final String FAILURE = "failure";
    public static final String REGRESSION = "regression";
    public static final String IMPROVEMENT = "improvement";

    /** Both series have several values: Welch's two-sided t-test on their means, significant at p &lt; 0.05. */
    public static final String WELCH_T = "welch_t";
    /** A series with one value: the values are compared as they are, without a test. */
    public static final String SINGLE_VALUES = "single_values";
    /**
     * An effect over configurations of one value each: across the combinations of the other parameters run at
     * every value of this one, how often the metric was higher at its highest value than at its lowest; a two-sided
     * sign test of that count.
     */
    public static final String SIGN_TEST = "sign_test";
    /** The regression detector's test: the window mean against the series' baseline (z and relative threshold). */
    public static final String BASELINE = "baseline";

    /** {@link #BEST}, {@link #WORST}, {@link #EFFECT}, {@link #FAILURE}, {@link #REGRESSION}, {@link #IMPROVEMENT}. */
    public String kind;
    /** The metric; for a failure, every metric of the configuration that counted failed values, comma-separated. */
    public String metric;

    public String unit;
    /** {@code higher_is_better}, {@code lower_is_better} or {@code unknown}. */
    public String direction;
    /**
     * The series (its dimensions) the finding is about; for an effect, the dimensions every series of the metric
     * shares.
     */
    public Map<String, String> series = new TreeMap<>();
    /**
     * best, worst, regression, improvement: the series' window mean; effect: the metric's mean at the parameter's
     * highest value; failure: the failed values (the most any of its metrics counted).
     */
    public double value;
    /**
     * What {@link #value} is compared with. best: the worst series' mean; worst: the best's; effect: the mean at the
     * parameter's lowest value; regression, improvement: the baseline mean; failure: the values that did not fail.
     */
    public Double other;
    /** best and worst: the series {@link #other} is the mean of. */
    public Map<String, String> otherSeries;
    /**
     * best, worst and effect: the metric's swept parameters, the dimensions that tell its configurations apart
     * (without those that merely name a combination of them, such as a {@code config_name}); empty when none.
     */
    public List<String> parameters = new ArrayList<>();
    /** {@code value / other}; null when {@code other} is 0 or absent. */
    public Double ratio;
    /** {@code (value − other) / |other| × 100}; null when {@code other} is 0 or absent. */
    public Double changePercent;
    /** best and worst: how many series of the metric were ranked. */
    public int seriesCompared;
    /** effect: the swept dimension. */
    public String parameter;
    /** effect: the metric's mean at each of the parameter's values, lowest value first. */
    public List<Level> levels = new ArrayList<>();
    /**
     * effect: whether the other swept parameters were held fixed (means over the combinations of them that were
     * run at every value of this parameter); false when no combination was, and the means are over all series.
     */
    public Boolean heldFixed;
    /** effect ({@link #SIGN_TEST}): the combinations of the other parameters compared. */
    public Integer blocks;
    /** effect ({@link #SIGN_TEST}): in how many of them the metric was higher at the highest value. */
    public Integer blocksHigher;
    /** How it was tested: {@link #WELCH_T}, {@link #SIGN_TEST}, {@link #SINGLE_VALUES} or {@link #BASELINE}. */
    public String test;
    /** The test's p-value ({@link #WELCH_T}, {@link #SIGN_TEST}). */
    public Double pValue;
    /** Whether the test supports the difference; null when no test applies ({@link #SINGLE_VALUES}). */
    public Boolean significant;

    public Finding() {}

    /** The mean of a metric at one value of a swept parameter. */
    public static class Level {
        public String value;
        public double mean;
        /** How many series the mean is over. */
        public int series;

        public Level() {}

        public Level(String value, double mean, int series) {
            this.value = value;
            this.mean = mean;
            this.series = series;
        }
    }
}
