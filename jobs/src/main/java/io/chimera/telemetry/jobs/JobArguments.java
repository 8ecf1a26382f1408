package io.chimera.telemetry.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * Reads the job's options ({@link JobOptions}) from the command line, a {@code --config} YAML and a cluster's
 * {@code -Dchimera.*} settings into one Flink {@link Configuration}: shared by {@code bin/chimera run} and the
 * cluster entry point.
 */
public final class JobArguments {

    private JobArguments() {}

    /** The settings the flags name; unknown flags and bad values throw IllegalArgumentException naming the flag. */
    public static JobSettings parse(String[] commandLine) {
        return JobSettings.from(configuration(commandLine, new Configuration()));
    }

    /**
     * The job's {@link Configuration}: the {@code chimera.*} settings of {@code base} (a cluster's {@code -D}
     * options), then a {@code --config} YAML's keys, then the command line's flags, each later one winning (the
     * inputs of a later one replace the earlier ones; other repeatable options add up). Every value is read, and
     * checked, by its option's declaration in {@link JobOptions}.
     */
    public static Configuration configuration(String[] commandLine, Configuration base) {
        Map<JobOptions.Option<?>, List<String>> fromBase = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : base.toMap().entrySet()) {
            if (!entry.getKey().startsWith(JobOptions.PREFIX)) {
                continue;
            }
            JobOptions.Option<?> option = JobOptions.named(entry.getKey());
            if (option == null) {
                throw new IllegalArgumentException("unknown option '" + entry.getKey() + "'");
            }
            fromBase.put(option, flinkValues(option, entry.getValue()));
        }
        Map<JobOptions.Option<?>, List<String>> fromArguments = new LinkedHashMap<>();
        String[] args = withConfigFile(commandLine);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String attached = null;
            int equals = flag.indexOf('=');
            if (flag.startsWith("--") && equals > 2) {
                // --once=false, --window=1m: how the YAML's switches that are off reach here, and a common habit
                attached = flag.substring(equals + 1);
                flag = flag.substring(0, equals);
            }
            JobOptions.Alias alias = JobOptions.alias(flag);
            if (alias != null) {
                if (!alias.takesValue() && "false".equalsIgnoreCase(attached)) {
                    continue; // watch: false, no-stream: false in a YAML
                }
                String value = !alias.takesValue() ? null : attached != null ? attached : value(args, ++i, flag);
                add(fromArguments, alias.option(), alias.value().apply(value));
                continue;
            }
            JobOptions.Option<?> option = flag.startsWith("--") ? JobOptions.named(flag) : null;
            if (option == null) {
                throw new IllegalArgumentException("unknown option '" + flag + "'");
            }
            String value = attached != null
                    ? attached
                    : option.form() == JobOptions.Form.SWITCH ? "true" : value(args, ++i, flag);
            add(fromArguments, option, value);
        }
        Map<JobOptions.Option<?>, List<String>> merged = new LinkedHashMap<>(fromBase);
        fromArguments.forEach((option, values) -> {
            boolean replaces = option.form() == JobOptions.Form.VALUE
                    || option.form() == JobOptions.Form.SWITCH
                    || option.config() == JobOptions.INPUT;
            merged.merge(option, values, (earlier, later) -> {
                if (replaces) {
                    return later;
                }
                List<String> both = new ArrayList<>(earlier);
                both.addAll(later);
                return both;
            });
        });
        Configuration configuration = new Configuration();
        merged.forEach((option, values) -> set(configuration, option, values));
        return configuration;
    }

    private static void add(Map<JobOptions.Option<?>, List<String>> values, JobOptions.Option<?> option, String value) {
        List<String> list = values.computeIfAbsent(option, o -> new ArrayList<>());
        if (option.form() == JobOptions.Form.VALUE || option.form() == JobOptions.Form.SWITCH) {
            list.clear();
        }
        list.add(value);
    }

    /** A Flink configuration's text for an option: lists with ';', maps as {@code key:value,key:value}. */
    private static List<String> flinkValues(JobOptions.Option<?> option, String text) {
        return switch (option.form()) {
            case REPEATED -> List.of(text.split(";"));
            case PAIRS ->
                java.util.Arrays.stream(text.split(","))
                        .map(pair -> pair.replaceFirst(":", "="))
                        .toList();
            default -> List.of(text);
        };
    }

    @SuppressWarnings("unchecked")
    private static void set(Configuration configuration, JobOptions.Option<?> option, List<String> values) {
        ConfigOption<Object> config = (ConfigOption<Object>) option.config();
        switch (option.form()) {
            case VALUE, SWITCH -> configuration.set(config, option.parse().apply(values.get(values.size() - 1)));
            case REPEATED -> configuration.set(config, List.copyOf(values));
            case PAIRS -> {
                Map<String, String> pairs = new TreeMap<>();
                for (String pair : values) {
                    int equals = pair.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException(
                                option.config() == JobOptions.KAFKA_PROPERTY
                                        ? "--kafka-property needs key=value (the argument is not repeated here: it may hold"
                                                + " a password)"
                                        : option.flag() + " needs " + option.example() + ", got '" + pair + "'");
                    }
                    pairs.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
                configuration.set(config, pairs);
            }
        }
    }

    /**
     * Expands {@code --config FILE} into the flags its keys name, placed before the command line's own flags so
     * that those win: a YAML map whose keys are the flags without their dashes ({@code window: 1m},
     * {@code input: [farm-a, farm-b]}, {@code once: true}, {@code llm-option: {seed: 7}}). Inputs given on the
     * command line replace the file's.
     */
    static String[] withConfigFile(String[] args) {
        List<String> commandLine = new ArrayList<>(List.of(args));
        int at = commandLine.indexOf("--config");
        if (at < 0) {
            return args;
        }
        if (at + 1 >= commandLine.size()) {
            throw new IllegalArgumentException("--config needs a YAML file");
        }
        Path file = Path.of(commandLine.get(at + 1));
        commandLine.remove(at + 1);
        commandLine.remove(at);
        com.fasterxml.jackson.databind.JsonNode config;
        try {
            config = new com.fasterxml.jackson.databind.ObjectMapper(
                            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                    .readTree(file.toFile());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--config " + file + " cannot be read: " + e.getMessage());
        }
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException("--config " + file + " must be a YAML map of flag names to values");
        }
        boolean inputsOnCommandLine = commandLine.contains("--input");
        List<String> fromFile = new ArrayList<>();
        for (var entry :
                (Iterable<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>) config.properties()::iterator) {
            String flag = "--" + entry.getKey();
            com.fasterxml.jackson.databind.JsonNode value = entry.getValue();
            if (flag.equals("--input") && inputsOnCommandLine) {
                continue;
            }
            if (value.isArray()) {
                value.forEach(item -> fromFile.addAll(List.of(flag, item.asText())));
            } else if (value.isObject()) {
                value.properties()
                        .forEach(option -> fromFile.addAll(List.of(
                                flag, option.getKey() + "=" + option.getValue().asText())));
            } else if (value.isBoolean()) {
                fromFile.add(flag + "=" + value.asBoolean());
            } else {
                fromFile.addAll(List.of(flag, value.asText()));
            }
        }
        fromFile.addAll(commandLine);
        return fromFile.toArray(new String[0]);
    }

    /** {@code 10%} or {@code 0.1}. */
    static double percent(String text, String flag) {
        try {
            String t = text.trim();
            return t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100.0 : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a share such as 10% or 0.1, got '" + text + "'");
        }
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, {@code 7d}, or an ISO-8601 duration ({@code PT30S}). */
    public static Duration duration(String text, String flag) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long amount = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new IllegalArgumentException(flag + ": unknown unit in '" + text + "'");
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    flag + " needs a duration such as 500ms, 2s, 1m, 7d or PT30S, got '" + text + "'");
        }
    }
}
