package io.chimera.telemetry.aggregate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Manual baseline resets, Conbench's "distribution change": a control file with one reset a line,
 * {@code SUITE/METRIC-GLOB AFTER-ISO-TIME} (e.g. {@code llm/tokens_s 2026-11-20T00:00:00Z} after a driver
 * upgrade), meaning that windows before that time no longer count in the matching series' baselines. Lines
 * starting with {@code #} are comments. The file is read again whenever it changes.
 */
public final class BaselineResets {

    /** One reset: series of suites and metrics matching, from this time on. */
    public record Reset(Pattern suite, Pattern metric, long after) {}

    private final Path file;
    private long lastModified = Long.MIN_VALUE;
    private List<Reset> resets = List.of();

    public BaselineResets(String file) {
        this.file = file == null ? null : Path.of(file);
    }

    /** The newest reset time that applies to a series, or Long.MIN_VALUE for none. */
    public long resetTime(String suite, String metric) {
        refresh();
        long newest = Long.MIN_VALUE;
        for (Reset reset : resets) {
            if (reset.suite().matcher(suite).matches()
                    && reset.metric().matcher(metric).matches()) {
                newest = Math.max(newest, reset.after());
            }
        }
        return newest;
    }

    private void refresh() {
        if (file == null) {
            return;
        }
        try {
            long modified = Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : Long.MIN_VALUE;
            if (modified != lastModified) {
                resets = modified == Long.MIN_VALUE ? List.of() : parse(Files.readAllLines(file));
                lastModified = modified;
            }
        } catch (IOException e) {
            // Keep the resets last read: an unreadable control file must not stop the job.
        }
    }

    static List<Reset> parse(List<String> lines) {
        List<Reset> parsed = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            int slash = parts[0].indexOf('/');
            if (parts.length != 2 || slash <= 0) {
                continue;
            }
            try {
                parsed.add(new Reset(
                        glob(parts[0].substring(0, slash)),
                        glob(parts[0].substring(slash + 1)),
                        Instant.parse(parts[1]).toEpochMilli()));
            } catch (DateTimeParseException e) {
                // A line that does not parse resets nothing.
            }
        }
        return List.copyOf(parsed);
    }

    private static Pattern glob(String glob) {
        return Pattern.compile(
                Pattern.quote(glob).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"), Pattern.CASE_INSENSITIVE);
    }
}
