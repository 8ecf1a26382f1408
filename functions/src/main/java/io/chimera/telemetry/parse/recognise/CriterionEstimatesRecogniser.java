package io.chimera.telemetry.parse.recognise;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import java.util.List;

/**
 * Criterion.rs's {@code target/criterion/<id>/new/estimates.json}: {@code mean}, {@code median},
 * {@code median_abs_dev}, {@code slope} (null for flat sampling) and {@code std_dev}, each with
 * {@code point_estimate}, {@code standard_error} and a {@code confidence_interval}, in nanoseconds per iteration.
 * The file names no benchmark (its folder does) and states no time.
 */
public final class CriterionEstimatesRecogniser extends CriterionFileRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "criterion-estimates-json";

    private static final Json.Key POINT_ESTIMATE = Json.key("point_estimate");
    private static final Json.Key MEDIAN_ABS_DEV = Json.key("median_abs_dev");
    private static final Json.Key STD_DEV = Json.key("std_dev");
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
                && POINT_ESTIMATE.foundIn(text)
                && MEDIAN_ABS_DEV.foundIn(text)
                && STD_DEV.foundIn(text);
    }

    @Override
    public List<ParsedRow> parse(String path, String text, RowInterpreter interpreter)
            throws MalformedArtifactException {
        JsonNode root = Json.read(text);
        Json.requireObject(root, "the document");
        RowBuilder row = new RowBuilder(interpreter);
        CriterionPaths.name(row, path);
        estimates(root, ESTIMATES, "", 1.0, UNIT, row);
        if (!row.hasMeasurements()) {
            throw new MalformedArtifactException("none of " + String.join(", ", ESTIMATES) + " holds an estimate");
        }
        return List.of(row.build());
    }
}
