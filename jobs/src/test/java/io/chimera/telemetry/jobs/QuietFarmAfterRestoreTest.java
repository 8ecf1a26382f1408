package io.chimera.telemetry.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.emit.TelemetrySinks;
import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.TooLate;
import io.chimera.telemetry.records.WindowSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The case this guards: "after flush timeout without files, [the watermark] advances with the wall clock, so the last
 * window of a quiet farm still closes", and a restart in the middle of a revision neither loses it nor emits it twice.
 * The watermark generator's state (the newest time seen) is not checkpointed and a generator that has seen no file
 * marks its reader idle: after a restore on a farm where nothing new lands, no watermark ever comes, so a window that
 * was open (or a revision that was under way) at the checkpoint never goes out.
 */
class QuietFarmAfterRestoreTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final Duration WINDOW = Duration.ofSeconds(4);

    private final CollectingSink<SeriesStats> stats = CollectingSink.named("q-stats-" + System.nanoTime());
    private final CollectingSink<DeadLetter> deadLetters = CollectingSink.named("q-dead-" + System.nanoTime());

    @Test
    void aWindowOpenAtTheSavepointClosesAfterTheRestoreOnAQuietFarm(@TempDir Path root) throws Exception {
        Path watched = Files.createDirectories(root.resolve("watched"));
        JobSettings settings = TestSettings.watching(watched, root.resolve("out"))
                .set(JobOptions.WINDOW, WINDOW)
                .set(JobOptions.DISCOVERY_LOOKBACK, Duration.ofHours(2))
                .settings();
        // A run landed an hour back, 1 s into a 4 s window: that window closes by the flush about 3 s after the
        // files are read (the last one, a broken marker, tells when they have been).
        long hourAgo = System.currentTimeMillis() - 3_600_000L;
        long time = hourAgo - hourAgo % WINDOW.toMillis() + 1_000;
        land(watched, "suite/run.csv", "timestamp,model,latency_ms\n" + Instant.ofEpochMilli(time) + ",m,10\n", time);
        JobClient first = start(settings, new Configuration());
        Thread.sleep(200);
        land(watched, "suite/broken.json", "{\"truncated\": ", time);
        waitUntil(() -> deadLetters.received().size() == 1, "the marker's dead letter", Duration.ofSeconds(30));
        String savepoint = Savepoints.stopWithSavepoint(first, root.resolve("savepoints"));
        assertTrue(stats.received().isEmpty(), "the premise: the window was still open at the savepoint");

        // Restored; nothing new lands. Before the stop, the flush would have closed the window within seconds.
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        JobClient second = start(settings, restore);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(7).toNanos();
            while (stats.received().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(
                    1,
                    stats.received().size(),
                    "the window's statistics, 7 s after the restore (window 4 s, flush 0.8 s)");
        } finally {
            second.cancel().get();
        }
    }

    private JobClient start(JobSettings settings, Configuration extra) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(extra);
        Pipelines.configure(env, settings);
        new TelemetryJob(
                        Pipelines.fileSource(settings),
                        new TelemetrySinks(
                                stats,
                                CollectingSink.<WindowSummary>named("q-s-" + System.nanoTime()),
                                CollectingSink.<Report>named("q-r-" + System.nanoTime()),
                                CollectingSink.<Report>named("q-d-" + System.nanoTime()),
                                deadLetters,
                                CollectingSink.<Alert>named("q-a-" + System.nanoTime()),
                                CollectingSink.<TooLate>named("q-t-" + System.nanoTime())),
                        settings.eventTime(),
                        settings.llm())
                .build(env);
        return env.executeAsync("quiet-farm-restore");
    }

    private static void land(Path root, String relative, String content, long modified) throws Exception {
        Path target = root.resolve(relative);
        Files.createDirectories(target.getParent());
        Path hidden = target.resolveSibling("." + target.getFileName());
        Files.writeString(hidden, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(hidden, FileTime.fromMillis(modified));
        Files.move(hidden, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
