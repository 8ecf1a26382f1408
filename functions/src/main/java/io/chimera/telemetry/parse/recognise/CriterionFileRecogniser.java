package io.chimera.telemetry.parse.recognise;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import java.util.List;

/**
 * A file of criterion.rs's output tree: its folders name the benchmark ({@link CriterionPaths}), so it is read
 * with its path; without one (a file handed over on its own) it is read unnamed.
 */
abstract class CriterionFileRecogniser implements FormatRecogniser {

    private static final long serialVersionUID = 1L;

    @Override
    public final List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
        return parse("", text, interpreter);
    }

    @Override
    public abstract List<ParsedRow> parse(String path, String text, RowInterpreter interpreter)
            throws MalformedArtifactException;

    /**
     * Criterion's estimates, each {@code {point_estimate, standard_error, confidence_interval}}, as metrics
     * {@code <name><suffix>} with {@code _standard_error}, {@code _lower_bound} and {@code _upper_bound}, times
     * {@code scale} (fractions to percent), in {@code unit}; the interval's level as a dimension. Estimates the file
     * does not hold are left out.
     */
    static void estimates(JsonNode root, List<String> names, String suffix, double scale, String unit, RowBuilder row)
            throws MalformedArtifactException {
        for (String name : names) {
            JsonNode estimate = Json.object(root, name, "");
            if (estimate == null) {
                continue;
            }
            Double point = Json.number(estimate.get("point_estimate"));
            if (point == null) {
                throw new MalformedArtifactException(name + ".point_estimate is not a number");
            }
            String metric = name + suffix;
            row.metric(metric, point * scale, unit);
            row.metric(metric + "_standard_error", scaled(estimate.get("standard_error"), scale), unit);
            JsonNode interval = Json.object(estimate, "confidence_interval", name + ".");
            if (interval != null) {
                row.metric(metric + "_lower_bound", scaled(interval.get("lower_bound"), scale), unit);
                row.metric(metric + "_upper_bound", scaled(interval.get("upper_bound"), scale), unit);
                row.dimension("confidence_level", Json.text(interval.get("confidence_level")));
            }
        }
    }

    private static Double scaled(JsonNode number, double scale) {
        Double value = Json.number(number);
        return value == null ? null : value * scale;
    }
}
