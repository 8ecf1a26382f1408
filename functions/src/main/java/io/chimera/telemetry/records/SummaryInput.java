package io.chimera.telemetry.records;

/** What a suite's summary window gathers: series statistics and landed files (exactly one field set). */
public class SummaryInput {

    public SeriesStats stats;
    public FileLanded file;

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

    public String suite() {
        return stats != null ? stats.suite : file.suite;
    }
}
