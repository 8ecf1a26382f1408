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
        String trimmed = text.trim();
        // Every spelling of "missing" is short and none starts with a digit: most cells are decided here.
        if (trimmed.length() > 9 || (!trimmed.isEmpty() && Character.isDigit(trimmed.charAt(0)))) {
            return false;
        }
        return MISSING.contains(trimmed.toLowerCase(Locale.ROOT));
    }

    /** The number a cell holds, or null when the cell is text (or missing). */
    public static Reading read(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.length() > 120 || !startsLikeNumber(trimmed.charAt(0))) {
            return null;
        }
        if (isPlainNumber(trimmed)) {
            double value = Double.parseDouble(trimmed);
            return Double.isFinite(value) ? new Reading(value, null) : null;
        }
        Reading withError = readPlainWithError(trimmed);
        return withError != null ? withError : readByPattern(trimmed);
    }

    /**
     * A plain number and its error, {@code 548.5 ± 3.1} (as hyperfine and llama-bench write them), read without the
     * pattern; null for anything else, which the pattern then reads.
     */
    static Reading readPlainWithError(String trimmed) {
        int sign = trimmed.indexOf('±');
        if (sign <= 0) {
            return null;
        }
        String number = stripSpaces(trimmed.substring(0, sign));
        String error = stripSpaces(trimmed.substring(sign + 1));
        if (number.isEmpty() || error.isEmpty() || !isPlainNumber(number) || !isPlainNumber(error)) {
            return null;
        }
        double value = Double.parseDouble(number);
        return Double.isFinite(value) ? new Reading(value, null) : null;
    }

    /** The pattern's reading of a trimmed cell: what {@link #isPlainNumber}'s short cut must agree with. */
    static Reading readByPattern(String trimmed) {
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

    /**
     * Whether the cell is a number and nothing else, as the pattern's number without thousands separators reads it
     * ({@code 12}, {@code -0.5}, {@code .5}, {@code 5.}, {@code 1e-3}): what most cells are, read without the
     * pattern.
     */
    static boolean isPlainNumber(String text) {
        int i = 0;
        int n = text.length();
        if (text.charAt(0) == '-' || text.charAt(0) == '+') {
            i++;
        }
        int integerDigits = 0;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
            integerDigits++;
        }
        int fractionDigits = 0;
        if (i < n && text.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
                fractionDigits++;
            }
        }
        if (integerDigits == 0 && fractionDigits == 0) {
            return false;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** Without the white space the pattern's {@code \\s} matches at either end (trim would take more). */
    private static String stripSpaces(String text) {
        int begin = 0;
        int end = text.length();
        while (begin < end && isPatternSpace(text.charAt(begin))) {
            begin++;
        }
        while (end > begin && isPatternSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(begin, end);
    }

    /** What a pattern's {@code \\s} matches (without UNICODE_CHARACTER_CLASS): for short cuts that must agree. */
    public static boolean isPatternSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean startsLikeNumber(char c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
    }
}
