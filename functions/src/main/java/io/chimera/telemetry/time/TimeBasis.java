package io.chimera.telemetry.time;

import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.records.MetricEvent;
import java.util.Locale;

/**
 * Which time puts a value in a window. By default a file's values belong to the window in which the file
 * landed (its modification time as discovered): a report then covers what landed in its window, and a steady
 * farm never produces late data however long its runs or however many suites write at once. Windows by the
 * rows' own timestamps ({@link #MEASURED}) are for users who want to see when the numbers were measured.
 * Either way the rows' own times stay in the events and in each statistics record (first/last event time).
 */
public enum TimeBasis {

    /** The file's modification time as discovered. */
    LANDED,
    /** Each row's own timestamp (or the file's modification time for rows that state none). */
    MEASURED;

    /** The time that places one of the file's values in a window. */
    public long of(FileLanded file, MetricEvent event) {
        return this == LANDED ? file.modifiedTime : event.eventTime;
    }

    /**
     * The file's own time, which its watermark follows: when it landed, or the time of its newest row. A file
     * without values counts in the inventory of this time's window; one with values counts in every window they
     * go to (of which, by measured time, this is the latest).
     */
    public long of(FileLanded file) {
        return this == LANDED ? file.modifiedTime : file.eventTime;
    }

    /** The name used on the command line and in the README: {@code landed} or {@code measured}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TimeBasis parse(String text) {
        for (TimeBasis basis : values()) {
            if (basis.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return basis;
            }
        }
        throw new IllegalArgumentException("--time-basis is landed or measured, got '" + text + "'");
    }
}
