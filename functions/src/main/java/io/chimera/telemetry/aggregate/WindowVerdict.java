package io.chimera.telemetry.aggregate;

/**
 * The alert last given on one window of a series and the baseline it was judged against, so that a revision of the
 * window, arriving when newer windows have pushed that baseline out of the detector's recent means, is judged
 * against the same baseline. A Flink POJO, kept in keyed state while the window can still be revised.
 */
public class WindowVerdict {

    /** The kind of the last alert on the window, or null when none holds (never, or withdrawn). */
    public String kind;
    /** Alerts emitted on the window so far: the next one's revision. */
    public int alerts;

    public double baselineMean;
    public double baselineStddev;
    public int baselineWindows;
    /** The center of the baseline's window medians; NaN where unknown. */
    public double baselineMedian = Double.NaN;

    public WindowVerdict() {}
}
