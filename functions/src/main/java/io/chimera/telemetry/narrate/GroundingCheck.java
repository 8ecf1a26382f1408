package io.chimera.telemetry.narrate;

import io.chimera.telemetry.records.Grounding;
import io.chimera.telemetry.records.Inventory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a narrative against the facts its narrator was given, number by number (dates, times, list markers and
 * numbers inside names such as {@code gemma3} or {@code p95} aside).
 *
 * <p>A number is supported if it is a fact as written or rounded (182.87 supports 182.9 and 183), or converted
 * between ms and s, <em>about what the sentence says it is about</em>: a sentence that names a metric (by name or
 * synonym, see {@link MetricMentions}) attributes the numbers after the name to it (or, with no name before them,
 * the name after them), and they must be facts of that metric, or general facts of the window (the facts' lines
 * that name no metric). A series the sentence names by its dimensions ({@code num_ctx=2048}) narrows the facts to
 * those about it, where there are any. A number with no attribution may match any fact. A dimension's value
 * ({@code num_gpu=999}) must be one of that dimension's values. A count of files ({@code 5 CSV files},
 * {@code 3 files}, {@code 2 dead letters}) must match the inventory itself, or a count of files the facts state as
 * such (a revision's late files, too-late files). What no fact supports is listed as unsupported, with the reason.
 */
public final class GroundingCheck {

    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?"
                    + "|\\b\\d{1,2}:\\d{2}(?::\\d{2})?\\b");
    private static final Pattern LIST_MARKER = Pattern.compile("(?m)^(\\s*)((?:#+\\s*)?\\d+[.)])(?=\\s)");
    /** A number not inside a name, with the unit it may carry; {@code 8b} or {@code q4} are names, not numbers. */
    private static final Pattern NUMBER =
            Pattern.compile("(?<![\\p{L}\\p{N}_.:/\\-])[-+]?(?<value>\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)"
                    + "(?:\\s?(?:%|ms|us|µs|ns|s|x|h|min|tok/s|tokens/s|t/s|GB|MB|KB|GiB|MiB))?"
                    + "(?![\\p{L}\\p{N}_]|\\.\\d)");

    private static final Pattern FILE_COUNT = Pattern.compile(
            "^\\s+(?:(csv|tsv|json|jsonl|json lines|markdown|md)\\s+)?(files?\\b|dead[ -]letters?\\b)",
            Pattern.CASE_INSENSITIVE);
    /** {@code num_gpu=999}: a dimension and its value, as the facts write series. */
    private static final Pattern PAIR =
            Pattern.compile("(?<![\\p{L}\\p{N}_.])(?<key>[\\p{L}_][\\p{L}\\p{N}_.\\-]*)=(?<value>[^,;{}()\\s]+)");
    /** Where a sentence or list item ends: a claim's attribution does not carry over. */
    private static final Pattern CLAUSE_END = Pattern.compile("[.!?](?=\\s)|;|\\n");

    private GroundingCheck() {}

    /** Without the window's metric names: every number may match any fact. */
    public static Grounding check(String narrative, String facts, Inventory inventory) {
        return check(narrative, facts, inventory, List.of());
    }

    /** @param metrics the window's metric names, by which sentences attribute numbers */
    public static Grounding check(String narrative, String facts, Inventory inventory, Collection<String> metrics) {
        MetricMentions mentions = MetricMentions.of(metrics);
        Facts known = Facts.of(prepare(facts), mentions);
        Grounding grounding = new Grounding();
        String original = narrative == null ? "" : narrative;
        String text = prepare(original);
        List<int[]> clauses = clauses(text);
        List<MetricMentions.Mention> named = mentions.in(text);
        List<MatchResult> groups = pairs(text);
        Matcher matcher = NUMBER.matcher(text);
        int supported = 0;
        while (matcher.find()) {
            String written = matcher.group();
            double value = Math.abs(parse(matcher.group("value")));
            int decimals = decimals(matcher.group("value"));
            String after = text.substring(matcher.end(), Math.min(text.length(), matcher.end() + 40));
            Matcher count = FILE_COUNT.matcher(after);
            String key = keyBefore(text, matcher.start());
            String reason;
            if (key != null) {
                String pair = key + "=" + written.trim();
                // A value may itself hold a pair ({Config=gpu=60, ctx=512}): as written in the facts, it is one.
                String lower = pair.toLowerCase(Locale.ROOT);
                reason = known.pairs.contains(lower) || known.text.contains(lower) ? null : "no series has " + pair;
            } else if (count.find()) {
                boolean ok = matchesInventory(value, count.group(1), count.group(2), inventory)
                        || count.group(1) == null
                                && !count.group(2).toLowerCase(Locale.ROOT).startsWith("dead")
                                && known.fileCounts.contains(value);
                reason = ok
                        ? null
                        : "not the window's count of "
                                + count.group(2).toLowerCase(Locale.ROOT).trim();
            } else {
                int[] clause = clauseOf(clauses, matcher.start());
                Set<String> about = attribution(named, clause, matcher.start());
                if (about.isEmpty()) {
                    reason = supportedBy(value, decimals, known.all) ? null : "no fact of the window is " + written;
                } else {
                    Set<String> pairs = seriesNamed(groups, clause, matcher.start());
                    reason = supportedBy(value, decimals, known.about(about, pairs))
                            ? null
                            : known.misattribution(value, decimals, about, written);
                }
            }
            grounding.numbers++;
            if (reason == null) {
                supported++;
            } else {
                grounding.unsupported.add(written.trim());
                grounding.reasons.add(reason);
                grounding.offsets.add(matcher.start());
            }
        }
        grounding.ratio = grounding.numbers == 0 ? 1.0 : (double) supported / grounding.numbers;
        return grounding;
    }

    /** What the facts say, line by line: the numbers of each line, and which metrics the line is about. */
    private static final class Facts {
        final List<Double> all = new ArrayList<>();
        final List<Double> general = new ArrayList<>();
        final List<Line> lines = new ArrayList<>();
        final Set<String> pairs = new HashSet<>();
        final List<Double> fileCounts = new ArrayList<>();
        /** The facts as written, lower-cased. */
        String text = "";

        record Line(Set<String> metrics, Set<String> pairs, List<Double> numbers) {}

        static Facts of(String text, MetricMentions mentions) {
            Facts facts = new Facts();
            facts.text = text.toLowerCase(Locale.ROOT);
            for (String line : text.split("\n")) {
                List<Double> numbers = new ArrayList<>();
                Matcher matcher = NUMBER.matcher(line);
                while (matcher.find()) {
                    double value = Math.abs(parse(matcher.group("value")));
                    facts.all.add(value);
                    if (keyBefore(line, matcher.start()) != null) {
                        continue; // a dimension's value names a series; it is no fact about the metric
                    }
                    numbers.add(value);
                    String after = line.substring(matcher.end(), Math.min(line.length(), matcher.end() + 40));
                    Matcher count = FILE_COUNT.matcher(after);
                    if (count.find()
                            && count.group(1) == null
                            && !count.group(2).toLowerCase(Locale.ROOT).startsWith("dead")) {
                        facts.fileCounts.add(value);
                    }
                }
                Set<String> pairs = new HashSet<>();
                Matcher pair = PAIR.matcher(line);
                while (pair.find()) {
                    pairs.add((pair.group("key") + "=" + pair.group("value")).toLowerCase(Locale.ROOT));
                }
                facts.pairs.addAll(pairs);
                Set<String> metrics = new LinkedHashSet<>();
                mentions.in(line).forEach(m -> metrics.addAll(m.metrics()));
                if (metrics.isEmpty()) {
                    facts.general.addAll(numbers);
                } else {
                    facts.lines.add(new Line(metrics, pairs, numbers));
                }
            }
            return facts;
        }

        /**
         * The facts of these metrics (of the series these dimensions name, where the facts have any) and the general
         * ones.
         */
        List<Double> about(Set<String> metrics, Set<String> seriesPairs) {
            List<Line> ofMetrics = lines.stream()
                    .filter(l -> l.metrics.stream().anyMatch(metrics::contains))
                    .toList();
            List<Line> ofSeries = ofMetrics.stream()
                    .filter(l -> l.pairs.containsAll(seriesPairs))
                    .toList();
            List<Double> numbers = new ArrayList<>(general);
            (ofSeries.isEmpty() ? ofMetrics : ofSeries).forEach(l -> numbers.addAll(l.numbers));
            return numbers;
        }

        String misattribution(double value, int decimals, Set<String> metrics, String written) {
            Set<String> owners = new LinkedHashSet<>();
            for (Line line : lines) {
                if (supportedBy(value, decimals, line.numbers)) {
                    owners.addAll(line.metrics);
                }
            }
            owners.removeAll(metrics);
            String subject = String.join(" / ", metrics);
            return owners.isEmpty()
                    ? "no fact of " + subject + " is " + written.trim()
                    : written.trim() + " is a fact of " + String.join(", ", owners) + ", not of " + subject;
        }
    }

    /**
     * The metrics a number at {@code at} is said to be about: the last named before it in its clause, else the first
     * after.
     */
    private static Set<String> attribution(List<MetricMentions.Mention> mentions, int[] clause, int at) {
        MetricMentions.Mention before = null;
        MetricMentions.Mention after = null;
        for (MetricMentions.Mention mention : mentions) {
            if (mention.start() < clause[0] || mention.end() > clause[1]) {
                continue;
            }
            if (mention.end() <= at) {
                before = mention;
            } else if (after == null && mention.start() >= at) {
                after = mention;
            }
        }
        return before != null ? before.metrics() : after != null ? after.metrics() : Set.of();
    }

    /** The dimension a number at {@code at} is the value of ({@code num_gpu} in {@code num_gpu=999}); null if none. */
    private static String keyBefore(String text, int at) {
        if (at == 0 || text.charAt(at - 1) != '=') {
            return null;
        }
        int start = at - 1;
        while (start > 0 && isKeyChar(text.charAt(start - 1))) {
            start--;
        }
        String key = text.substring(start, at - 1);
        return key.isEmpty() || !(Character.isLetter(key.charAt(0)) || key.charAt(0) == '_') ? null : key;
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }

    /** The {@code key=value} pairs of a text, in order. */
    private static List<MatchResult> pairs(String text) {
        List<MatchResult> pairs = new ArrayList<>();
        Matcher matcher = PAIR.matcher(text);
        while (matcher.find()) {
            pairs.add(matcher.toMatchResult());
        }
        return pairs;
    }

    /**
     * The series a number at {@code at} is said to be of: the run of adjacent pairs ({@code num_ctx=2048,
     * num_gpu=999}) named last before it in its clause, else the first after it.
     */
    private static Set<String> seriesNamed(List<MatchResult> pairs, int[] clause, int at) {
        List<List<MatchResult>> runs = new ArrayList<>();
        for (MatchResult pair : pairs) {
            if (pair.start() < clause[0] || pair.end() > clause[1]) {
                continue;
            }
            List<MatchResult> last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            boolean sameSide =
                    last != null && (pair.end() <= at) == (last.get(0).end() <= at);
            if (last != null && adjacent(last.get(last.size() - 1), pair) && sameSide) {
                last.add(pair);
            } else {
                runs.add(new ArrayList<>(List.of(pair)));
            }
        }
        List<MatchResult> chosen = null;
        for (List<MatchResult> run : runs) {
            if (run.get(run.size() - 1).end() <= at) {
                chosen = run;
            } else if (chosen == null && run.get(0).start() >= at) {
                chosen = run;
                break;
            }
        }
        Set<String> named = new HashSet<>();
        if (chosen != null) {
            chosen.forEach(pair -> named.add(pair.group().toLowerCase(Locale.ROOT)));
        }
        return named;
    }

    private static boolean adjacent(MatchResult left, MatchResult right) {
        return right.start() - left.end() <= 2;
    }

    private static List<int[]> clauses(String text) {
        List<int[]> clauses = new ArrayList<>();
        Matcher end = CLAUSE_END.matcher(text);
        int start = 0;
        while (end.find()) {
            clauses.add(new int[] {start, end.start()});
            start = end.end();
        }
        clauses.add(new int[] {start, text.length()});
        return clauses;
    }

    private static int[] clauseOf(List<int[]> clauses, int at) {
        for (int[] clause : clauses) {
            if (at >= clause[0] && at <= clause[1]) {
                return clause;
            }
        }
        return new int[] {0, 0};
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

    /** Dates, times and list markers blanked out, every other character where it was (offsets stay true). */
    private static String prepare(String text) {
        return blank(LIST_MARKER.matcher(blank(DATE_TIME.matcher(text))));
    }

    /** Each match replaced by as many spaces, but for a leading group 1 (a list marker's indentation) kept. */
    private static String blank(Matcher matcher) {
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String kept = matcher.groupCount() >= 1 && matcher.group(1) != null ? matcher.group(1) : "";
            matcher.appendReplacement(out, "");
            out.append(kept).append(" ".repeat(matcher.end() - matcher.start() - kept.length()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static double parse(String number) {
        return Double.parseDouble(number.replace(",", ""));
    }

    private static int decimals(String number) {
        int dot = number.indexOf('.');
        return dot < 0 ? 0 : number.length() - dot - 1;
    }
}
