package io.chimera.telemetry.parse.recognise;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import java.util.List;

/**
 * Criterion.rs's {@code target/criterion/<id>/<set>/sample.json}: the raw samples behind its estimates.
 * {@code times[i]} is the total time in nanoseconds of a batch of {@code iters[i]} iterations
 * ({@code sampling_mode} {@code Linear} or {@code Flat}), so each sample is one {@code time} value of
 * {@code times[i] / iters[i]} ns per iteration, the figure criterion's own statistics are computed from; the
 * window's percentiles describe samples. The benchmark is named by its folders ({@link CriterionPaths}).
 */
public final class CriterionSampleRecogniser extends CriterionFileRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "criterion-sample-json";

    private static final Json.Key SAMPLING_MODE = Json.key("sampling_mode");
    private static final Json.Key ITERS = Json.key("iters");
    private static final Json.Key TIMES = Json.key("times");

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
        return Json.firstChar(text) == '{' && SAMPLING_MODE.foundIn(text) && ITERS.foundIn(text) && TIMES.foundIn(text);
    }

    @Override
    public List<ParsedRow> parse(String path, String text, RowInterpreter interpreter)
            throws MalformedArtifactException {
        JsonNode root = Json.read(text);
        Json.requireObject(root, "the document");
        JsonNode iters = Json.array(root, "iters", "");
        JsonNode times = Json.array(root, "times", "");
        if (iters == null || times == null) {
            throw new MalformedArtifactException("iters and times must both be arrays");
        }
        if (iters.size() != times.size()) {
            throw new MalformedArtifactException(
                    iters.size() + " iteration counts for " + times.size() + " times: each batch needs both");
        }
        RowBuilder row = new RowBuilder(interpreter);
        CriterionPaths.name(row, path);
        row.dimension("sampling_mode", Json.text(root.get("sampling_mode")));
        for (int i = 0; i < iters.size(); i++) {
            Double count = Json.number(iters.get(i));
            Double total = Json.number(times.get(i));
            if (count == null || total == null || count <= 0) {
                throw new MalformedArtifactException("sample " + i + ": " + iters.get(i) + " iterations in "
                        + times.get(i) + " ns is not a measurement");
            }
            row.metric("time", total / count, "ns");
        }
        if (!row.hasMeasurements()) {
            throw new MalformedArtifactException("no samples");
        }
        return List.of(row.build());
    }
}
