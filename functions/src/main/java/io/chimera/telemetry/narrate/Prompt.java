package io.chimera.telemetry.narrate;

import io.chimera.telemetry.records.Finding;
import io.chimera.telemetry.records.SeriesChange;
import io.chimera.telemetry.records.SeriesStats;
import java.util.List;

/**
 * What the narrator is told about a window.
 *
 * @param data the prompt text: inventory, statistics, changes, dead letters, late data
 * @param shown the series included, most informative first
 * @param omittedSeries series left out to keep the prompt bounded
 * @param changes the changes included
 * @param findings the findings included, most urgent first (alerts aside: they have their own lines)
 */
public record Prompt(
        String data, List<SeriesStats> shown, int omittedSeries, List<SeriesChange> changes, List<Finding> findings) {}
