package io.chimera.telemetry.parse.recognise;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import java.util.List;

/**
 * Criterion.rs's {@code target/criterion/<id>/change/estimates.json}: how the latest run's {@code mean} and
 * {@code median} moved against the one before, as a fraction with a confidence interval. Read as
 * {@code mean_change} and {@code median_change} (with {@code _lower_bound}, {@code _upper_bound} and
 * {@code _standard_error}) in percent, as criterion prints them ({@code change: [-0.81% -0.03% +0.75%]}). Claimed
 * by its folder: the file shares its name and shape with the run's own estimates.
 */
public final class CriterionChangeRecogniser extends CriterionFileRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "criterion-change-json";

    private static final String PATH_END = "change/estimates.json";
    private static final Json.Key POINT_ESTIMATE = Json.key("point_estimate");
    private static final List<String> ESTIMATES = List.of("mean", "median");
    private static final double PERCENT = 100.0;

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
        return (path.equals(PATH_END) || path.endsWith("/" + PATH_END))
                && Json.firstChar(text) == '{'
                && POINT_ESTIMATE.foundIn(text);
    }

    @Override
    public List<ParsedRow> parse(String path, String text, RowInterpreter interpreter)
            throws MalformedArtifactException {
        JsonNode root = Json.read(text);
        Json.requireObject(root, "the document");
        RowBuilder row = new RowBuilder(interpreter);
        CriterionPaths.name(row, path);
        estimates(root, ESTIMATES, "_change", PERCENT, "%", row);
        if (!row.hasMeasurements()) {
            throw new MalformedArtifactException("neither mean nor median holds an estimate of the change");
        }
        return List.of(row.build());
    }
}
