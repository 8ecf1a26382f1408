package io.chimera.telemetry.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The case this guards: ReportFileSink keeps a report whose revision on disk is higher than the incoming one. Revision
 * numbers belong to one job's state, though: a local {@code bin/chimera run} never restores (every start reads the
 * farm afresh and numbers each window from revision 0 again, into the same default {@code chimera-out}), and
 * {@code --once} writes revision 0 only. A window a previous run revised keeps that run's Markdown and HTML report
 * for good, although the new run's report (JSON lines, Kafka) holds more files.
 */
class ReportFileSinkNewRunTest {

    @TempDir
    Path dir;

    private static Report window(int revision, int files) {
        Report report = new Report();
        report.suite = "llm";
        report.windowStart = "2026-11-20T09:00:00Z";
        report.windowEnd = "2026-11-20T09:01:00Z";
        report.revision = revision;
        report.inventory.files = files;
        report.narrator = "builtin";
        report.narrative = "Nothing to say.";
        return report;
    }

    @Test
    void aLaterRunsReportOfAWindowReplacesThePreviousRunsRevisedOne() throws Exception {
        // First run: the window closed with 1 file, a late copy revised it to 2.
        try (SinkWriter<Report> firstRun = new ReportFileSink(dir.toString()).createWriter(null)) {
            firstRun.write(window(0, 1), null);
            firstRun.write(window(1, 2), null);
        }
        // Stopped; a third file lands in that window (cp -p). The next run reads the farm afresh: its window
        // closes once, with all three files, as revision 0.
        try (SinkWriter<Report> nextRun = new ReportFileSink(dir.toString()).createWriter(null)) {
            nextRun.write(window(0, 3), null);
        }

        String report = Files.readString(dir.resolve("llm/2026-11-20T09-00-00Z.md"));
        assertTrue(report.contains("- Files: 3\n"), "the next run's report of the window, 3 files:\n" + report);
    }
}
