package io.chimera.telemetry.jobs;

import io.chimera.telemetry.aggregate.RegressionSettings;
import io.chimera.telemetry.aggregate.SeriesNaming;
import io.chimera.telemetry.narrate.LlmSettings;
import io.chimera.telemetry.narrate.Personas;
import io.chimera.telemetry.source.FileSelection;
import io.chimera.telemetry.time.TimeBasis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The job's command-line flags, shared by {@code bin/chimera run} and the cluster entry point. */
public final class JobArguments {

    private JobArguments() {}

    /** The settings the flags name; unknown flags and bad values throw IllegalArgumentException. */
    public static JobSettings parse(String[] commandLine) {
        String[] args = withConfigFile(commandLine);
        List<String> inputs = new ArrayList<>();
        List<String> include = new ArrayList<>();
        List<String> exclude = new ArrayList<>();
        String output = "chimera-out";
        boolean bounded = false;
        String home = System.getenv("CHIMERA_HOME");
        JobSettings d = JobSettings.defaults(List.of("."), output);
        Duration discovery = d.discoveryInterval();
        Duration window = d.window();
        Duration outOfOrderness = d.outOfOrderness();
        Duration flushTimeout = d.flushTimeout();
        TimeBasis timeBasis = d.eventTime().basis();
        Duration revisionHorizon = d.eventTime().revisionHorizon();
        Duration settleTime = d.settleTime();
        Duration discoveryLookback = d.discoveryLookback();
        Duration checkpoint = d.checkpointInterval();
        int parallelism = d.parallelism();
        int webUiPort = d.webUiPort();
        String webUiBind = d.webUiBind();
        long maxFileBytes = d.maxFileBytes();
        String llmBackend = LlmSettings.BUILTIN;
        String llmUrl = null;
        String llmModel = null;
        String ollamaApi = "generate";
        boolean stream = true;
        Duration llmTimeout = null;
        Integer llmRetries = null;
        Integer maxInFlight = null;
        int maxBacklog = LlmSettings.Backlog.DEFAULTS.maxWindows();
        Duration narrationMaxAge = LlmSettings.Backlog.DEFAULTS.maxAge();
        Duration llmBudget = LlmSettings.Backlog.DEFAULTS.budget();
        String apiKeyEnv = "OPENAI_API_KEY";
        String persona = Personas.INSIGHT;
        Map<String, String> llmOptions = new TreeMap<>();
        String kafkaBootstrap = null;
        Map<String, String> kafkaProperties = new TreeMap<>();
        String[] kafkaTopics = {"chimera.reports", "chimera.stats", "chimera.dead-letters", "chimera.alerts"};
        RegressionSettings regressionDefaults = RegressionSettings.defaults();
        int baselineWindows = regressionDefaults.baselineWindows();
        int minBaseline = regressionDefaults.minBaseline();
        double relativeThreshold = regressionDefaults.relativeThreshold();
        double zThreshold = regressionDefaults.zThreshold();
        List<String> regressionRules = new ArrayList<>();
        SeriesNaming seriesNaming = SeriesNaming.automatic();
        String resetFile = null;
        boolean kafkaAtLeastOnce = false;
        String kafkaPrefix = "chimera-telemetry";
        Duration kafkaTimeout = Duration.ofMinutes(10);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--once" -> bounded = true;
                case "--watch" -> bounded = false;
                case "--input" -> inputs.add(value(args, ++i, flag));
                case "--include" -> include.add(value(args, ++i, flag));
                case "--exclude" -> exclude.add(value(args, ++i, flag));
                case "--output" -> output = value(args, ++i, flag);
                case "--discovery-interval" -> discovery = duration(value(args, ++i, flag), flag);
                case "--window" -> window = duration(value(args, ++i, flag), flag);
                case "--out-of-orderness" -> outOfOrderness = duration(value(args, ++i, flag), flag);
                case "--flush-timeout" -> flushTimeout = duration(value(args, ++i, flag), flag);
                case "--time-basis" -> timeBasis = TimeBasis.parse(value(args, ++i, flag));
                case "--revision-horizon" -> revisionHorizon = duration(value(args, ++i, flag), flag);
                case "--settle-time" -> settleTime = duration(value(args, ++i, flag), flag);
                case "--discovery-lookback" -> discoveryLookback = duration(value(args, ++i, flag), flag);
                case "--checkpoint-interval" -> checkpoint = duration(value(args, ++i, flag), flag);
                case "--parallelism" -> parallelism = integer(value(args, ++i, flag), flag);
                case "--web-ui-port" -> webUiPort = integer(value(args, ++i, flag), flag);
                case "--web-ui-bind" -> webUiBind = value(args, ++i, flag);
                case "--max-file-bytes" -> maxFileBytes = Long.parseLong(value(args, ++i, flag));
                case "--llm" -> llmBackend = value(args, ++i, flag);
                case "--llm-url" -> llmUrl = value(args, ++i, flag);
                case "--llm-model" -> llmModel = value(args, ++i, flag);
                case "--ollama-api" -> ollamaApi = value(args, ++i, flag);
                case "--no-stream" -> stream = false;
                case "--llm-timeout" -> llmTimeout = duration(value(args, ++i, flag), flag);
                case "--llm-retries" -> llmRetries = integer(value(args, ++i, flag), flag);
                case "--llm-max-in-flight" -> maxInFlight = integer(value(args, ++i, flag), flag);
                case "--narration-max-backlog" -> maxBacklog = integer(value(args, ++i, flag), flag);
                case "--narration-max-age" -> narrationMaxAge = duration(value(args, ++i, flag), flag);
                case "--llm-budget" -> llmBudget = duration(value(args, ++i, flag), flag);
                case "--llm-api-key-env" -> apiKeyEnv = value(args, ++i, flag);
                case "--persona" -> persona = value(args, ++i, flag);
                case "--llm-option" -> {
                    String option = value(args, ++i, flag);
                    int equals = option.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException("--llm-option needs name=value, got '" + option + "'");
                    }
                    llmOptions.put(option.substring(0, equals), option.substring(equals + 1));
                }
                case "--kafka-bootstrap" -> kafkaBootstrap = value(args, ++i, flag);
                case "--kafka-property" -> {
                    String property = value(args, ++i, flag);
                    int equals = property.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException("--kafka-property needs key=value (the argument is not"
                                + " repeated here: it may hold a password)");
                    }
                    kafkaProperties.put(property.substring(0, equals), property.substring(equals + 1));
                }
                case "--kafka-topic-reports" -> kafkaTopics[0] = value(args, ++i, flag);
                case "--kafka-topic-stats" -> kafkaTopics[1] = value(args, ++i, flag);
                case "--kafka-topic-dead-letters" -> kafkaTopics[2] = value(args, ++i, flag);
                case "--kafka-topic-alerts" -> kafkaTopics[3] = value(args, ++i, flag);
                case "--baseline-windows" -> baselineWindows = integer(value(args, ++i, flag), flag);
                case "--min-baseline" -> minBaseline = integer(value(args, ++i, flag), flag);
                case "--regression-threshold" -> relativeThreshold = percent(value(args, ++i, flag), flag);
                case "--regression-z" -> zThreshold = Double.parseDouble(value(args, ++i, flag));
                case "--regression-rule" -> regressionRules.add(value(args, ++i, flag));
                case "--baseline-reset-file" -> resetFile = value(args, ++i, flag);
                case "--series-template" -> seriesNaming = SeriesNaming.template(value(args, ++i, flag));
                case "--kafka-delivery" -> {
                    String delivery = value(args, ++i, flag);
                    if (!delivery.equals("exactly-once") && !delivery.equals("at-least-once")) {
                        throw new IllegalArgumentException("--kafka-delivery is exactly-once or at-least-once");
                    }
                    kafkaAtLeastOnce = delivery.equals("at-least-once");
                }
                case "--kafka-transactional-id-prefix" -> kafkaPrefix = value(args, ++i, flag);
                case "--kafka-transaction-timeout" -> kafkaTimeout = duration(value(args, ++i, flag), flag);
                case "--num-gpu", "--num-ctx", "--temperature", "--top-p", "--top-k", "--repeat-penalty",
                        "--num-predict", "--seed" -> llmOptions.put(flag.substring(2).replace('-', '_'),
                        value(args, ++i, flag));
                default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
            }
        }
        if (inputs.isEmpty()) {
            inputs.add(home != null ? Path.of(home, "samples").toString() : "samples");
        }
        LlmSettings defaults = LlmSettings.defaults(LlmSettings.OPENAI.equals(llmBackend) ? llmBackend
                : LlmSettings.OLLAMA);
        LlmSettings llm = new LlmSettings(llmBackend, llmUrl != null ? llmUrl : defaults.baseUrl(),
                llmModel != null ? llmModel : defaults.model(), ollamaApi, stream,
                llmTimeout != null ? llmTimeout : defaults.timeout(),
                llmRetries != null ? llmRetries : defaults.maxRetries(), defaults.initialBackoff(),
                maxInFlight != null ? maxInFlight : defaults.maxInFlight(), llmOptions, apiKeyEnv, persona,
                new LlmSettings.Backlog(maxBacklog, narrationMaxAge, llmBudget));
        EventTimeSettings time = new EventTimeSettings(window, outOfOrderness, flushTimeout, timeBasis,
                revisionHorizon);
        return new JobSettings(inputs, output, bounded, discovery, time, settleTime,
                discoveryLookback, checkpoint, parallelism, webUiPort, webUiBind, maxFileBytes, llm,
                kafka(kafkaBootstrap, kafkaProperties, kafkaTopics, kafkaAtLeastOnce, kafkaPrefix, kafkaTimeout),
                regression(baselineWindows, minBaseline, relativeThreshold, zThreshold, regressionRules,
                        resetFile), seriesNaming, new FileSelection(include, exclude));
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
                    new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(file.toFile());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--config " + file + " cannot be read: " + e.getMessage());
        }
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException("--config " + file + " must be a YAML map of flag names to values");
        }
        boolean inputsOnCommandLine = commandLine.contains("--input");
        List<String> fromFile = new ArrayList<>();
        for (var entry : (Iterable<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>)
                config.properties()::iterator) {
            String flag = "--" + entry.getKey();
            com.fasterxml.jackson.databind.JsonNode value = entry.getValue();
            if (flag.equals("--input") && inputsOnCommandLine) {
                continue;
            }
            if (value.isArray()) {
                value.forEach(item -> fromFile.addAll(List.of(flag, item.asText())));
            } else if (value.isObject()) {
                value.properties().forEach(option -> fromFile.addAll(
                        List.of(flag, option.getKey() + "=" + option.getValue().asText())));
            } else if (value.isBoolean()) {
                if (value.asBoolean()) {
                    fromFile.add(flag);
                }
            } else {
                fromFile.addAll(List.of(flag, value.asText()));
            }
        }
        fromFile.addAll(commandLine);
        return fromFile.toArray(new String[0]);
    }

    private static KafkaSettings kafka(String bootstrap, Map<String, String> properties, String[] topics,
            boolean atLeastOnce, String prefix, Duration timeout) {
        if (bootstrap == null) {
            return null;
        }
        return new KafkaSettings(bootstrap, properties, topics[0], topics[1], topics[2], topics[3], !atLeastOnce,
                prefix, timeout);
    }

    private static RegressionSettings regression(int windows, int minBaseline, double relative, double z,
            List<String> rules, String resetFile) {
        RegressionSettings base = new RegressionSettings(windows, minBaseline, relative, z, List.of(), resetFile,
                RegressionSettings.defaults().retention());
        return base.withRules(rules.stream().map(rule -> RegressionSettings.Rule.parse(rule, base)).toList());
    }

    /** {@code 10%} or {@code 0.1}. */
    private static double percent(String text, String flag) {
        try {
            String t = text.trim();
            return t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100.0
                    : Double.parseDouble(t);
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

    private static int integer(String text, String flag) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number, got '" + text + "'");
        }
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
