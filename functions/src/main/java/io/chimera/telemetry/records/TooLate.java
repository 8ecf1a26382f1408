package io.chimera.telemetry.records;

/**
 * Values of one file that belong to a window no longer revisable (its end is more than the revision horizon
 * behind the watermark): written to the too-late output and named in the suite's next report, never dropped
 * silently. One per file and window.
 */
public class TooLate {

    public String suite;
    public String sourcePath;
    /** ISO-8601: the window the values belong to. */
    public String windowStart;

    public String windowEnd;
    /** Values of rows that did not fail, and of failed rows. */
    public long values;

    public long failedValues;
    /**
     * The file's inventory entry of that window is too late too: it goes with the file's values there, or with a
     * file without values whose own time fell there.
     */
    public boolean file;
    /** ISO-8601: the watermark that had passed the window's horizon when the file was read. */
    public String watermark;

    public TooLate() {}

    @Override
    public String toString() {
        return "TooLate{" + sourcePath + " " + windowStart + " values=" + values + "}";
    }
}
