package io.chimera.telemetry.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a {@link PatternFarm} holds, for scoring a regression detector against it: per suite and metric, the
 * changes of level a detector should report (run, window, size, and whether it makes the metric better or worse),
 * and what else happens there that is no change (outliers, a noise change, a drift). Written beside the farm as
 * {@value #FILE_NAME}; times are ISO-8601 text, so the file reads without this class.
 *
 * @param start the first run's start: run {@code i} is the window starting {@code start + i × window}
 * @param window the run length, which is the window the change points are given in ({@code PT1M})
 * @param naming {@code none}: the runs carry no naming column; {@code model}: a constant {@code model} column
 */
public record GroundTruth(long seed, int runs, String start, String window, String naming, List<Suite> suites) {

    /** An underscore name: the job never reads it (writer contract), so the farm stays the farm. */
    public static final String FILE_NAME = "_truth.json";

    /** A change of level in the target population: big enough that a detector should alert. */
    public static final String STEP = "step";
    /** A change below the detector's default relative threshold: silence is right, an alert is scored apart. */
    public static final String SMALL = "small";

    /** A suite where every listed change should alert. */
    public static final String ALERTS_EXPECTED = "expected";
    /** A suite where nothing should alert: any alert there is a false alarm. */
    public static final String ALERTS_NONE = "none";
    /** A suite whose only changes are {@link #SMALL}: alerting on them is neither right nor wrong. */
    public static final String ALERTS_OPTIONAL = "optional";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public GroundTruth {
        suites = List.copyOf(suites);
    }

    /**
     * One pattern.
     *
     * @param alerts {@link #ALERTS_EXPECTED}, {@link #ALERTS_NONE} or {@link #ALERTS_OPTIONAL}
     */
    public record Suite(String suite, String description, String alerts, List<Metric> metrics) {
        public Suite {
            metrics = List.copyOf(metrics);
        }
    }

    /**
     * One metric of a suite (a series when the runs carry a naming column).
     *
     * @param direction {@code higher_is_better} or {@code lower_is_better}, as alerts name it
     * @param noisePercent the values' relative noise (one standard deviation) before any change
     */
    public record Metric(
            String metric,
            String unit,
            String direction,
            double noisePercent,
            List<Change> changes,
            List<Event> events) {
        public Metric {
            changes = List.copyOf(changes);
            events = List.copyOf(events);
        }
    }

    /**
     * A change of level from run {@code run} on.
     *
     * @param percent the new level against the one before, in percent ({@code -15.0}: 15 % lower)
     * @param expected {@code regression} or {@code improvement}, by the metric's direction
     * @param scored {@link #STEP} or {@link #SMALL}
     */
    public record Change(int run, String windowStart, double percent, String expected, String scored) {}

    /**
     * Something in the values that is not a change of level, where an alert would be a false alarm.
     *
     * @param run the first run it affects
     * @param lastRun the last run it affects ({@code run} for an outlier)
     */
    public record Event(int run, int lastRun, String windowStart, String what) {}

    public Instant startInstant() {
        return Instant.parse(start);
    }

    public Duration windowDuration() {
        return Duration.parse(window);
    }

    /** The run (window index) of a window start; windows before the first run are negative. */
    public long runOf(Instant windowStart) {
        return Math.floorDiv(
                windowStart.toEpochMilli() - startInstant().toEpochMilli(),
                windowDuration().toMillis());
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), this);
    }

    public static GroundTruth read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), GroundTruth.class);
    }
}
