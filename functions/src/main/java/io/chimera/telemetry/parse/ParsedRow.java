package io.chimera.telemetry.parse;

import java.util.List;
import java.util.Map;

/**
 * A row after interpretation: what it measured, under which dimensions, when, and whether it failed.
 *
 * @param dimensions a map of this row's own, which no one changes once the row is made: the row's events share it
 * @param eventTime epoch milliseconds stated by the row or an enclosing document, or null when none did
 * @param eventTimeSource the field the time came from, or null
 */
public record ParsedRow(
        Map<String, String> dimensions,
        List<Measurement> measurements,
        Long eventTime,
        String eventTimeSource,
        boolean failed,
        String error) {

    /** One metric of a row; unit null when the artifact does not say. */
    public record Measurement(String metric, double value, String unit) {}
}
