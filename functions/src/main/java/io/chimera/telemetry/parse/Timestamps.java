package io.chimera.telemetry.parse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads the time a row or document says it was measured: ISO-8601 with or without a zone ({@code +02:00},
 * {@code +0200}, {@code Z}), a space instead of the {@code T}, a bare date, or epoch seconds or milliseconds.
 * Times without a zone are taken as UTC. Numbers outside 2000–2100 are not timestamps, so a duration named
 * {@code time} stays a metric.
 */
public final class Timestamps {

    private static final long YEAR_2000_SECONDS = 946_684_800L;
    private static final long YEAR_2100_SECONDS = 4_102_444_800L;
    private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");
    private static final Pattern SPACE_BEFORE_OFFSET = Pattern.compile("(\\d) +([+-]\\d{2}:?\\d{2})$");
    private static final Pattern DATE_SPACE_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) +(\\d{2}:)");
    private static final Pattern LOOKS_ISO = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}([T ].*)?$");

    private Timestamps() {}

    /** Epoch milliseconds, or null when the value is not a plausible timestamp. */
    public static Long parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        if (LOOKS_ISO.matcher(trimmed).matches()) {
            return parseIso(trimmed);
        }
        try {
            return fromEpochNumber(Double.parseDouble(trimmed));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Epoch seconds or milliseconds, told apart by magnitude; null when neither lands in 2000–2100. */
    public static Long fromEpochNumber(double value) {
        if (!Double.isFinite(value)) {
            return null;
        }
        if (value >= YEAR_2000_SECONDS && value < YEAR_2100_SECONDS) {
            return Math.round(value * 1000.0);
        }
        if (value >= YEAR_2000_SECONDS * 1000.0 && value < YEAR_2100_SECONDS * 1000.0) {
            return Math.round(value);
        }
        return null;
    }

    private static Long parseIso(String text) {
        String iso = DATE_SPACE_TIME.matcher(text).replaceFirst("$1T$2");
        iso = SPACE_BEFORE_OFFSET.matcher(iso).replaceFirst("$1$2");
        iso = COMPACT_OFFSET.matcher(iso).replaceFirst("$1:$2");
        if (iso.endsWith(" UTC")) {
            iso = iso.substring(0, iso.length() - 4) + "Z";
        }
        try {
            return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // no zone: fall through
        }
        try {
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // not a date-time: fall through
        }
        try {
            return LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
