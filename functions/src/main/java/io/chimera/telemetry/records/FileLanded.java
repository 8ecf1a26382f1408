package io.chimera.telemetry.records;

/**
 * One discovered file and what became of it: every discovered file yields exactly one, parsed or dead letter.
 * {@code CombineFileValues} turns it into the file's inventory entries, of this same shape: one for each window
 * the file gives values to, counting its rows and values there, or, for a file without values, one in the window
 * of its own time.
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
    /** Why it is a dead letter, or ignored; null when parsed. */
    public String reason;
    /** What kind of trouble made it a dead letter; null unless it is one. */
    public DeadLetterKind deadLetterKind;
    /** The file's rows, failed rows and metric events; in an inventory entry, those in the entry's window. */
    public int rows;

    public int failedRows;
    public int events;
    /**
     * The latest event time of its events, or its modification time when it has none: by measured time, the
     * file's own time (its watermark, and the window of the inventory entry of a file without values).
     */
    public long eventTime;
    /**
     * Epoch milliseconds: the start of the window of the file's own time (by the job's time basis); in an
     * inventory entry, the start of the entry's window.
     */
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

    /** Read whole, with nothing to measure and no error (a log no recogniser claims). */
    public boolean isIgnored() {
        return "ignored".equals(status);
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
