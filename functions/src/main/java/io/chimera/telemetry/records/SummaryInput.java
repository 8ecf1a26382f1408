package io.chimera.telemetry.records;

/** What a suite's summary window gathers: statistics, alerts and landed files (exactly one field set). */
public class SummaryInput {

    public SeriesStats stats;
    public FileLanded file;
    public Alert alert;

    public SummaryInput() {}

    public static SummaryInput of(SeriesStats stats) {
        SummaryInput input = new SummaryInput();
        input.stats = stats;
        return input;
    }

    public static SummaryInput of(FileLanded file) {
        SummaryInput input = new SummaryInput();
        input.file = file;
        return input;
    }

    public static SummaryInput of(Alert alert) {
        SummaryInput input = new SummaryInput();
        input.alert = alert;
        return input;
    }

    public String suite() {
        return stats != null ? stats.suite : alert != null ? alert.suite : file.suite;
    }
}
