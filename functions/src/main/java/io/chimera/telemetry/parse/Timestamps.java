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
        Long canonical = canonicalIso(trimmed);
        if (canonical != null) {
            return canonical;
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

    /**
     * {@code 2026-11-20T09:00:10Z}, with a fraction of a second and a {@code ±hh:mm} offset or not, read without
     * patterns: what most files write. Null for anything else or out of range, which {@link #parseIso} then reads
     * (or refuses) as it always has.
     */
    static Long canonicalIso(String text) {
        int n = text.length();
        if (n < 20
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        int i = 19;
        long nanos = 0;
        if (text.charAt(i) == '.') {
            int from = ++i;
            while (i < n && i - from < 9 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                nanos = nanos * 10 + (text.charAt(i) - '0');
                i++;
            }
            if (i == from) {
                return null;
            }
            for (int scale = i - from; scale < 9; scale++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && text.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (text.charAt(i) == '+' || text.charAt(i) == '-') && text.charAt(i + 3) == ':') {
            int offsetHours = digits(text, i + 1, 2);
            int offsetMinutes = digits(text, i + 4, 2);
            if (offsetHours < 0 || offsetHours > 17 || offsetMinutes < 0 || offsetMinutes > 59) {
                return null;
            }
            offsetSeconds = (text.charAt(i) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
        } else {
            return null;
        }
        if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400L
                + hour * 3600L
                + minute * 60L
                + second
                - offsetSeconds;
        return epochSecond * 1000L + nanos / 1_000_000L;
    }

    /** The number the digits at {@code from} spell, or -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The patterns' reading of an ISO-like time (what {@link #canonicalIso} must agree with). */
    static Long parseIso(String text) {
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
