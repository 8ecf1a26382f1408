package io.chimera.telemetry.records;

import java.util.ArrayList;
import java.util.List;

/**
 * What the file source emits: one record per discovered file, with what became of it ({@link FileLanded}) and
 * the metric events it yielded (none for a dead letter). A file travels whole, so the next stage can combine
 * its values per series and window before anything is shuffled.
 */
public class ArtifactRecord {

    public FileLanded file;
    public List<MetricEvent> events = new ArrayList<>();

    public ArtifactRecord() {}

    public static ArtifactRecord of(FileLanded file, List<MetricEvent> events) {
        ArtifactRecord record = new ArtifactRecord();
        record.file = file;
        record.events = events;
        return record;
    }

    @Override
    public String toString() {
        return "ArtifactRecord{" + file + "}";
    }
}
