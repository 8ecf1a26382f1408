package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.parse.ParseSettings;
import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.records.MetricEvent;
import io.chimera.telemetry.records.SeriesKey;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.WindowSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A window's summary of real files, made by the same parser, accumulator, summary and findings code the job runs,
 * without a job: for tests that check what the pipeline says about a file against the file itself.
 */
public final class CorpusWindows {

    private static final long START = 0;
    private static final long END = 60_000;

    private CorpusWindows() {}

    /** One window holding every value of the files, all in one suite. */
    public static WindowSummary of(Path root, List<Path> files) {
        ArtifactParser parser = new ArtifactParser(ParseSettings.defaults());
        Map<SeriesKey, SeriesAccumulator> series = new LinkedHashMap<>();
        List<FileLanded> landed = new ArrayList<>();
        String suite = "corpus";
        for (Path file : files) {
            FileOutcome outcome = parser.parseLocal(
                    root, file, ArtifactParser.formatOf(file.toString()).orElseThrow());
            for (MetricEvent event : outcome.events()) {
                event.suite = suite;
                series.computeIfAbsent(SeriesIdentity.of(event), k -> new SeriesAccumulator())
                        .add(event.value, START, event.failed);
            }
        }
        List<SeriesStats> stats = new ArrayList<>();
        series.forEach((key, accumulator) -> stats.add(SeriesWindowRevisions.toStats(key, START, END, accumulator)));
        WindowSummary summary = SuiteWindowRevisions.summarise(suite, START, END, landed, stats, List.<Alert>of());
        summary.findings = Findings.of(summary.series, summary.alerts);
        return summary;
    }
}
