package io.chimera.telemetry.parse.recognise;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Criterion.rs's {@code target/criterion/<id>/new/estimates.json}: {@code mean}, {@code median},
 * {@code median_abs_dev}, {@code slope} (null for flat sampling) and {@code std_dev}, each with
 * {@code point_estimate}, {@code standard_error} and a {@code confidence_interval}, in nanoseconds per iteration.
 * The file names no benchmark (its folder does) and states no time.
 */
public final class CriterionEstimatesRecogniser implements FormatRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "criterion-estimates-json";

    private static final Pattern POINT_ESTIMATE = Json.key("point_estimate");
    private static final Pattern MEDIAN_ABS_DEV = Json.key("median_abs_dev");
    private static final Pattern STD_DEV = Json.key("std_dev");
    private static final List<String> ESTIMATES = List.of("mean", "median", "median_abs_dev", "slope", "std_dev");
    private static final String UNIT = "ns";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ArtifactFormat genericFormat() {
        return ArtifactFormat.JSON;
    }

    @Override
    public boolean recognises(String path, String text) {
        return Json.firstChar(text) == '{'
                && POINT_ESTIMATE.matcher(text).find()
                && MEDIAN_ABS_DEV.matcher(text).find()
                && STD_DEV.matcher(text).find();
    }

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
        return parse("", text, interpreter);
    }

    @Override
    public List<ParsedRow> parse(String path, String text, RowInterpreter interpreter)
            throws MalformedArtifactException {
        JsonNode root = Json.read(text);
        Json.requireObject(root, "the document");
        RowBuilder row = new RowBuilder(interpreter);
        CriterionPaths.name(row, path);
        for (String name : ESTIMATES) {
            JsonNode estimate = Json.object(root, name, "");
            if (estimate == null) {
                continue;
            }
            Double point = Json.number(estimate.get("point_estimate"));
            if (point == null) {
                throw new MalformedArtifactException(name + ".point_estimate is not a number");
            }
            row.metric(name, point, UNIT);
            row.metric(name + "_standard_error", Json.number(estimate.get("standard_error")), UNIT);
            JsonNode interval = Json.object(estimate, "confidence_interval", name + ".");
            if (interval != null) {
                row.metric(name + "_lower_bound", Json.number(interval.get("lower_bound")), UNIT);
                row.metric(name + "_upper_bound", Json.number(interval.get("upper_bound")), UNIT);
                row.dimension("confidence_level", Json.text(interval.get("confidence_level")));
            }
        }
        if (!row.hasMeasurements()) {
            throw new MalformedArtifactException("none of " + String.join(", ", ESTIMATES) + " holds an estimate");
        }
        return List.of(row.build());
    }
}
