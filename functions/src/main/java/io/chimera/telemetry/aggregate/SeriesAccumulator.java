package io.chimera.telemetry.aggregate;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * Running statistics of one series in one window, in constant space whatever the count: moments by Welford's
 * method, extremes, and a DDSketch (0.5 % relative accuracy, at most {@value #SKETCH_BINS} bins) for
 * percentiles. Up to {@value #EXACT_LIMIT} values are also kept as they are, so small windows report exact
 * percentiles, interpolated linearly between the two nearest ranks as numpy and spreadsheets do; beyond that
 * the sketch answers, within 1 % of that exact value.
 */
@TypeInfo(SeriesAccumulatorTypeInfoFactory.class)
public final class SeriesAccumulator {

    public static final int EXACT_LIMIT = 256;
    public static final double RELATIVE_ACCURACY = 0.005;
    public static final int SKETCH_BINS = 2048;

    long count;
    long failed;
    double sum;
    double mean;
    double m2;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long firstEventTime = Long.MAX_VALUE;
    long lastEventTime = Long.MIN_VALUE;
    /** The values while there are at most EXACT_LIMIT of them; null after. */
    double[] exact = new double[8];
    int exactSize;
    DDSketch sketch = newSketch();
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
        sum += value;
        double delta = value - mean;
        mean += delta / count;
        m2 += delta * (value - mean);
        min = Math.min(min, value);
        max = Math.max(max, value);
        sketch.accept(value);
        if (exact != null) {
            if (count > EXACT_LIMIT) {
                exact = null;
            } else {
                if (exactSize == exact.length) {
                    exact = Arrays.copyOf(exact, Math.min(EXACT_LIMIT, exact.length * 2));
                }
                exact[exactSize++] = value;
            }
        }
    }

    /** Chan et al.'s parallel combination of the moments; sketches merge; exact values only while they fit. */
    public SeriesAccumulator merge(SeriesAccumulator other) {
        if (series == null) {
            series = other.series;
        }
        if (other.count > 0) {
            long total = count + other.count;
            double delta = other.mean - mean;
            m2 = m2 + other.m2 + delta * delta * ((double) count * other.count / total);
            mean = mean + delta * other.count / total;
            sum += other.sum;
            min = Math.min(min, other.min);
            max = Math.max(max, other.max);
            sketch.mergeWith(other.sketch);
            if (exact != null && other.exact != null && total <= EXACT_LIMIT) {
                double[] merged = Arrays.copyOf(exact, (int) total);
                System.arraycopy(other.exact, 0, merged, exactSize, other.exactSize);
                exact = merged;
                exactSize = (int) total;
            } else {
                exact = null;
                exactSize = 0;
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
        return sum;
    }

    public double mean() {
        return count == 0 ? Double.NaN : mean;
    }

    public double min() {
        return count == 0 ? Double.NaN : min;
    }

    public double max() {
        return count == 0 ? Double.NaN : max;
    }

    /** Sample standard deviation; 0 for one value. */
    public double stddev() {
        return count < 2 ? 0.0 : Math.sqrt(Math.max(0.0, m2 / (count - 1)));
    }

    public boolean hasExactValues() {
        return exact != null && exactSize == count;
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
