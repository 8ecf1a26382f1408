package io.chimera.telemetry.parse.recognise;

import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects one row's dimensions, measurements, time and failure as a recogniser decides them. Blank dimensions,
 * dimensions longer than the interpreter keeps, and missing or non-finite numbers are left out.
 */
final class RowBuilder {

    private final int maxDimensionLength;
    private final Map<String, String> dimensions = new LinkedHashMap<>();
    private final List<ParsedRow.Measurement> measurements = new ArrayList<>();
    private Long eventTime;
    private String eventTimeSource;
    private boolean failed;
    private String error;

    RowBuilder(RowInterpreter interpreter) {
        this(interpreter.maxDimensionLength());
    }

    private RowBuilder(int maxDimensionLength) {
        this.maxDimensionLength = maxDimensionLength;
    }

    /** A new row with this one's dimensions and time: a document's context for each of its entries. */
    RowBuilder copy() {
        RowBuilder copy = new RowBuilder(maxDimensionLength);
        copy.dimensions.putAll(dimensions);
        copy.eventTime = eventTime;
        copy.eventTimeSource = eventTimeSource;
        return copy;
    }

    RowBuilder dimension(String name, String value) {
        if (value != null) {
            String trimmed = value.trim();
            if (!trimmed.isEmpty() && trimmed.length() <= maxDimensionLength) {
                dimensions.put(name, trimmed);
            }
        }
        return this;
    }

    RowBuilder metric(String name, Double value, String unit) {
        if (value != null && Double.isFinite(value)) {
            measurements.add(new ParsedRow.Measurement(name, value, unit));
        }
        return this;
    }

    RowBuilder time(Long epochMillis, String source) {
        if (epochMillis != null) {
            eventTime = epochMillis;
            eventTimeSource = source;
        }
        return this;
    }

    RowBuilder failed(String reason) {
        failed = true;
        error = reason;
        return this;
    }

    boolean hasMeasurements() {
        return !measurements.isEmpty();
    }

    boolean hasMetric(String name) {
        return measurements.stream().anyMatch(m -> m.metric().equals(name));
    }

    ParsedRow build() {
        return new ParsedRow(
                new LinkedHashMap<>(dimensions), List.copyOf(measurements), eventTime, eventTimeSource, failed, error);
    }
}
