package io.chimera.telemetry.jobs;

import io.chimera.telemetry.aggregate.RegressionSettings;
import io.chimera.telemetry.aggregate.SeriesNaming;
import io.chimera.telemetry.emit.KafkaSettings;
import io.chimera.telemetry.narrate.LlmSettings;
import io.chimera.telemetry.source.FileSelection;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Everything the telemetry job can be told, validated when built so a bad setting fails before the job starts.
 *
 * @param inputs watched root folders
 * @param output folder for statistics, summaries and dead letters
 * @param bounded {@code --once}: read what is there, close every window, exit
 * @param discoveryInterval how often continuous mode lists the folders again
 * @param window event-time window size
 * @param outOfOrderness how far event times may go back before events count as late
 * @param flushTimeout quiet time after which the watermark moves on by the wall clock (closes the last window)
 * @param settleTime a file is read only once it has not changed for this long
 * @param discoveryLookback continuous mode remembers the files modified within this of the newest one it read;
 *     older ones count as read (the source's state stays bounded)
 * @param fullListingInterval continuous mode reads every folder again this often; listings between read only the
 *     folders whose modification time moved
 * @param checkpointInterval continuous mode's checkpoint interval (also when output files are committed)
 * @param parallelism operator parallelism
 * @param webUiPort port of the Flink dashboard for local runs; 0 for none
 * @param webUiBind the address the dashboard of a local run listens on: loopback unless opened on purpose
 * @param maxFileBytes files above this become dead letters
 * @param llm the narrator: built-in, or an LLM and how to ask it
 * @param kafka where to publish on Kafka; null for no Kafka
 * @param regression when a window counts as a regression or improvement against its series' baseline
 * @param seriesNaming how a file's path names its series: the rules, or {@code --series-template}
 * @param selection which files under the inputs are read: {@code --include} / {@code --exclude} globs
 */
public record JobSettings(
        List<String> inputs,
        String output,
        boolean bounded,
        Duration discoveryInterval,
        EventTimeSettings time,
        Duration settleTime,
        Duration discoveryLookback,
        Duration fullListingInterval,
        Duration checkpointInterval,
        int parallelism,
        int webUiPort,
        String webUiBind,
        long maxFileBytes,
        LlmSettings llm,
        KafkaSettings kafka,
        RegressionSettings regression,
        SeriesNaming seriesNaming,
        FileSelection selection)
        implements Serializable {

    /** Where a local run's dashboard listens unless {@code --web-ui-bind} says otherwise. */
    public static final String LOOPBACK = "127.0.0.1";

    public JobSettings {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("at least one --input folder is needed");
        }
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("--output folder is needed");
        }
        EventTimeSettings.requirePositive("--discovery-interval", discoveryInterval);
        if (time == null) {
            throw new IllegalArgumentException("the window settings are missing");
        }
        if (settleTime == null || settleTime.isNegative()) {
            throw new IllegalArgumentException("--settle-time must be zero or more");
        }
        if (discoveryLookback == null || discoveryLookback.compareTo(settleTime) < 0) {
            throw new IllegalArgumentException("--discovery-lookback must be at least the settle time");
        }
        if (fullListingInterval == null || fullListingInterval.isNegative()) {
            throw new IllegalArgumentException("--full-listing-interval must be zero (every listing) or more");
        }
        EventTimeSettings.requirePositive("--checkpoint-interval", checkpointInterval);
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be at least 1, was " + parallelism);
        }
        if (webUiPort < 0 || webUiPort > 65535) {
            throw new IllegalArgumentException("--web-ui-port must be 0 (off) or a port, was " + webUiPort);
        }
        if (webUiBind == null || webUiBind.isBlank()) {
            throw new IllegalArgumentException("--web-ui-bind needs an address, such as 127.0.0.1 or 0.0.0.0");
        }
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("--max-file-bytes must be positive, was " + maxFileBytes);
        }
        if (regression == null) {
            throw new IllegalArgumentException("the regression settings are missing");
        }
        if (llm == null) {
            throw new IllegalArgumentException("the narrator settings are missing");
        }
        if (seriesNaming == null) {
            throw new IllegalArgumentException("the series naming is missing");
        }
        if (selection == null) {
            throw new IllegalArgumentException("the file selection is missing");
        }
        inputs = List.copyOf(inputs);
    }

    /**
     * The settings a configuration holds ({@link JobOptions}), each option's default where it holds none, checked
     * as a whole. Without inputs, the project's samples ({@code $CHIMERA_HOME/samples}).
     */
    public static JobSettings from(ReadableConfig c) {
        List<String> inputs = c.get(JobOptions.INPUT);
        if (inputs.isEmpty()) {
            String home = System.getenv("CHIMERA_HOME");
            inputs = List.of(
                    home != null ? java.nio.file.Path.of(home, "samples").toString() : "samples");
        }
        String backend = c.get(JobOptions.LLM);
        LlmSettings defaults = LlmSettings.defaults(LlmSettings.OPENAI.equals(backend) ? backend : LlmSettings.OLLAMA);
        LlmSettings llm = new LlmSettings(
                backend,
                c.getOptional(JobOptions.LLM_URL).orElse(defaults.baseUrl()),
                c.getOptional(JobOptions.LLM_MODEL).orElse(defaults.model()),
                c.get(JobOptions.OLLAMA_API),
                c.get(JobOptions.STREAM),
                c.getOptional(JobOptions.LLM_TIMEOUT).orElse(defaults.timeout()),
                c.getOptional(JobOptions.LLM_RETRIES).orElse(defaults.maxRetries()),
                defaults.initialBackoff(),
                c.getOptional(JobOptions.LLM_MAX_IN_FLIGHT).orElse(defaults.maxInFlight()),
                c.get(JobOptions.LLM_OPTION),
                c.get(JobOptions.LLM_API_KEY_ENV),
                c.get(JobOptions.PERSONA),
                new LlmSettings.Backlog(
                        c.get(JobOptions.NARRATION_MAX_BACKLOG),
                        c.get(JobOptions.NARRATION_MAX_AGE),
                        c.get(JobOptions.LLM_BUDGET)));
        EventTimeSettings time = new EventTimeSettings(
                c.get(JobOptions.WINDOW),
                c.get(JobOptions.OUT_OF_ORDERNESS),
                c.get(JobOptions.FLUSH_TIMEOUT),
                c.get(JobOptions.TIME_BASIS),
                c.get(JobOptions.REVISION_HORIZON));
        KafkaSettings kafka = c.getOptional(JobOptions.KAFKA_BOOTSTRAP)
                .map(bootstrap -> new KafkaSettings(
                        bootstrap,
                        c.get(JobOptions.KAFKA_PROPERTY),
                        c.get(JobOptions.KAFKA_TOPIC_REPORTS),
                        c.get(JobOptions.KAFKA_TOPIC_STATS),
                        c.get(JobOptions.KAFKA_TOPIC_DEAD_LETTERS),
                        c.get(JobOptions.KAFKA_TOPIC_ALERTS),
                        !"at-least-once".equals(c.get(JobOptions.KAFKA_DELIVERY)),
                        c.get(JobOptions.KAFKA_TRANSACTIONAL_ID_PREFIX),
                        c.get(JobOptions.KAFKA_TRANSACTION_TIMEOUT)))
                .orElse(null);
        RegressionSettings base = new RegressionSettings(
                c.get(JobOptions.BASELINE_WINDOWS),
                c.get(JobOptions.MIN_BASELINE),
                c.get(JobOptions.REGRESSION_THRESHOLD),
                c.get(JobOptions.REGRESSION_Z),
                List.of(),
                c.getOptional(JobOptions.BASELINE_RESET_FILE).orElse(null),
                RegressionSettings.defaults().retention());
        RegressionSettings regression = base.withRules(c.get(JobOptions.REGRESSION_RULE).stream()
                .map(rule -> RegressionSettings.Rule.parse(rule, base))
                .toList());
        SeriesNaming naming = c.getOptional(JobOptions.SERIES_TEMPLATE)
                .map(SeriesNaming::template)
                .orElse(SeriesNaming.automatic());
        return new JobSettings(
                inputs,
                c.get(JobOptions.OUTPUT),
                c.get(JobOptions.ONCE),
                c.get(JobOptions.DISCOVERY_INTERVAL),
                time,
                c.get(JobOptions.SETTLE_TIME),
                c.get(JobOptions.DISCOVERY_LOOKBACK),
                c.get(JobOptions.FULL_LISTING_INTERVAL),
                c.get(JobOptions.CHECKPOINT_INTERVAL),
                c.get(JobOptions.PARALLELISM),
                c.get(JobOptions.WEB_UI_PORT),
                c.get(JobOptions.WEB_UI_BIND),
                c.get(JobOptions.MAX_FILE_BYTES),
                llm,
                kafka,
                regression,
                naming,
                new FileSelection(c.get(JobOptions.INCLUDE), c.get(JobOptions.EXCLUDE)));
    }

    public EventTimeSettings eventTime() {
        return time;
    }

    public Duration window() {
        return time.window();
    }

    public Duration outOfOrderness() {
        return time.outOfOrderness();
    }

    public Duration flushTimeout() {
        return time.flushTimeout();
    }
}
