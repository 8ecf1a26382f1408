package io.chimera.telemetry.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the cells of one row, from any format, into measurements, dimensions, an event time and a failure flag.
 * All formats share it so that a CSV row, a Markdown table row and a JSON object mean the same thing.
 */
public final class RowInterpreter {

    private static final Set<String> FALSE_WORDS = Set.of("false", "no", "0", "failed", "fail", "n");
    private static final Set<String> NO_ERROR_WORDS = Set.of("", "none", "null", "false", "0", "nan", "n/a", "ok");

    private final int maxDimensionLength;

    public RowInterpreter(ParseSettings settings) {
        this.maxDimensionLength = settings.maxDimensionLength();
    }

    /** Longer text is not kept as a dimension. */
    public int maxDimensionLength() {
        return maxDimensionLength;
    }

    /**
     * @param cells the row's fields in the order the artifact has them
     * @param parent the enclosing row (a JSON document around an array element), whose dimensions and time the
     *     row inherits unless it states its own; null for none
     */
    public ParsedRow interpret(List<Cell> cells, ParsedRow parent) {
        return interpret(cells, parent, "");
    }

    /**
     * @param namePrefix prepended (with a dot) to the names of the row's metrics and dimensions: the path of the
     *     JSON array the row is an element of. The cells themselves are named relative to the row, so that the
     *     row's own {@code error} field is told apart from a nested one.
     */
    public ParsedRow interpret(List<Cell> cells, ParsedRow parent, String namePrefix) {
        Map<String, String> unitByPath = new HashMap<>();
        Map<String, String> timeUnitByPath = new HashMap<>();
        String metricLabel = null;
        String metricLabelField = null;
        for (Cell cell : cells) {
            if (cell.kind() != Cell.Kind.TEXT || NumberCells.isMissing(cell.text())) {
                continue;
            }
            FieldNames.Roles roles = cell.roles();
            if (roles.unitField()) {
                unitByPath.putIfAbsent(cell.parentPath(), cell.text().trim());
            } else if (roles.timeUnitField()) {
                timeUnitByPath.putIfAbsent(cell.parentPath(), cell.text().trim());
            } else if (metricLabel == null
                    && cell.parentPath().isEmpty()
                    && roles.metricNameField()
                    && NumberCells.read(cell.text()) == null) {
                metricLabel = cell.text().trim();
                metricLabelField = namePrefix.isEmpty() ? cell.name() : namePrefix + "." + cell.name();
            }
        }

        Map<String, String> dimensions = new LinkedHashMap<>();
        if (parent != null) {
            dimensions.putAll(parent.dimensions());
        }
        List<ParsedRow.Measurement> measurements = new ArrayList<>();
        Long eventTime = null;
        String eventTimeSource = null;
        boolean eventTimeFromTopLevel = false;
        boolean failed = false;
        String error = null;

        for (Cell cell : cells) {
            String name = namePrefix.isEmpty() ? cell.name() : namePrefix + "." + cell.name();
            String text = cell.text() == null ? "" : cell.text().trim();
            String parentPath = cell.parentPath();
            boolean topLevel = parentPath.isEmpty();
            if (cell.kind() == Cell.Kind.TEXT && NumberCells.isMissing(text)) {
                continue;
            }
            FieldNames.Roles roles = cell.roles();
            if (topLevel && roles.error()) {
                if (!NO_ERROR_WORDS.contains(text.toLowerCase(Locale.ROOT))) {
                    failed = true;
                    error = text;
                }
                continue;
            }
            if (topLevel && roles.successFlag()) {
                if (FALSE_WORDS.contains(text.toLowerCase(Locale.ROOT))) {
                    failed = true;
                }
                continue;
            }
            if (roles.mayBeTimestamp() && cell.kind() != Cell.Kind.BOOLEAN) {
                Long time = Timestamps.parse(text);
                if (time != null) {
                    if (eventTime == null || (topLevel && !eventTimeFromTopLevel)) {
                        eventTime = time;
                        eventTimeSource = name;
                        eventTimeFromTopLevel = topLevel;
                    }
                    continue;
                }
            }
            NumberCells.Reading reading = switch (cell.kind()) {
                case NUMBER -> readTypedNumber(text);
                case TEXT -> NumberCells.read(text);
                case BOOLEAN -> null;
            };
            if (reading == null || roles.parameter() || roles.index()) {
                if (!name.equals(metricLabelField) && text.length() <= maxDimensionLength) {
                    dimensions.put(name, text);
                }
                continue;
            }
            String metric = metricLabel == null
                    ? name
                    : FieldNames.normalise(name).equals("value") ? metricLabel : metricLabel + " [" + name + "]";
            String unit = reading.unit();
            if (unit == null && metricLabel != null) {
                unit = Units.fromName(metric);
            }
            if (unit == null) {
                unit = Units.fromName(cell.name());
            }
            if (unit == null) {
                unit = unitByPath.get(parentPath);
            }
            if (unit == null && roles.saysTime()) {
                unit = timeUnitByPath.get(parentPath);
            }
            measurements.add(new ParsedRow.Measurement(metric, reading.value(), unit));
        }
        if (failed && error == null) {
            error = "the row reports success = false";
        }
        if (eventTime == null && parent != null) {
            eventTime = parent.eventTime();
            eventTimeSource = parent.eventTimeSource();
        }
        return new ParsedRow(dimensions, measurements, eventTime, eventTimeSource, failed, error);
    }

    private static NumberCells.Reading readTypedNumber(String text) {
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? new NumberCells.Reading(value, null) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
