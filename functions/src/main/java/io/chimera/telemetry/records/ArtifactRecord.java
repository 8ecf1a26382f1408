package io.chimera.telemetry.records;

/**
 * What the file source emits: for each file one {@link FileLanded}, followed by its {@link MetricEvent}s. A
 * union (exactly one field set) so that one source carries both and they share watermarks.
 */
public class ArtifactRecord {

    public FileLanded file;
    public MetricEvent event;

    public ArtifactRecord() {}

    public static ArtifactRecord of(FileLanded file) {
        ArtifactRecord record = new ArtifactRecord();
        record.file = file;
        return record;
    }

    public static ArtifactRecord of(MetricEvent event) {
        ArtifactRecord record = new ArtifactRecord();
        record.event = event;
        return record;
    }

    public long eventTime() {
        return event != null ? event.eventTime : file.eventTime;
    }
}
