package io.chimera.telemetry.emit;

import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.TooLate;
import io.chimera.telemetry.records.WindowSummary;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the telemetry job's outputs go; production writes files, tests collect.
 *
 * @param reports report events (JSON lines, later Kafka)
 * @param reportDocuments the same reports as Markdown documents
 * @param tooLate values that came after their window's revision horizon, per file and window
 */
public record TelemetrySinks(
        Sink<SeriesStats> stats,
        Sink<WindowSummary> summaries,
        Sink<Report> reports,
        Sink<Report> reportDocuments,
        Sink<DeadLetter> deadLetters,
        Sink<Alert> alerts,
        Sink<TooLate> tooLate) {

    /** The same sinks with the report events going elsewhere (the Markdown/HTML documents stay). */
    public TelemetrySinks withReports(Sink<Report> value) {
        return new TelemetrySinks(stats, summaries, value, reportDocuments, deadLetters, alerts, tooLate);
    }
}
