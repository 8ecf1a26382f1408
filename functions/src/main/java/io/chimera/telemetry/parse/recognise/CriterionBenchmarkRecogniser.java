package io.chimera.telemetry.parse.recognise;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import java.util.List;
import java.util.Map;

/**
 * Criterion.rs's {@code target/criterion/<id>/new/benchmark.json}: which benchmark the folder holds
 * ({@code group_id}, {@code function_id}, {@code value_str}, {@code full_id}, {@code throughput}). Metadata only:
 * one row of dimensions and no numbers, so the file is parsed with no events.
 */
public final class CriterionBenchmarkRecogniser extends CriterionFileRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "criterion-benchmark-json";

    private static final Json.Key GROUP_ID = Json.key("group_id");
    private static final Json.Key FULL_ID = Json.key("full_id");
    private static final Json.Key DIRECTORY_NAME = Json.key("directory_name");
    private static final List<String> FIELDS =
            List.of("group_id", "function_id", "value_str", "full_id", "directory_name", "title");

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
                && GROUP_ID.foundIn(text)
                && FULL_ID.foundIn(text)
                && DIRECTORY_NAME.foundIn(text);
    }

    @Override
    public List<ParsedRow> parse(String path, String text, RowInterpreter interpreter)
            throws MalformedArtifactException {
        JsonNode root = Json.read(text);
        Json.requireObject(root, "the document");
        if (Json.text(root.get("group_id")) == null) {
            throw new MalformedArtifactException("group_id: missing");
        }
        RowBuilder row = new RowBuilder(interpreter);
        CriterionPaths.name(row, path);
        for (String field : FIELDS) {
            row.dimension(field, Json.text(root.get(field)));
        }
        JsonNode throughput = Json.object(root, "throughput", "");
        if (throughput != null) {
            // {"Bytes": 1024} or {"Elements": 64}: what one iteration processes
            for (Map.Entry<String, JsonNode> kind : throughput.properties()) {
                row.dimension("throughput." + kind.getKey(), Json.text(kind.getValue()));
            }
        }
        return List.of(row.build());
    }
}
