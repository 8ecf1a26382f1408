package io.chimera.telemetry.parse;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a number out of a text cell the way a person would: {@code 3.812 ± 0.9} is 3.812, {@code 3,503} is 3503,
 * {@code 0.55s (first prompt: 2.32s)} is 0.55 seconds, {@code 102.85 tokens/s} is 102.85 tok/s; anything with
 * other words in it is text.
 */
public final class NumberCells {

    /** Cells that mean "no value": skipped, neither a metric nor a dimension. */
    private static final Set<String> MISSING = Set.of(
            "",
            "n/a",
            "na",
            "nan",
            "-nan",
            "null",
            "none",
            "nil",
            "-",
            "--",
            "—",
            "–",
            "?",
            "inf",
            "-inf",
            "+inf",
            "infinity",
            "-infinity");

    private static final String NUMBER =
            "[-+]?(?:(?:\\d{1,3}(?:,\\d{3})+|\\d{1,2}(?:,\\d{2})+,\\d{3}|\\d+)(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?";

    private static final Pattern NUMBER_CELL = Pattern.compile(
            "^(?<number>" + NUMBER + ")\\s*(?<unit>" + Units.CELL_UNIT_ALTERNATION + ")?"
                    + "(?:\\s*(?:±|\\+/-|\\+-)\\s*" + NUMBER + "\\s*(?<errorUnit>" + Units.CELL_UNIT_ALTERNATION
                    + ")?)?"
                    + "(?:\\s*\\([^()]*\\))?$",
            Pattern.CASE_INSENSITIVE);

    /** A number and the unit written after it (null when none). */
    public record Reading(double value, String unit) {}

    private NumberCells() {}

    public static boolean isMissing(String text) {
        return MISSING.contains(text.trim().toLowerCase(Locale.ROOT));
    }

    /** The number a cell holds, or null when the cell is text (or missing). */
    public static Reading read(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.length() > 120 || !startsLikeNumber(trimmed.charAt(0))) {
            return null;
        }
        Matcher matcher = NUMBER_CELL.matcher(trimmed);
        if (!matcher.matches()) {
            return null;
        }
        double value;
        try {
            value = Double.parseDouble(matcher.group("number").replace(",", ""));
        } catch (NumberFormatException e) {
            return null;
        }
        if (!Double.isFinite(value)) {
            return null;
        }
        String unit = matcher.group("unit") != null ? matcher.group("unit") : matcher.group("errorUnit");
        return new Reading(value, unit == null ? null : Units.canonicalCellUnit(unit));
    }

    private static boolean startsLikeNumber(char c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
    }
}
