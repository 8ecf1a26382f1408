package io.chimera.telemetry.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What landed in a suite during a window, as the original Chimera data collector reported it, and more. */
public class Inventory {

    public int files;
    /** Files per format ({@code csv}, {@code json}, …). */
    public Map<String, Integer> filesByFormat = new TreeMap<>();
    public long bytes;
    /** ISO-8601; null when no file landed. */
    public String latestModified;
    /** Folders (relative to the watched root) that files landed in. */
    public List<String> folders = new ArrayList<>();
    public int parsed;
    public int deadLetters;
    /** Dead letters' paths and reasons: {@code path: reason}. */
    public List<String> deadLetterReasons = new ArrayList<>();
    public long rows;
    public long failedRows;
    public long events;

    public Inventory() {}
}
