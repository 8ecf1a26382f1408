package io.chimera.telemetry.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of a suite's window, as a report lists them: those that gave
 * the window values (by measured time a file can give several windows values, and counts in each, with its rows
 * and values there) and those without values that landed in it (dead letters, files without numbers).
 */
public class Inventory {

    public int files;
    /** Files per format ({@code csv}, {@code json}, …). */
    public Map<String, Integer> filesByFormat = new TreeMap<>();

    public long bytes;
    /** ISO-8601: the newest modification time of the files counted; null when none is. */
    public String latestModified;
    /** Folders (relative to the watched root) of the files counted. */
    public List<String> folders = new ArrayList<>();

    public int parsed;
    /** Files read whole with nothing to measure and no error: logs no recogniser claims. Not in {@link #parsed}. */
    public int ignored;

    public int deadLetters;
    /** Dead letters' paths and reasons: {@code path: reason}. */
    public List<String> deadLetterReasons = new ArrayList<>();

    public long rows;
    public long failedRows;
    public long events;

    public Inventory() {}
}
