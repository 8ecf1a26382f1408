package io.chimera.telemetry.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.MetricEvent;
import io.chimera.telemetry.testing.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Markdown and text file of corpus/chimera (the Chimera agents' own reports among them): each of its key-value metric
 * lines ({@code - Throughput: 41.72 tok/s}), found here by a pattern of this test's own, yields its event, and
 * outside tables nothing else does: no number of prose becomes an event.
 */
class MarkdownKeyValueCorpusTest {

    private static final String NUMBER = "[-+]?\\d[\\d,]*(?:\\.\\d+)?";
    private static final String UNIT =
            "(?:tokens/sec|tokens/s|tok/s|seconds|ms|s|x|%|GB|MB|W|°C|GB/s|MB/s|GHz|us|µs|ns|min|h|sec)";
    private static final Pattern KEY_VALUE_LINE = Pattern.compile("^\\s*(?:[-*+]\\s+|\\d{1,2}[.)]\\s+)?(?:\\*\\*)?"
            + "(?<key>[A-Za-z][^:|*=]{0,59}?)(?:\\*\\*)?\\s*:\\s*(?:\\*\\*)?\\s*(?<number>" + NUMBER + ")\\s*"
            + UNIT + "?(?:\\s*±\\s*" + NUMBER + "\\s*" + UNIT + "?)?(?:\\*\\*)?\\s*(?:\\([^()]*\\))?\\s*$");

    record Line(String key, double value) {}

    @Test
    void everyKeyValueMetricLineYieldsItsEventAndNoProseNumberDoes() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Corpus.chimera())) {
            files = walk.filter(
                            p -> p.toString().endsWith(".md") || p.toString().endsWith(".txt"))
                    .sorted()
                    .toList();
        }
        ArtifactParser parser = new ArtifactParser(ParseSettings.defaults());
        int filesWithLines = 0;
        int lines = 0;
        for (Path file : files) {
            String text = TextDecoding.decode(Files.readAllBytes(file));
            List<Line> expected = keyValueLines(text);
            String withoutTables = text.lines().filter(l -> !l.contains("|")).collect(Collectors.joining("\n"));
            FileOutcome outcome = parser.parse(
                    ArtifactFile.under(Corpus.chimera(), file, text.length(), 0),
                    ArtifactParser.formatOf(file.toString()).orElseThrow(),
                    withoutTables.getBytes(StandardCharsets.UTF_8));
            Set<String> events = new TreeSet<>();
            if (outcome.isParsed()) {
                for (MetricEvent event : outcome.events()) {
                    events.add(event.metric.toLowerCase(Locale.ROOT) + "=" + event.value);
                }
            }
            Set<String> said = new TreeSet<>();
            for (Line line : expected) {
                said.add(line.key.toLowerCase(Locale.ROOT) + "=" + line.value);
            }
            Set<String> missing = new TreeSet<>(said);
            missing.removeAll(events);
            Set<String> prose = new TreeSet<>(events);
            prose.removeAll(said);
            assertEquals(Set.of(), missing, file + ": key-value lines without their event");
            assertEquals(Set.of(), prose, file + ": events that no key-value line states");
            if (!expected.isEmpty()) {
                filesWithLines++;
                lines += expected.size();
            }
        }
        System.out.println("key-value lines: " + lines + " in " + filesWithLines + " of " + files.size()
                + " Markdown and text files, each read");
        assertTrue(filesWithLines >= 10, "the corpus has such files: " + filesWithLines);
    }

    /** The metric lines outside code blocks and tables; run settings (num_gpu: 999) are dimensions, not metrics. */
    private static List<Line> keyValueLines(String text) {
        List<Line> lines = new ArrayList<>();
        boolean code = false;
        for (String line : text.split("\\r?\\n")) {
            if (line.matches("^\\s{0,3}(```|~~~).*")) {
                code = !code;
                continue;
            }
            if (code || line.contains("|")) {
                continue;
            }
            Matcher matcher = KEY_VALUE_LINE.matcher(line);
            if (matcher.matches()) {
                String key = matcher.group("key").trim();
                if (!FieldNames.isParameter(key) && !FieldNames.isIndex(key) && !FieldNames.mayBeTimestamp(key)) {
                    lines.add(new Line(
                            key, Double.parseDouble(matcher.group("number").replace(",", ""))));
                }
            }
        }
        return lines;
    }
}
