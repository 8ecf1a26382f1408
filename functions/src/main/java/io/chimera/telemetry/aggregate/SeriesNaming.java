package io.chimera.telemetry.aggregate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a file's path names its series: by {@link SeriesPath}'s rules, or by the user's template
 * ({@code --series-template '{suite}/{model}/{config}/run_{run}/{file}'}), in the spirit of Telegraf's Graphite
 * templates. A template has one part per path segment, the suite's folder first and the file last; a part is
 * literal text and {@code {name}}s, each matching a non-empty piece of its segment. {@code {run}} names the run
 * (not part of the series), {@code {file}} the file's name without its extension (run markers still removed),
 * {@code {_}} anything, and every other name a dimension. A path with another number of segments, or one that
 * does not match, is named by the rules.
 */
public final class SeriesNaming implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private final String template;
    private transient List<Pattern> parts;
    private transient List<List<String>> names;

    private SeriesNaming(String template) {
        this.template = template;
    }

    public static SeriesNaming automatic() {
        return new SeriesNaming(null);
    }

    /** @throws IllegalArgumentException what is wrong with the template, for the command line to say */
    public static SeriesNaming template(String template) {
        SeriesNaming naming = new SeriesNaming(template);
        naming.compile();
        return naming;
    }

    /** The template, or null for the rules. */
    public String template() {
        return template;
    }

    public SeriesPath of(String sourcePath) {
        if (template == null) {
            return SeriesPath.of(sourcePath);
        }
        if (parts == null) {
            compile();
        }
        String[] segments = sourcePath.replace('\\', '/').split("/");
        if (segments.length != parts.size()) {
            return SeriesPath.of(sourcePath);
        }
        Map<String, String> dimensions = new TreeMap<>();
        String run = null;
        String file = null;
        for (int i = 0; i < segments.length; i++) {
            String segment = i == segments.length - 1 ? stem(segments[i]) : segments[i];
            Matcher matcher = parts.get(i).matcher(segment);
            if (!matcher.matches()) {
                return SeriesPath.of(sourcePath);
            }
            for (int group = 0; group < names.get(i).size(); group++) {
                String name = names.get(i).get(group);
                String value = matcher.group(group + 1);
                switch (name) {
                    case "suite", "_" -> {}
                    case "run" -> run = value;
                    case "file" -> file = value;
                    default -> dimensions.put(name, value);
                }
            }
        }
        SeriesPath cleaned = SeriesPath.ofStem(file == null ? stem(segments[segments.length - 1]) : file);
        return new SeriesPath(cleaned.file(), dimensions, run != null ? run : cleaned.run());
    }

    private void compile() {
        if (template.isBlank()) {
            throw new IllegalArgumentException("--series-template is empty");
        }
        String[] segments = template.split("/", -1);
        List<Pattern> compiled = new ArrayList<>();
        List<List<String>> named = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("--series-template '" + template + "' has an empty part");
            }
            StringBuilder regex = new StringBuilder();
            List<String> segmentNames = new ArrayList<>();
            Matcher placeholder = PLACEHOLDER.matcher(segment);
            int literal = 0;
            while (placeholder.find()) {
                String name = placeholder.group(1);
                if (!NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("--series-template '" + template + "': '{" + name
                            + "}' is no name (letters, digits, _ . -)");
                }
                if (!name.equals("_") && !seen.add(name)) {
                    throw new IllegalArgumentException(
                            "--series-template '" + template + "' names {" + name + "} twice");
                }
                regex.append(Pattern.quote(segment.substring(literal, placeholder.start())))
                        .append("(.+?)");
                segmentNames.add(name);
                literal = placeholder.end();
            }
            String tail = segment.substring(literal);
            if (tail.contains("{") || tail.contains("}")) {
                throw new IllegalArgumentException("--series-template '" + template + "' has an unmatched brace");
            }
            regex.append(Pattern.quote(tail));
            compiled.add(Pattern.compile(regex.toString()));
            named.add(segmentNames);
        }
        parts = compiled;
        names = named;
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }

    @Override
    public String toString() {
        return template == null ? "automatic" : template;
    }
}
