package io.chimera.telemetry.jobs;

import io.chimera.telemetry.emit.KafkaSettings;
import io.chimera.telemetry.time.TimeBasis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The tests' job settings, given as a user gives them: options ({@link JobOptions}) on a {@link Configuration},
 * read and checked by {@link JobSettings#from}. Each test sets what it is about and leaves the rest at the
 * defaults a user gets.
 */
final class TestSettings {

    private final Configuration options;

    private TestSettings(Configuration options) {
        this.options = options;
    }

    /** A run over these folders, writing to {@code out}, with every default but the dashboard (off). */
    static TestSettings over(Path out, Path... inputs) {
        Configuration options = new Configuration();
        options.set(
                JobOptions.INPUT,
                java.util.Arrays.stream(inputs).map(Path::toString).toList());
        options.set(JobOptions.OUTPUT, out.toString());
        options.set(JobOptions.WEB_UI_PORT, 0);
        return new TestSettings(options);
    }

    /** A bounded run ({@code --once}) over one folder. */
    static TestSettings once(Path input, Path out) {
        return over(out, input).set(JobOptions.ONCE, true);
    }

    /**
     * A watching run over one folder, quick enough for a test: listed every 200 ms, files settled after 300 ms,
     * checkpoints every 500 ms, and {@link #twoSecondWindows()}.
     */
    static TestSettings watching(Path watched, Path out) {
        return over(out, watched)
                .set(JobOptions.DISCOVERY_INTERVAL, Duration.ofMillis(200))
                .set(JobOptions.SETTLE_TIME, Duration.ofMillis(300))
                .set(JobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(500))
                .twoSecondWindows();
    }

    /** 2 s windows by landing time, the watermark 200 ms behind the newest file, flushed after 800 ms quiet. */
    TestSettings twoSecondWindows() {
        return set(JobOptions.WINDOW, Duration.ofSeconds(2))
                .set(JobOptions.TIME_BASIS, TimeBasis.LANDED)
                .set(JobOptions.OUT_OF_ORDERNESS, Duration.ofMillis(200))
                .set(JobOptions.FLUSH_TIMEOUT, Duration.ofMillis(800));
    }

    /** Publishing to Kafka as these settings say. */
    TestSettings kafka(KafkaSettings kafka) {
        return set(JobOptions.KAFKA_BOOTSTRAP, kafka.bootstrapServers())
                .set(JobOptions.KAFKA_PROPERTY, kafka.properties())
                .set(JobOptions.KAFKA_TOPIC_REPORTS, kafka.reportsTopic())
                .set(JobOptions.KAFKA_TOPIC_STATS, kafka.statsTopic())
                .set(JobOptions.KAFKA_TOPIC_DEAD_LETTERS, kafka.deadLettersTopic())
                .set(JobOptions.KAFKA_TOPIC_ALERTS, kafka.alertsTopic())
                .set(JobOptions.KAFKA_DELIVERY, kafka.exactlyOnce() ? "exactly-once" : "at-least-once")
                .set(JobOptions.KAFKA_TRANSACTIONAL_ID_PREFIX, kafka.transactionalIdPrefix())
                .set(JobOptions.KAFKA_TRANSACTION_TIMEOUT, kafka.transactionTimeout());
    }

    /** These settings with one option changed; this one stays as it is. */
    <T> TestSettings set(ConfigOption<T> option, T value) {
        Configuration changed = new Configuration(options);
        changed.set(option, value);
        return new TestSettings(changed);
    }

    JobSettings settings() {
        return JobSettings.from(options);
    }

    List<String> inputs() {
        return options.get(JobOptions.INPUT);
    }
}
