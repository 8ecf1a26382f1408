package io.chimera.telemetry.jobs;

import io.chimera.telemetry.aggregate.RegressionSettings;
import io.chimera.telemetry.narrate.LlmSettings;
import io.chimera.telemetry.narrate.Personas;
import io.chimera.telemetry.source.DiscoverySettings;
import io.chimera.telemetry.time.TimeBasis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Every option of the telemetry job, declared once as a Flink {@link ConfigOption} (key {@code chimera.<name>},
 * type, default, description), as nexmark declares its options. From these come the command line's flags
 * ({@code --<name>}), the keys of a {@code --config} YAML ({@code <name>:}), the cluster's {@code -Dchimera.<name>=}
 * settings, {@code --help}, and the errors that name a flag: {@link JobArguments} reads any of them into a Flink
 * {@code Configuration}, and {@link JobSettings#from} reads the job's settings from that.
 */
public final class JobOptions {

    /** Keys of the job's options in a Flink configuration start with this. */
    public static final String PREFIX = "chimera.";

    /** How an option is written on the command line. */
    public enum Form {
        /** {@code --window 1m}: the last one given counts. */
        VALUE,
        /** {@code --input a --input b}: each adds one; in YAML a list. */
        REPEATED,
        /** {@code --llm-option seed=7}: each adds a key and value; in YAML a map. */
        PAIRS,
        /** {@code --once}: no value; in YAML {@code true} or {@code false}. */
        SWITCH
    }

    /**
     * One option of the job.
     *
     * @param config its key, type, default and description
     * @param form how the command line writes it
     * @param parse reads one command-line value, or throws IllegalArgumentException naming the flag
     * @param section the heading of {@code --help} it is listed under
     * @param example what {@code --help} shows after the flag ({@code 1m}, {@code DIR}); empty for a switch
     */
    public record Option<T>(
            ConfigOption<T> config, Form form, Function<String, Object> parse, String section, String example) {

        /** The name of the flag and of the YAML key, without dashes: {@code window}. */
        public String name() {
            return config.key().substring(PREFIX.length());
        }

        public String flag() {
            return "--" + name();
        }

        /** The description, as declared. */
        public String description() {
            return DESCRIPTIONS.get(config.key());
        }
    }

    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();
    private static final List<Option<?>> ALL = new ArrayList<>();

    static final String INPUT_SECTION = "Input";
    static final String TIME_SECTION = "Windows and time";
    static final String RUN_SECTION = "Running";
    static final String LLM_SECTION = "Narrator (default: the built-in one, no LLM needed)";
    static final String REGRESSION_SECTION = "Regressions (a window's mean against its series' last windows)";
    static final String KAFKA_SECTION = "Kafka (off unless --kafka-bootstrap is given; file outputs stay on)";

    // Input

    public static final ConfigOption<List<String>> INPUT =
            repeated(INPUT_SECTION, "input", "DIR", "a folder to watch, recursively (default: samples/)");
    public static final ConfigOption<List<String>> INCLUDE = repeated(
            INPUT_SECTION,
            "include",
            "GLOB",
            "read only files matching a glob: with a '/' it matches the path below the input folder ('runs/**'),"
                    + " without one the file's name at any depth ('*.json')");
    public static final ConfigOption<List<String>> EXCLUDE = repeated(
            INPUT_SECTION, "exclude", "GLOB", "leave out files matching a glob, e.g. '*/archive/**' or '**/base/*'");
    public static final ConfigOption<String> OUTPUT = value(
            INPUT_SECTION,
            ConfigOptions.key(PREFIX + "output").stringType().defaultValue("chimera-out"),
            "DIR",
            asIs(),
            "where stats/, summaries/, reports/, alerts/, dead-letters/ and too-late/ go");
    public static final ConfigOption<Boolean> ONCE = switchOf(
            INPUT_SECTION,
            "once",
            false,
            "read what is there, report every window and exit (--watch, the default: keep watching)");
    public static final ConfigOption<Long> MAX_FILE_BYTES = value(
            INPUT_SECTION,
            ConfigOptions.key(PREFIX + "max-file-bytes").longType().defaultValue(32L * 1024 * 1024),
            "N",
            whole("--max-file-bytes", Long::parseLong),
            "larger files become dead letters");
    public static final ConfigOption<String> SERIES_TEMPLATE = value(
            INPUT_SECTION,
            ConfigOptions.key(PREFIX + "series-template").stringType().noDefaultValue(),
            "T",
            asIs(),
            "how a file's path names its series, e.g. '{suite}/{model}/run_{run}/{file}': one part per folder"
                    + " level, {run} is the run, {file} the file name, {_} anything, other {names} dimensions"
                    + " (default: run counters, dates, timestamps and hashes dropped from names; gpu80_ctx512 and"
                    + " num_ctx=512 become settings; a folder named after a model the model)");
    public static final ConfigOption<Duration> SETTLE_TIME = duration(
            INPUT_SECTION,
            "settle-time",
            Duration.ofSeconds(1),
            "a file is read once it has not changed for this long");
    public static final ConfigOption<Duration> DISCOVERY_INTERVAL = duration(
            INPUT_SECTION,
            "discovery-interval",
            Duration.ofSeconds(2),
            "how often the folders are listed again (--watch)");
    public static final ConfigOption<Duration> DISCOVERY_LOOKBACK = duration(
            INPUT_SECTION,
            "discovery-lookback",
            DiscoverySettings.DEFAULT_LOOKBACK,
            "files modified this long before the newest one read count as read"
                    + " (--watch; keeps the source's state bounded: see the writer contract)");
    public static final ConfigOption<Duration> FULL_LISTING_INTERVAL = duration(
            INPUT_SECTION,
            "full-listing-interval",
            DiscoverySettings.DEFAULT_FULL_LISTING_INTERVAL,
            "how often a listing reads every folder again (--watch); listings between read only the folders"
                    + " whose modification time moved, so a file rewritten in place is found within this; 0s:"
                    + " every listing reads every folder");

    // Windows and time

    public static final ConfigOption<Duration> WINDOW =
            duration(TIME_SECTION, "window", Duration.ofMinutes(1), "window size");
    public static final ConfigOption<TimeBasis> TIME_BASIS = value(
            TIME_SECTION,
            ConfigOptions.key(PREFIX + "time-basis")
                    .enumType(TimeBasis.class)
                    .defaultValue(EventTimeSettings.defaults().basis()),
            "landed",
            TimeBasis::parse,
            "landed: a file's values count in the window it landed in (its"
                    + " modification time); measured: in the windows of the rows' own times");
    public static final ConfigOption<Duration> OUT_OF_ORDERNESS = duration(
            TIME_SECTION,
            "out-of-orderness",
            EventTimeSettings.defaults().outOfOrderness(),
            "how long after a window ends its first report waits for stragglers");
    public static final ConfigOption<Duration> FLUSH_TIMEOUT = duration(
            TIME_SECTION,
            "flush-timeout",
            EventTimeSettings.defaults().flushTimeout(),
            "quiet time after which the last window closes without newer data");
    public static final ConfigOption<Duration> REVISION_HORIZON = duration(
            TIME_SECTION,
            "revision-horizon",
            EventTimeSettings.DEFAULT_REVISION_HORIZON,
            "how long after a window closed late files still revise it"
                    + " (a new revision of its statistics and report); later ones go to too-late/");

    // Running

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = duration(
            RUN_SECTION,
            "checkpoint-interval",
            Duration.ofSeconds(10),
            "how often a watching run checkpoints (and commits its output files)");
    public static final ConfigOption<Integer> PARALLELISM =
            integer(RUN_SECTION, "parallelism", 1, "operator parallelism");
    public static final ConfigOption<Integer> WEB_UI_PORT =
            integer(RUN_SECTION, "web-ui-port", 8081, "port of a local run's Flink dashboard; 0 for none");
    public static final ConfigOption<String> WEB_UI_BIND = value(
            RUN_SECTION,
            ConfigOptions.key(PREFIX + "web-ui-bind").stringType().defaultValue(JobSettings.LOOPBACK),
            "ADDRESS",
            asIs(),
            "where the dashboard listens; another address (0.0.0.0: every one) opens it"
                    + " read-only: anyone who reaches the port sees the job, its settings, metrics and logs, but"
                    + " cannot submit, cancel or stop jobs (the REST API and every other port stay on loopback)");

    // Narrator

    public static final ConfigOption<String> LLM = value(
            LLM_SECTION,
            ConfigOptions.key(PREFIX + "llm").stringType().defaultValue(LlmSettings.BUILTIN),
            "builtin|ollama|openai",
            asIs(),
            "who writes the narrative");
    public static final ConfigOption<String> LLM_URL = value(
            LLM_SECTION,
            ConfigOptions.key(PREFIX + "llm-url").stringType().noDefaultValue(),
            "URL",
            asIs(),
            "default http://localhost:11434 (ollama), http://localhost:8000/v1 (openai)");
    public static final ConfigOption<String> LLM_MODEL = value(
            LLM_SECTION,
            ConfigOptions.key(PREFIX + "llm-model").stringType().noDefaultValue(),
            "NAME",
            asIs(),
            "default gemma3:latest (ollama), default (openai)");
    public static final ConfigOption<String> OLLAMA_API = value(
            LLM_SECTION,
            ConfigOptions.key(PREFIX + "ollama-api").stringType().defaultValue("generate"),
            "generate|chat",
            asIs(),
            "Ollama's /api/generate or /api/chat");
    public static final ConfigOption<Boolean> STREAM = switchOf(
            LLM_SECTION,
            "stream",
            true,
            "ask for one whole response instead of a stream (a streamed answer measures the real time to first"
                    + " token); in YAML: stream: false");
    public static final ConfigOption<Map<String, String>> LLM_OPTION = pairs(
            LLM_SECTION,
            "llm-option",
            "name=value",
            "a generation option: " + String.join(", ", new java.util.TreeSet<>(LlmSettings.OPTION_NAMES))
                    + "; each also as its own flag (--num-gpu N, --num-ctx N,"
                    + " --temperature X, --top-p X, --top-k N, --repeat-penalty X, --num-predict N, --seed N)");
    public static final ConfigOption<String> PERSONA = value(
            LLM_SECTION,
            ConfigOptions.key(PREFIX + "persona").stringType().defaultValue(Personas.INSIGHT),
            "insight|collector|two-stage",
            asIs(),
            "the voice of the prompt");
    public static final ConfigOption<Duration> LLM_TIMEOUT = value(
            LLM_SECTION,
            ConfigOptions.key(PREFIX + "llm-timeout").durationType().noDefaultValue(),
            "60s",
            durationOf("--llm-timeout"),
            "per HTTP attempt");
    public static final ConfigOption<Integer> LLM_RETRIES = value(
            LLM_SECTION,
            ConfigOptions.key(PREFIX + "llm-retries").intType().noDefaultValue(),
            "3",
            whole("--llm-retries", Integer::parseInt),
            "retries after the first attempt, on connection errors, 429 and 5xx");
    public static final ConfigOption<Integer> LLM_MAX_IN_FLIGHT = value(
            LLM_SECTION,
            ConfigOptions.key(PREFIX + "llm-max-in-flight").intType().noDefaultValue(),
            "4",
            whole("--llm-max-in-flight", Integer::parseInt),
            "LLM calls under way at once");
    public static final ConfigOption<Integer> NARRATION_MAX_BACKLOG = integer(
            LLM_SECTION,
            "narration-max-backlog",
            LlmSettings.Backlog.DEFAULTS.maxWindows(),
            "windows that may wait for the LLM");
    public static final ConfigOption<Duration> NARRATION_MAX_AGE = duration(
            LLM_SECTION,
            "narration-max-age",
            LlmSettings.Backlog.DEFAULTS.maxAge(),
            "how long a window may wait for the LLM");
    public static final ConfigOption<Duration> LLM_BUDGET = duration(
            LLM_SECTION,
            "llm-budget",
            LlmSettings.Backlog.DEFAULTS.budget(),
            "how long --once waits at its end for the LLM's narratives");
    public static final ConfigOption<String> LLM_API_KEY_ENV = value(
            LLM_SECTION,
            ConfigOptions.key(PREFIX + "llm-api-key-env").stringType().defaultValue("OPENAI_API_KEY"),
            "NAME",
            asIs(),
            "environment variable with the OpenAI-compatible API key");

    // Regressions

    public static final ConfigOption<Integer> BASELINE_WINDOWS = integer(
            REGRESSION_SECTION,
            "baseline-windows",
            RegressionSettings.defaults().baselineWindows(),
            "windows of a series its baseline holds");
    public static final ConfigOption<Integer> MIN_BASELINE = integer(
            REGRESSION_SECTION,
            "min-baseline",
            RegressionSettings.defaults().minBaseline(),
            "windows a baseline needs before it judges");
    public static final ConfigOption<Double> REGRESSION_THRESHOLD = value(
            REGRESSION_SECTION,
            ConfigOptions.key(PREFIX + "regression-threshold")
                    .doubleType()
                    .defaultValue(RegressionSettings.defaults().relativeThreshold()),
            "10%",
            value -> JobArguments.percent(value, "--regression-threshold"),
            "relative change a regression needs (and --regression-z: both)");
    public static final ConfigOption<Double> REGRESSION_Z = value(
            REGRESSION_SECTION,
            ConfigOptions.key(PREFIX + "regression-z")
                    .doubleType()
                    .defaultValue(RegressionSettings.defaults().zThreshold()),
            "4",
            decimal("--regression-z"),
            "robust z-score a regression needs");
    public static final ConfigOption<List<String>> REGRESSION_RULE = repeated(
            REGRESSION_SECTION, "regression-rule", "'ttft*=15%,4,lower'", "per metric glob: threshold, z, direction");
    public static final ConfigOption<String> BASELINE_RESET_FILE = value(
            REGRESSION_SECTION,
            ConfigOptions.key(PREFIX + "baseline-reset-file").stringType().noDefaultValue(),
            "FILE",
            asIs(),
            "lines 'SUITE/METRIC-GLOB ISO-TIME': forget windows before");

    // Kafka

    public static final ConfigOption<String> KAFKA_BOOTSTRAP = value(
            KAFKA_SECTION,
            ConfigOptions.key(PREFIX + "kafka-bootstrap").stringType().noDefaultValue(),
            "HOST:PORT",
            asIs(),
            "the brokers to publish to");
    public static final ConfigOption<Map<String, String>> KAFKA_PROPERTY =
            pairs(KAFKA_SECTION, "kafka-property", "key=value", "a producer setting (SASL, SSL, ...)");
    public static final ConfigOption<String> KAFKA_TOPIC_REPORTS =
            topic("reports", "chimera.reports", "one report event per window revision");
    public static final ConfigOption<String> KAFKA_TOPIC_STATS =
            topic("stats", "chimera.stats", "one record per series and window");
    public static final ConfigOption<String> KAFKA_TOPIC_DEAD_LETTERS =
            topic("dead-letters", "chimera.dead-letters", "one record per file that could not be parsed");
    public static final ConfigOption<String> KAFKA_TOPIC_ALERTS =
            topic("alerts", "chimera.alerts", "one record per regression or improvement");
    public static final ConfigOption<String> KAFKA_DELIVERY = value(
            KAFKA_SECTION,
            ConfigOptions.key(PREFIX + "kafka-delivery").stringType().defaultValue("exactly-once"),
            "exactly-once|at-least-once",
            JobOptions::delivery,
            "transactions committed with each checkpoint," + " or plain sends");
    public static final ConfigOption<String> KAFKA_TRANSACTIONAL_ID_PREFIX = value(
            KAFKA_SECTION,
            ConfigOptions.key(PREFIX + "kafka-transactional-id-prefix")
                    .stringType()
                    .defaultValue("chimera-telemetry"),
            "PREFIX",
            asIs(),
            "unique per job on a cluster");
    public static final ConfigOption<Duration> KAFKA_TRANSACTION_TIMEOUT = duration(
            KAFKA_SECTION,
            "kafka-transaction-timeout",
            Duration.ofMinutes(10),
            "below the broker's transaction.max.timeout.ms (15m)");

    /** Flags that set another option: {@code --watch} is {@code --once false}, {@code --num-ctx 4096} a pair. */
    record Alias(Option<?> option, Function<String, String> value, boolean takesValue) {}

    private static final Map<String, Alias> ALIASES = new LinkedHashMap<>();

    static {
        ALIASES.put("--watch", new Alias(option(ONCE), ignored -> "false", false));
        ALIASES.put("--no-stream", new Alias(option(STREAM), ignored -> "false", false));
        for (String name : List.of(
                "num_gpu", "num_ctx", "temperature", "top_p", "top_k", "repeat_penalty", "num_predict", "seed")) {
            ALIASES.put(
                    "--" + name.replace('_', '-'), new Alias(option(LLM_OPTION), value -> name + "=" + value, true));
        }
    }

    private JobOptions() {}

    /** Every option, in the order {@code --help} lists them. */
    public static List<Option<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The option a flag or YAML key names ({@code --window}, {@code window}), or null. */
    static Option<?> named(String flagOrKey) {
        String name = flagOrKey.startsWith("--") ? flagOrKey.substring(2) : flagOrKey;
        name = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
        for (Option<?> option : ALL) {
            if (option.name().equals(name)) {
                return option;
            }
        }
        return null;
    }

    static Alias alias(String flag) {
        return ALIASES.get(flag);
    }

    static Map<String, Alias> aliases() {
        return Collections.unmodifiableMap(ALIASES);
    }

    static Option<?> option(ConfigOption<?> config) {
        for (Option<?> option : ALL) {
            if (option.config() == config) {
                return option;
            }
        }
        throw new IllegalStateException("not declared: " + config.key());
    }

    /** The run options' part of {@code --help}, grouped by section, each with its default. */
    public static String help(String indent) {
        StringBuilder help = new StringBuilder();
        String section = null;
        for (Option<?> option : ALL) {
            if (!option.section().equals(section)) {
                section = option.section();
                help.append(indent).append(section).append(":\n");
            }
            String flag = option.flag() + (option.example().isEmpty() ? "" : " " + option.example());
            if (option.config() == ONCE) {
                flag = "--once | --watch";
            } else if (option.config() == STREAM) {
                flag = "--no-stream";
            }
            String described = option.description() + defaultOf(option);
            help.append(indent).append("  ").append(String.format(Locale.ROOT, "%-28s", flag));
            int column = indent.length() + 2 + 28;
            if (flag.length() >= 28) {
                help.append('\n').append(" ".repeat(indent.length() + 2 + 28));
                column = indent.length() + 2 + 28;
            }
            help.append(wrapped(described, column, 116)).append('\n');
        }
        return help.toString();
    }

    private static String defaultOf(Option<?> option) {
        if (!option.config().hasDefaultValue() || option.form() == Form.SWITCH) {
            return "";
        }
        Object value = option.config().defaultValue();
        if (value instanceof Duration duration) {
            value = human(duration);
        } else if (value instanceof TimeBasis basis) {
            value = basis.name().toLowerCase(Locale.ROOT);
        } else if (option.config() == REGRESSION_THRESHOLD) {
            value = Math.round((Double) value * 100) + "%";
        } else if (value instanceof List<?> list && list.isEmpty() || value instanceof Map<?, ?> map && map.isEmpty()) {
            return "";
        }
        return " (default " + value + ")";
    }

    private static String human(Duration duration) {
        if (duration.toMillis() % 86_400_000 == 0) {
            return duration.toDays() + "d";
        }
        if (duration.toMillis() % 3_600_000 == 0) {
            return duration.toHours() + "h";
        }
        if (duration.toMillis() % 60_000 == 0) {
            return duration.toMinutes() + "m";
        }
        if (duration.toMillis() % 1_000 == 0) {
            return duration.toSeconds() + "s";
        }
        return duration.toMillis() + "ms";
    }

    private static String wrapped(String text, int column, int width) {
        StringBuilder out = new StringBuilder();
        int at = column;
        for (String word : text.split(" ")) {
            if (at + 1 + word.length() > width && at > column) {
                out.append('\n').append(" ".repeat(column));
                at = column;
            } else if (at > column) {
                out.append(' ');
                at++;
            }
            out.append(word);
            at += word.length();
        }
        return out.toString();
    }

    // Declarations

    private static <T> ConfigOption<T> value(
            String section, ConfigOption<T> config, String example, Function<String, ?> parse, String description) {
        return declare(section, config, Form.VALUE, example, parse, description);
    }

    private static <T> ConfigOption<T> declare(
            String section,
            ConfigOption<T> config,
            Form form,
            String example,
            Function<String, ?> parse,
            String description) {
        ConfigOption<T> described = config.withDescription(description);
        DESCRIPTIONS.put(config.key(), description);
        @SuppressWarnings("unchecked")
        Function<String, Object> parser = (Function<String, Object>) parse;
        ALL.add(new Option<>(described, form, parser, section, example));
        return described;
    }

    private static ConfigOption<Boolean> switchOf(
            String section, String name, boolean defaultValue, String description) {
        return declare(
                section,
                ConfigOptions.key(PREFIX + name).booleanType().defaultValue(defaultValue),
                Form.SWITCH,
                "",
                Boolean::parseBoolean,
                description);
    }

    private static ConfigOption<Duration> duration(
            String section, String name, Duration defaultValue, String description) {
        return value(
                section,
                ConfigOptions.key(PREFIX + name).durationType().defaultValue(defaultValue),
                human(defaultValue),
                durationOf("--" + name),
                description);
    }

    private static ConfigOption<Integer> integer(String section, String name, int defaultValue, String description) {
        return value(
                section,
                ConfigOptions.key(PREFIX + name).intType().defaultValue(defaultValue),
                String.valueOf(defaultValue),
                whole("--" + name, Integer::parseInt),
                description);
    }

    private static ConfigOption<String> topic(String kind, String defaultValue, String description) {
        return value(
                KAFKA_SECTION,
                ConfigOptions.key(PREFIX + "kafka-topic-" + kind).stringType().defaultValue(defaultValue),
                "TOPIC",
                asIs(),
                description);
    }

    private static ConfigOption<List<String>> repeated(
            String section, String name, String example, String description) {
        return declare(
                section,
                ConfigOptions.key(PREFIX + name).stringType().asList().defaultValues(),
                Form.REPEATED,
                example,
                asIs(),
                description + " (repeatable)");
    }

    private static ConfigOption<Map<String, String>> pairs(
            String section, String name, String example, String description) {
        return declare(
                section,
                ConfigOptions.key(PREFIX + name).mapType().defaultValue(Map.of()),
                Form.PAIRS,
                example,
                asIs(),
                description + " (repeatable)");
    }

    // Value readers: each names its flag when the value is wrong.

    private static Function<String, ?> asIs() {
        return value -> value;
    }

    private static Function<String, ?> durationOf(String flag) {
        return value -> JobArguments.duration(value, flag);
    }

    private static Function<String, ?> whole(String flag, Function<String, ? extends Number> parse) {
        return value -> {
            try {
                return parse.apply(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " needs a whole number, got '" + value + "'");
            }
        };
    }

    private static Function<String, ?> decimal(String flag) {
        return value -> {
            try {
                return Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " needs a number, got '" + value + "'");
            }
        };
    }

    private static String delivery(String value) {
        if (!value.equals("exactly-once") && !value.equals("at-least-once")) {
            throw new IllegalArgumentException("--kafka-delivery is exactly-once or at-least-once");
        }
        return value;
    }
}
