package io.chimera.telemetry.records;

/** A metric event or a landed file that came after the watermark had closed its window. */
public class LateArrival {

    public String suite;
    public String sourcePath;
    /** A landed file (its inventory entry came late) rather than a metric event. */
    public boolean file;
    public long eventTime;

    public LateArrival() {}

    public static LateArrival of(SeriesValue value) {
        LateArrival arrival = new LateArrival();
        arrival.suite = value.suite;
        arrival.sourcePath = value.sourcePath;
        arrival.eventTime = value.eventTime;
        return arrival;
    }

    /** Only landed files reach the summary window late on their own: late statistics cannot exist. */
    public static LateArrival of(SummaryInput input) {
        LateArrival arrival = new LateArrival();
        arrival.suite = input.suite();
        if (input.file != null) {
            arrival.sourcePath = input.file.sourcePath;
            arrival.file = true;
            arrival.eventTime = input.file.eventTime;
        } else if (input.stats != null) {
            arrival.sourcePath = "(statistics of " + input.stats.metric + ")";
        } else {
            arrival.sourcePath = "(alert on " + input.alert.metric + ")";
        }
        return arrival;
    }
}
