package io.chimera.telemetry.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.emit.TelemetrySinks;
import io.chimera.telemetry.narrate.LlmSettings;
import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.parse.ParseSettings;
import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.ArtifactRecord;
import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.TooLate;
import io.chimera.telemetry.records.WindowSummary;
import io.chimera.telemetry.source.ArtifactFileReader;
import io.chimera.telemetry.source.LocalArtifacts;
import io.chimera.telemetry.testing.Corpus;
import io.chimera.telemetry.time.TimeBasis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.datagen.functions.FromElementsGeneratorFunction;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The topology on an in-memory source of the corpus's parsed files: no file system, no clocks, no sleeps. The
 * files' own times drive the watermarks, and the end of the input closes every window.
 */
class TelemetryTopologyTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    /** Windows by the rows' own times, revisable for ten years: no value of the corpus can come too late. */
    private static final EventTimeSettings MEASURED = new EventTimeSettings(
            Duration.ofMinutes(1),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            TimeBasis.MEASURED,
            Duration.ofDays(3650));

    private static List<ArtifactRecord> corpusRecords() throws Exception {
        Path root = Corpus.chimera();
        ArtifactParser parser = new ArtifactParser(ParseSettings.defaults());
        List<ArtifactRecord> records = new ArrayList<>();
        for (Path file : LocalArtifacts.under(root)) {
            records.add(ArtifactFileReader.toRecord(parser.parseLocal(
                    root,
                    file,
                    ArtifactParser.formatOf(file.getFileName().toString()).orElseThrow())));
        }
        return records;
    }

    private static Source<ArtifactRecord, ?, ?> inMemory(List<ArtifactRecord> records) {
        TypeInformation<ArtifactRecord> type = TypeInformation.of(ArtifactRecord.class);
        return new DataGeneratorSource<>(
                new FromElementsGeneratorFunction<>(type, records.toArray(new ArtifactRecord[0])),
                records.size(),
                type);
    }

    /** Each series window's statistics in their last revision, by suite, series, metric and window. */
    private static Map<String, SeriesStats> run(List<ArtifactRecord> records, RuntimeExecutionMode mode)
            throws Exception {
        String run = mode + "-" + System.nanoTime();
        CollectingSink<SeriesStats> stats = CollectingSink.named("stats-" + run);
        CollectingSink<TooLate> tooLate = CollectingSink.named("too-late-" + run);
        TelemetrySinks sinks = new TelemetrySinks(
                stats,
                CollectingSink.<WindowSummary>named("summaries-" + run),
                CollectingSink.<Report>named("reports-" + run),
                CollectingSink.<Report>named("documents-" + run),
                CollectingSink.<DeadLetter>named("dead-" + run),
                CollectingSink.<Alert>named("alerts-" + run),
                tooLate);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(mode);
        env.setParallelism(2);
        new TelemetryJob(inMemory(records), sinks, MEASURED, LlmSettings.builtin()).execute(env, "topology");

        assertEquals(List.of(), tooLate.received(), "nothing too late within a ten-year horizon");
        Map<String, SeriesStats> last = new TreeMap<>();
        for (SeriesStats s : stats.received()) {
            last.merge(
                    s.suite + " " + s.series + " " + s.metric + " " + s.windowStart,
                    s,
                    (a, b) -> a.revision >= b.revision ? a : b);
        }
        return last;
    }

    @Test
    void aStreamingRunOverFilesLandingInAnyOrderEndsWithTheBoundedRunsStatistics() throws Exception {
        List<ArtifactRecord> records = corpusRecords();
        List<ArtifactRecord> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, new Random(42));

        Map<String, SeriesStats> bounded = run(records, RuntimeExecutionMode.BATCH);
        Map<String, SeriesStats> streaming = run(shuffled, RuntimeExecutionMode.STREAMING);

        assertTrue(bounded.size() > 500, "the corpus's series windows: " + bounded.size());
        assertEquals(bounded.keySet(), streaming.keySet());
        for (Map.Entry<String, SeriesStats> entry : bounded.entrySet()) {
            SeriesStats expected = entry.getValue();
            SeriesStats actual = streaming.get(entry.getKey());
            String where = entry.getKey();
            assertEquals(expected.count, actual.count, where);
            assertEquals(expected.failed, actual.failed, where);
            // The same bits: a series window's numbers do not depend on the order its files came in.
            assertEquals(expected.sum, actual.sum, where + " sum");
            assertEquals(expected.mean, actual.mean, where + " mean");
            assertEquals(expected.stddev, actual.stddev, where + " stddev");
            assertEquals(expected.min, actual.min, where);
            assertEquals(expected.max, actual.max, where);
            assertEquals(expected.p50, actual.p50, where + " p50");
            assertEquals(expected.p99, actual.p99, where + " p99");
        }
    }
}
