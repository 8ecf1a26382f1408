package io.chimera.telemetry.narrate;

import io.chimera.telemetry.records.Grounding;
import io.chimera.telemetry.records.Inventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a narrative against the numbers its narrator was given. Every number in the narrative (dates, times,
 * list markers and numbers inside names such as {@code gemma3} or {@code p95} aside) must be one of the prompt's
 * numbers as written or rounded (182.87 supports 182.9 and 183), or converted between ms and s. A count of files
 * ({@code 5 CSV files}, {@code 3 files}, {@code 2 dead letters}) must match the inventory itself, or a count of files
 * the facts state as such (a revision's late files, too-late files). What no fact supports is listed as unsupported.
 */
public final class GroundingCheck {

    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?"
                    + "|\\b\\d{1,2}:\\d{2}(?::\\d{2})?\\b");
    private static final Pattern LIST_MARKER = Pattern.compile("(?m)^(\\s*)(?:#+\\s*)?\\d+[.)](?=\\s)");
    /** A number not inside a name, with the unit it may carry; {@code 8b} or {@code q4} are names, not numbers. */
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\p{L}\\p{N}_.:/\\-])[-+]?(?<value>\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)"
                    + "(?:\\s?(?:%|ms|us|µs|ns|s|x|h|min|tok/s|tokens/s|t/s|GB|MB|KB|GiB|MiB))?"
                    + "(?![\\p{L}\\p{N}_]|\\.\\d)");
    private static final Pattern FILE_COUNT = Pattern.compile(
            "^\\s+(?:(csv|tsv|json|jsonl|json lines|markdown|md)\\s+)?(files?\\b|dead[ -]letters?\\b)",
            Pattern.CASE_INSENSITIVE);

    private GroundingCheck() {}

    public static Grounding check(String narrative, String facts, Inventory inventory) {
        List<Double> known = new ArrayList<>();
        for (Token token : numbers(facts)) {
            known.add(Math.abs(token.value()));
        }
        List<Double> fileCounts = fileCounts(facts);
        Grounding grounding = new Grounding();
        String text = prepare(narrative == null ? "" : narrative);
        Matcher matcher = NUMBER.matcher(text);
        int supported = 0;
        while (matcher.find()) {
            String written = matcher.group();
            double value = Math.abs(parse(matcher.group("value")));
            int decimals = decimals(matcher.group("value"));
            String after = text.substring(matcher.end(), Math.min(text.length(), matcher.end() + 40));
            Matcher count = FILE_COUNT.matcher(after);
            boolean ok = count.find()
                    ? matchesInventory(value, count.group(1), count.group(2), inventory)
                            || count.group(1) == null && !count.group(2).toLowerCase(Locale.ROOT).startsWith("dead")
                            && fileCounts.contains(value)
                    : supportedBy(value, decimals, known);
            grounding.numbers++;
            if (ok) {
                supported++;
            } else {
                grounding.unsupported.add(written.trim());
            }
        }
        grounding.ratio = grounding.numbers == 0 ? 1.0 : (double) supported / grounding.numbers;
        return grounding;
    }

    private static boolean supportedBy(double value, int decimals, List<Double> known) {
        double tolerance = 0.5 * Math.pow(10, -decimals);
        for (double fact : known) {
            for (double candidate : new double[] {fact, fact / 1000.0, fact * 1000.0}) {
                if (Math.abs(candidate - value) <= tolerance + 1e-9 * Math.max(1.0, candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchesInventory(double value, String format, String noun, Inventory inventory) {
        if (noun.toLowerCase(Locale.ROOT).startsWith("dead")) {
            return value == inventory.deadLetters;
        }
        if (format == null) {
            return value == inventory.files || value == inventory.parsed || value == inventory.deadLetters;
        }
        String key = switch (format.toLowerCase(Locale.ROOT)) {
            case "md" -> "markdown";
            case "jsonl", "json lines" -> "json_lines";
            default -> format.toLowerCase(Locale.ROOT);
        };
        Map<String, Integer> byFormat = inventory.filesByFormat;
        return value == byFormat.getOrDefault(key, 0);
    }

    /** The counts the facts themselves give as "N files" (besides the inventory's). */
    private static List<Double> fileCounts(String facts) {
        List<Double> counts = new ArrayList<>();
        String text = prepare(facts);
        Matcher matcher = NUMBER.matcher(text);
        while (matcher.find()) {
            String after = text.substring(matcher.end(), Math.min(text.length(), matcher.end() + 40));
            Matcher count = FILE_COUNT.matcher(after);
            if (count.find() && count.group(1) == null && !count.group(2).toLowerCase(Locale.ROOT).startsWith("dead")) {
                counts.add(Math.abs(parse(matcher.group("value"))));
            }
        }
        return counts;
    }

    record Token(String written, double value) {}

    static List<Token> numbers(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher matcher = NUMBER.matcher(prepare(text));
        while (matcher.find()) {
            tokens.add(new Token(matcher.group(), parse(matcher.group("value"))));
        }
        return tokens;
    }

    private static String prepare(String text) {
        String withoutDates = DATE_TIME.matcher(text).replaceAll(" ");
        return LIST_MARKER.matcher(withoutDates).replaceAll("$1");
    }

    private static double parse(String number) {
        return Double.parseDouble(number.replace(",", ""));
    }

    private static int decimals(String number) {
        int dot = number.indexOf('.');
        return dot < 0 ? 0 : number.length() - dot - 1;
    }
}
