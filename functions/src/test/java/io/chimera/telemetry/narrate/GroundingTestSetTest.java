package io.chimera.telemetry.narrate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.aggregate.CorpusWindows;
import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.records.Finding;
import io.chimera.telemetry.records.Grounding;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.WindowSummary;
import io.chimera.telemetry.testing.Corpus;
import io.chimera.telemetry.text.Numbers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A labelled test set of narrative statements about real windows: each parsable artifact of corpus/chimera is a
 * window, its prompt the facts. True statements say what the prompt says (a series' mean, median, p95, maximum;
 * a metric's best configuration), by the metric's name or a synonym, with the number before or after the name.
 * Each has three false twins: the number swapped with the same statistic of another metric of the window, the
 * number off by ±10 %, and an invented number. The grounding check must flag at least 95 % of the false ones and
 * at most 2 % of the true ones (figures in docs/ARCHITECTURE.md, "Grounding"). The check without attribution, which
 * accepts any number of the prompt, runs on the same set beside it.
 */
class GroundingTestSetTest {

    private static final int SERIES_PER_WINDOW = 12;

    record Statement(String text, boolean isTrue, String kind, WindowSummary window, Prompt prompt) {}

    @Test
    void flagsAtLeast95PercentOfFalseStatementsAndAtMost2PercentOfTrueOnes() throws Exception {
        List<Statement> statements = testSet();
        Tally attributed = new Tally();
        Tally anywhere = new Tally();
        for (Statement statement : statements) {
            Set<String> metrics =
                    statement.window.series.stream().map(s -> s.metric).collect(Collectors.toCollection(TreeSet::new));
            Grounding withAttribution =
                    GroundingCheck.check(statement.text, statement.prompt.data(), statement.window.inventory, metrics);
            Grounding withoutAttribution =
                    GroundingCheck.check(statement.text, statement.prompt.data(), statement.window.inventory);
            attributed.add(statement, !withAttribution.unsupported.isEmpty());
            if (statement.isTrue && !withAttribution.unsupported.isEmpty()) {
                attributed.trueFlagged.add("    " + withAttribution.reasons);
            }
            anywhere.add(statement, !withoutAttribution.unsupported.isEmpty());
        }
        System.out.println("grounding test set: " + statements.size() + " statements from "
                + statements.stream().map(s -> s.window).distinct().count() + " corpus windows");
        System.out.println("  with attribution:    " + attributed);
        System.out.println("  without attribution: " + anywhere);
        System.out.println("  true flagged, e.g.: "
                + attributed.trueFlagged.stream().limit(8).toList());
        System.out.println("  false missed, e.g.: "
                + attributed.falseMissed.stream().limit(5).toList());

        assertTrue(statements.size() >= 500, "a test set of some size: " + statements.size());
        assertTrue(attributed.falseRecall() >= 0.95, "flagged false statements: " + attributed);
        assertTrue(attributed.trueFlagRate() <= 0.02, "flagged true statements: " + attributed);
        assertTrue(attributed.recall("swapped") >= 0.95, "swapped between metrics: " + attributed);
    }

    static final class Tally {
        final Map<String, int[]> byKind = new java.util.TreeMap<>();
        final List<String> trueFlagged = new ArrayList<>();
        final List<String> falseMissed = new ArrayList<>();

        void add(Statement statement, boolean flagged) {
            int[] counts = byKind.computeIfAbsent(statement.kind, k -> new int[2]);
            counts[0]++;
            if (flagged) {
                counts[1]++;
            }
            if (statement.isTrue && flagged) {
                trueFlagged.add(statement.text);
            }
            if (!statement.isTrue && !flagged) {
                falseMissed.add(statement.text);
            }
        }

        double recall(String kind) {
            int[] counts = byKind.getOrDefault(kind, new int[2]);
            return counts[0] == 0 ? 1 : (double) counts[1] / counts[0];
        }

        double falseRecall() {
            int total = 0;
            int flagged = 0;
            for (Map.Entry<String, int[]> kind : byKind.entrySet()) {
                if (!kind.getKey().equals("true")) {
                    total += kind.getValue()[0];
                    flagged += kind.getValue()[1];
                }
            }
            return (double) flagged / total;
        }

        double trueFlagRate() {
            return recall("true");
        }

        @Override
        public String toString() {
            return byKind.entrySet().stream()
                            .map(e -> String.format(
                                    Locale.ROOT,
                                    "%s %d/%d flagged (%.1f%%)",
                                    e.getKey(),
                                    e.getValue()[1],
                                    e.getValue()[0],
                                    100.0 * e.getValue()[1] / e.getValue()[0]))
                            .collect(Collectors.joining(", "))
                    + String.format(
                            Locale.ROOT,
                            "; false flagged %.1f%%, true flagged %.1f%%",
                            100 * falseRecall(),
                            100 * trueFlagRate());
        }
    }

    static List<Statement> testSet() throws Exception {
        Path root = Corpus.chimera();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> ArtifactParser.formatOf(p.toString()).isPresent())
                    .sorted()
                    .toList();
        }
        Random random = new Random(17);
        List<Statement> statements = new ArrayList<>();
        for (Path file : files) {
            WindowSummary window = CorpusWindows.of(root, List.of(file));
            Prompt prompt = PromptBuilder.build(window, PromptBuilder.DEFAULT_MAX_SERIES);
            List<SeriesStats> shown =
                    prompt.shown().stream().filter(s -> s.count > 0).toList();
            Set<String> metrics = shown.stream().map(s -> s.metric).collect(Collectors.toSet());
            if (metrics.size() < 2) {
                continue; // nothing to swap with
            }
            for (int i = 0; i < Math.min(SERIES_PER_WINDOW, shown.size()); i++) {
                SeriesStats s = shown.get(i);
                int template = i % 4;
                double value = statistic(s, template);
                List<SeriesStats> others =
                        shown.stream().filter(o -> !o.metric.equals(s.metric)).toList();
                SeriesStats other = others.get(random.nextInt(others.size()));
                double swapped = statistic(other, template);
                double perturbed = value * (random.nextBoolean() ? 1.1 : 0.9);
                double invented = value == 0
                        ? 1 + random.nextInt(1000)
                        : value * Math.pow(10, random.nextDouble() * 2 - 1) * (1.3 + random.nextDouble());
                String name = synonym(s.metric, MetricMentions.of(metrics));
                statements.add(new Statement(say(s, name, template, value), true, "true", window, prompt));
                addFalse(statements, s, name, template, swapped, "swapped", window, prompt);
                addFalse(statements, s, name, template, perturbed, "perturbed", window, prompt);
                addFalse(statements, s, name, template, invented, "invented", window, prompt);
            }
            for (Finding best : prompt.findings().stream()
                    .filter(f -> f.kind.equals(Finding.BEST))
                    .limit(3)
                    .toList()) {
                statements.add(new Statement(
                        "The best " + best.metric + " was " + FindingText.configuration(best, best.series) + " at "
                                + Numbers.human(best.value) + ", " + Numbers.percent(best.changePercent)
                                + " against the worst of " + best.seriesCompared + ".",
                        true,
                        "true",
                        window,
                        prompt));
            }
        }
        return statements;
    }

    /** A false twin, unless the number happens to be a fact about the same series (then it is not false). */
    private static void addFalse(
            List<Statement> statements,
            SeriesStats s,
            String name,
            int template,
            double value,
            String kind,
            WindowSummary window,
            Prompt prompt) {
        String written = Numbers.human(value);
        double read = Double.parseDouble(written);
        for (double fact : new double[] {s.count, s.failed, s.mean, s.p50, s.p95, s.p99, s.min, s.max}) {
            if (Numbers.human(fact).equals(written) || Math.abs(fact - read) < 1e-9) {
                return;
            }
        }
        statements.add(new Statement(say(s, name, template, value), false, kind, window, prompt));
    }

    private static double statistic(SeriesStats s, int template) {
        return switch (template) {
            case 0 -> s.mean;
            case 1 -> s.max;
            case 2 -> s.p95;
            default -> s.p50;
        };
    }

    /** One of four phrasings, by metric name or synonym, the number after or before it. */
    private static String say(SeriesStats s, String name, int template, double value) {
        String number = Numbers.human(value) + (s.unit == null || s.unit.isEmpty() ? "" : " " + s.unit);
        String series = s.series.entrySet().stream()
                .filter(e -> !e.getKey().equals("file"))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        String of = series.isEmpty() ? "" : " for " + series;
        return switch (template) {
            case 0 -> "The mean " + s.metric + of + " was " + number + ".";
            case 1 -> capitalise(name) + of + " peaked at " + number + ".";
            case 2 ->
                (series.isEmpty() ? "" : "With " + series + ", ") + s.metric + " reached a p95 of " + number + ".";
            default -> number + " was the median " + name + of + ".";
        };
    }

    /**
     * A name people use instead of the metric's own, where there is one that names no other metric of the window
     * (a "latency" among five latency metrics could mean any of them: a statement using it is neither true nor false).
     */
    private static String synonym(String metric, MetricMentions window) {
        List<String> names = new ArrayList<>(MetricMentions.namesOf(metric));
        for (int i = names.size() - 1; i >= 2; i--) {
            List<MetricMentions.Mention> mentions = window.in(names.get(i));
            if (mentions.size() == 1 && mentions.get(0).metrics().equals(Set.of(metric))) {
                return names.get(i);
            }
        }
        return metric;
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
