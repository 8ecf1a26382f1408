package io.chimera.telemetry.parse.recognise;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Criterion.rs's {@code target/criterion/<id>/<set>/tukey.json}: the four Tukey fences its outlier
 * classification used, in nanoseconds per iteration, low severe, low mild, high mild, high severe. Claimed by its
 * name and shape together: a bare array of four numbers could be any file's. The benchmark is named by its folders.
 */
public final class CriterionTukeyRecogniser extends CriterionFileRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "criterion-tukey-json";

    private static final String FILE_NAME = "tukey.json";
    private static final String NUMBER = "\\s*-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?\\s*";
    private static final Pattern FOUR_NUMBERS = Pattern.compile("^\\s*\\[" + NUMBER + "(?:," + NUMBER + "){3}]\\s*$");
    private static final List<String> FENCES =
            List.of("tukey_low_severe", "tukey_low_mild", "tukey_high_mild", "tukey_high_severe");

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
        return (path.equals(FILE_NAME) || path.endsWith("/" + FILE_NAME))
                && FOUR_NUMBERS.matcher(text).matches();
    }

    @Override
    public List<ParsedRow> parse(String path, String text, RowInterpreter interpreter)
            throws MalformedArtifactException {
        JsonNode fences = Json.read(text);
        if (!fences.isArray() || fences.size() != FENCES.size()) {
            throw new MalformedArtifactException("expected the 4 fences [low severe, low mild, high mild,"
                    + " high severe], got " + Json.kind(fences) + (fences.isArray() ? " of " + fences.size() : ""));
        }
        RowBuilder row = new RowBuilder(interpreter);
        CriterionPaths.name(row, path);
        for (int i = 0; i < FENCES.size(); i++) {
            Double fence = Json.number(fences.get(i));
            if (fence == null) {
                throw new MalformedArtifactException("fence " + i + " is " + fences.get(i) + ", not a number");
            }
            row.metric(FENCES.get(i), fence, "ns");
        }
        return List.of(row.build());
    }
}
