package io.chimera.telemetry.records;

import java.util.ArrayList;
import java.util.List;

/** Late arrivals counted for a suite until its next summary reports them. */
public class LateTally {

    /** At most this many source paths are named; the counts are always complete. */
    public static final int MAX_SOURCES = 20;

    public long events;
    public long files;
    /** Files the late arrivals came from (the first {@value #MAX_SOURCES}). */
    public List<String> sources = new ArrayList<>();

    public LateTally() {}

    public void add(LateArrival arrival) {
        if (arrival.file) {
            files++;
        } else {
            events++;
        }
        if (sources.size() < MAX_SOURCES && !sources.contains(arrival.sourcePath)) {
            sources.add(arrival.sourcePath);
        }
    }

    public boolean isEmpty() {
        return events == 0 && files == 0;
    }
}
