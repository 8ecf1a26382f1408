package io.chimera.telemetry.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.parse.ParseSettings;
import io.chimera.telemetry.records.MetricEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LongSummaryStatistics;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FarmGeneratorTest {

    @Test
    void aFinishedOllamaRunsRowsEndWhenItsFileLands(@TempDir Path farm) throws Exception {
        Instant finished = Instant.parse("2026-06-01T12:00:00Z");

        // Index 0 is an Ollama per-prompt run: 5 prompts, 3 s apart.
        Path file = new FarmGenerator(farm, 5).writeFinished(0, finished, new SplittableRandom(1));

        FileOutcome outcome = new ArtifactParser(ParseSettings.defaults())
                .parseLocal(
                        farm,
                        file,
                        ArtifactParser.formatOf(file.getFileName().toString()).orElseThrow());
        LongSummaryStatistics times = outcome.events().stream()
                .mapToLong((MetricEvent e) -> e.eventTime)
                .summaryStatistics();
        assertEquals(finished.toEpochMilli(), times.getMax());
        assertEquals(finished.minusSeconds(12).toEpochMilli(), times.getMin());
        assertEquals(
                finished.toEpochMilli(),
                java.nio.file.Files.getLastModifiedTime(file).toMillis(),
                "written when it finished: by landing time, not 12 s late");
    }

    @Test
    void aFinishedRunWithoutRowTimesIsTimedWhenItLands(@TempDir Path farm) throws Exception {
        Instant finished = Instant.parse("2026-06-01T12:00:00Z");

        // Index 4 is a JMH result: no timestamps, so its modification time counts.
        Path file = new FarmGenerator(farm, 5).writeFinished(4, finished, new SplittableRandom(1));

        assertEquals(
                finished.toEpochMilli(),
                java.nio.file.Files.getLastModifiedTime(file).toMillis());
    }
}
