package io.chimera.telemetry.records;

import java.util.ArrayList;
import java.util.List;

/** What a revision of a window added to the one before it: the late files and values that caused it. */
public class RevisionDelta {

    /** At most this many source paths are named; the counts are always complete. */
    public static final int MAX_SOURCES = 20;

    /** Files whose inventory entries joined the window. */
    public long files;
    /** Values (of rows that did not fail) and failed values that joined the window's statistics. */
    public long values;

    public long failedValues;
    /** The late files (the first {@value #MAX_SOURCES}). */
    public List<String> sources = new ArrayList<>();

    public RevisionDelta() {}

    public void addSource(String sourcePath) {
        if (sources.size() < MAX_SOURCES && !sources.contains(sourcePath)) {
            sources.add(sourcePath);
        }
    }

    public boolean isEmpty() {
        return files == 0 && values == 0 && failedValues == 0;
    }
}
