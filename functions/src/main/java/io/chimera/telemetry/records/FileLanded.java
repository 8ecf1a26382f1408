package io.chimera.telemetry.records;

/**
 * One discovered file and what became of it: the input of a window's inventory. Every discovered file yields
 * exactly one, parsed or dead letter.
 */
public class FileLanded {

    public String suite;
    public String sourcePath;
    public String format;
    public long bytes;
    /** Epoch milliseconds. */
    public long modifiedTime;
    /** {@code parsed} or {@code dead_letter}. */
    public String status;
    /** Why it is a dead letter; null when parsed. */
    public String reason;
    public int rows;
    public int failedRows;
    public int events;
    /**
     * The window it counts in: the latest event time of its events, or its modification time when it has none,
     * so a file's inventory lands in the same window as (the end of) its numbers.
     */
    public long eventTime;
    /** Epoch milliseconds: the start of the window its inventory entry belongs to (by the job's time basis). */
    public long windowStart;
    /**
     * The watermark when the file was read. A file that lands in a window already reported revises it, and
     * every stage emits that revision at the first watermark past this one: by then all the file's values have
     * reached each stage, so one late file makes one revision.
     */
    public long arrivalWatermark = Long.MIN_VALUE;

    public FileLanded() {}

    public boolean isDeadLetter() {
        return "dead_letter".equals(status);
    }

    /** The folder it sits in, relative to the watched root ("" for the root itself). */
    public String folder() {
        int slash = sourcePath.lastIndexOf('/');
        return slash < 0 ? "" : sourcePath.substring(0, slash);
    }

    @Override
    public String toString() {
        return "FileLanded{" + sourcePath + " " + status + " events=" + events + "}";
    }
}
