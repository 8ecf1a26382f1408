package io.chimera.telemetry.aggregate;

/**
 * Where a revisable window stands: which revision goes out next and whether input arrived since the last one.
 * A Flink POJO, kept in keyed state beside the window's contents.
 */
public class RevisionState {

    public long windowStart;
    /** Revisions emitted so far: the next one's number. */
    public int emitted;
    /** Input arrived since the last revision (or since the window opened). */
    public boolean pending;

    public RevisionState() {}

    public RevisionState(long windowStart) {
        this.windowStart = windowStart;
    }
}
