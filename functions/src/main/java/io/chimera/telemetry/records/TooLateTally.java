package io.chimera.telemetry.records;

import java.util.ArrayList;
import java.util.List;

/** Too-late arrivals of a suite since its previous report: what the next report names. */
public class TooLateTally {

    /** At most this many source paths are named; the counts are always complete. */
    public static final int MAX_SOURCES = 20;

    public long values;
    public long failedValues;
    public long files;
    /** Files the values came from (the first {@value #MAX_SOURCES}). */
    public List<String> sources = new ArrayList<>();
    /** The windows they belonged to (the first {@value #MAX_SOURCES}), ISO-8601 starts. */
    public List<String> windows = new ArrayList<>();

    public TooLateTally() {}

    public void add(TooLate late) {
        values += late.values;
        failedValues += late.failedValues;
        if (late.file) {
            files++;
        }
        if (sources.size() < MAX_SOURCES && !sources.contains(late.sourcePath)) {
            sources.add(late.sourcePath);
        }
        if (windows.size() < MAX_SOURCES && !windows.contains(late.windowStart)) {
            windows.add(late.windowStart);
        }
    }

    /** Adds another tally's counts and names to this one. */
    public void merge(TooLateTally other) {
        values += other.values;
        failedValues += other.failedValues;
        files += other.files;
        for (String source : other.sources) {
            if (sources.size() < MAX_SOURCES && !sources.contains(source)) {
                sources.add(source);
            }
        }
        for (String window : other.windows) {
            if (windows.size() < MAX_SOURCES && !windows.contains(window)) {
                windows.add(window);
            }
        }
    }

    public boolean isEmpty() {
        return values == 0 && failedValues == 0 && files == 0;
    }
}
