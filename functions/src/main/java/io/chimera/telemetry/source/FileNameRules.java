package io.chimera.telemetry.source;

import java.util.Locale;

/**
 * Which file names are never read: hidden or temporary names that writers use while a file is still being
 * written (write to {@code .name.tmp}, then rename). Shared by the job's file source and the parse command so
 * that both see the same files.
 */
public final class FileNameRules {

    private static final String[] IN_PROGRESS_SUFFIXES = {".tmp", ".part", ".inprogress", ".crdownload", ".swp"};

    private FileNameRules() {}

    /** Why a file or folder name is skipped, or null when it is not. */
    public static String skipReason(String name) {
        if (name.startsWith(".") || name.startsWith("_")) {
            return "hidden name (starts with '" + name.charAt(0) + "'): a file still being written";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String suffix : IN_PROGRESS_SUFFIXES) {
            if (lower.endsWith(suffix)) {
                return "in-progress name (ends with " + suffix + "): a file still being written";
            }
        }
        return null;
    }
}
