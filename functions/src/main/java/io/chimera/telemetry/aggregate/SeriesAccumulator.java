package io.chimera.telemetry.aggregate;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * Running statistics of one series in one window, in constant space whatever the count: exact sums of the values
 * and of their squares ({@link ExactSum}), extremes, and percentiles. Every statistic is the same bits in whatever
 * order values are added and accumulators merged, so files may be combined in any grouping, on any task, and a
 * watching run ends with the very numbers of a bounded one. Up to {@value #EXACT_LIMIT} values are kept as they are, so small windows
 * report exact percentiles, interpolated linearly between the two nearest ranks as numpy and spreadsheets do;
 * beyond that a DDSketch (0.5 % relative accuracy, at most {@value #SKETCH_BINS} bins) takes them over and
 * answers within 1 % of that exact value. The sketch exists only from then on: a window's state, kept for
 * revisions, is then a few numbers per value rather than a sketch's bins.
 */
@TypeInfo(SeriesAccumulatorTypeInfoFactory.class)
public final class SeriesAccumulator {

    public static final int EXACT_LIMIT = 256;
    public static final double RELATIVE_ACCURACY = 0.005;
    public static final int SKETCH_BINS = 2048;

    long count;
    long failed;
    /** The values' exact sum. */
    ExactSum sum = new ExactSum();
    /** Their squares' exact sum, each square with its rounding error: the deviations are computed from it. */
    ExactSum squares = new ExactSum();

    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long firstEventTime = Long.MAX_VALUE;
    long lastEventTime = Long.MIN_VALUE;
    /** The values while there are at most EXACT_LIMIT of them; null after. */
    double[] exact = new double[8];

    int exactSize;
    /** Null while the values are exact; then every value's bin. */
    DDSketch sketch;
    /** The series, as {@link SeriesIdentity#keyString}: its window is keyed by a hash of it. Null until named. */
    String series;

    static DDSketch newSketch() {
        return DDSketch.balancedCollapsingLowest(RELATIVE_ACCURACY, SKETCH_BINS);
    }

    public void add(double value, long eventTime, boolean failedRow) {
        firstEventTime = Math.min(firstEventTime, eventTime);
        lastEventTime = Math.max(lastEventTime, eventTime);
        if (failedRow) {
            failed++;
            return;
        }
        count++;
        sum.add(value);
        squares.addProduct(value, value);
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (sketch == null && exactSize < EXACT_LIMIT) {
            if (exactSize == exact.length) {
                exact = Arrays.copyOf(exact, Math.min(EXACT_LIMIT, exact.length * 2));
            }
            exact[exactSize++] = value;
            return;
        }
        toSketch().accept(value);
    }

    /** The values leave the exact list for a sketch, once and for good. */
    private DDSketch toSketch() {
        if (sketch == null) {
            sketch = newSketch();
            for (int i = 0; i < exactSize; i++) {
                sketch.accept(exact[i]);
            }
            exact = null;
            exactSize = 0;
        }
        return sketch;
    }

    /** Sums add exactly; sketches merge; exact values only while they fit. */
    public SeriesAccumulator merge(SeriesAccumulator other) {
        if (series == null) {
            series = other.series;
        }
        if (count == 0 && other.count > 0) {
            count = other.count;
            sum = other.sum.copy();
            squares = other.squares.copy();
            min = other.min;
            max = other.max;
            exact = other.exact == null ? null : Arrays.copyOf(other.exact, Math.max(8, other.exactSize));
            exactSize = other.exactSize;
            sketch = other.sketch == null ? null : other.sketch.copy();
        } else if (other.count > 0) {
            long total = count + other.count;
            sum.addAll(other.sum);
            squares.addAll(other.squares);
            min = Math.min(min, other.min);
            max = Math.max(max, other.max);
            if (sketch == null && other.sketch == null && total <= EXACT_LIMIT) {
                if (exact.length < total) {
                    exact = Arrays.copyOf(exact, (int) total);
                }
                System.arraycopy(other.exact, 0, exact, exactSize, other.exactSize);
                exactSize = (int) total;
            } else if (other.sketch != null) {
                toSketch().mergeWith(other.sketch);
            } else {
                DDSketch mine = toSketch();
                for (int i = 0; i < other.exactSize; i++) {
                    mine.accept(other.exact[i]);
                }
            }
            count = total;
        }
        failed += other.failed;
        firstEventTime = Math.min(firstEventTime, other.firstEventTime);
        lastEventTime = Math.max(lastEventTime, other.lastEventTime);
        return this;
    }

    /** The series' key string, or null before {@link #nameSeries}. */
    public String series() {
        return series;
    }

    public void nameSeries(String keyString) {
        series = keyString;
    }

    public long count() {
        return count;
    }

    public long failed() {
        return failed;
    }

    public double sum() {
        return sum.value();
    }

    /** The exact sum, rounded, over the count. */
    public double mean() {
        return count == 0 ? Double.NaN : sum.value() / count;
    }

    public double min() {
        return count == 0 ? Double.NaN : min;
    }

    public double max() {
        return count == 0 ? Double.NaN : max;
    }

    /**
     * Sample standard deviation; 0 for one value. The squared deviations from the rounded mean m, Σx² − 2mΣx + nm²,
     * are summed exactly from the exact sums and rounded once, less n(m − μ)² for the true mean μ: no cancellation
     * however large the mean is beside the spread, and the same bits in any order.
     */
    public double stddev() {
        if (count < 2) {
            return 0.0;
        }
        double mean = mean();
        ExactSum deviations = squares.copy();
        deviations.addScaled(sum, -2.0 * mean);
        double meanSquared = mean * mean;
        deviations.addProduct(meanSquared, count);
        deviations.addProduct(Math.fma(mean, mean, -meanSquared), count);
        // n·m − Σx = n(m − μ)
        ExactSum offset = new ExactSum();
        offset.addProduct(mean, count);
        offset.addScaled(sum, -1.0);
        double nOffset = offset.value();
        double squaredDeviations = deviations.value() - nOffset * nOffset / count;
        return Math.sqrt(Math.max(0.0, squaredDeviations / (count - 1)));
    }

    public boolean hasExactValues() {
        return sketch == null;
    }

    public double percentile(double quantile) {
        if (count == 0) {
            return Double.NaN;
        }
        if (hasExactValues()) {
            double[] sorted = Arrays.copyOf(exact, exactSize);
            Arrays.sort(sorted);
            double rank = quantile * (sorted.length - 1);
            int lower = (int) Math.floor(rank);
            int upper = Math.min(lower + 1, sorted.length - 1);
            return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
        }
        return sketch.getValueAtQuantile(quantile);
    }

    public long firstEventTime() {
        return firstEventTime;
    }

    public long lastEventTime() {
        return lastEventTime;
    }
}
