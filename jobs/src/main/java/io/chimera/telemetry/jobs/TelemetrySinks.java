package io.chimera.telemetry.jobs;

import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.WindowSummary;
import org.apache.flink.api.connector.sink2.Sink;

/** Where the telemetry job's outputs go; production writes files, tests collect. */
public record TelemetrySinks(
        Sink<SeriesStats> stats,
        Sink<WindowSummary> summaries,
        Sink<WindowSummary> reports,
        Sink<DeadLetter> deadLetters) {}
