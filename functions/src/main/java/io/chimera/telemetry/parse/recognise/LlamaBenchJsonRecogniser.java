package io.chimera.telemetry.parse.recognise;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.JsonTrees;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * llama.cpp's {@code llama-bench -o json} (an array of results) and {@code -o jsonl} (one result a line); one
 * instance per generic format. Each result becomes a row as {@link LlamaBenchFields} says; booleans read as
 * {@code 1}/{@code 0}, as the CSV writes them.
 */
public final class LlamaBenchJsonRecogniser implements FormatRecogniser {

    private static final long serialVersionUID = 1L;

    private static final Json.Key AVG_TS = Json.key("avg_ts");
    private static final Json.Key N_GEN = Json.key("n_gen");
    private static final Json.Key MODEL_TYPE = Json.key("model_type");
    private static final Json.Key BUILD_COMMIT = Json.key("build_commit");

    private final ArtifactFormat genericFormat;

    public LlamaBenchJsonRecogniser(ArtifactFormat genericFormat) {
        if (genericFormat != ArtifactFormat.JSON && genericFormat != ArtifactFormat.JSON_LINES) {
            throw new IllegalArgumentException("llama-bench writes JSON or JSON lines, not " + genericFormat);
        }
        this.genericFormat = genericFormat;
    }

    @Override
    public String name() {
        return genericFormat == ArtifactFormat.JSON ? "llama-bench-json" : "llama-bench-jsonl";
    }

    @Override
    public ArtifactFormat genericFormat() {
        return genericFormat;
    }

    @Override
    public boolean recognises(String path, String text) {
        char first = Json.firstChar(text);
        return (first == '[' || first == '{')
                && AVG_TS.foundIn(text)
                && N_GEN.foundIn(text)
                && (MODEL_TYPE.foundIn(text) || BUILD_COMMIT.foundIn(text));
    }

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
        List<ParsedRow> rows = new ArrayList<>();
        if (genericFormat == ArtifactFormat.JSON) {
            JsonNode root = Json.read(text);
            if (root.isObject()) {
                rows.add(result(root, interpreter, ""));
            } else if (root.isArray()) {
                for (int i = 0; i < root.size(); i++) {
                    rows.add(result(root.get(i), interpreter, "result " + (i + 1) + ": "));
                }
            } else {
                throw new MalformedArtifactException(
                        "the document is " + Json.kind(root) + ", not an array of results");
            }
            return rows;
        }
        String[] lines = text.split("\\r?\\n|\\r", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                rows.add(result(JsonTrees.read(lines[i], i), interpreter, "line " + (i + 1) + ": "));
            }
        }
        return rows;
    }

    private static ParsedRow result(JsonNode result, RowInterpreter interpreter, String where)
            throws MalformedArtifactException {
        Json.requireObject(result, where + "the result");
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : result.properties()) {
            JsonNode value = field.getValue();
            // 1/0 as llama-bench's CSV and Markdown print its booleans, so that every flavour names a series alike
            fields.put(field.getKey(), value.isBoolean() ? (value.booleanValue() ? "1" : "0") : Json.text(value));
        }
        return LlamaBenchFields.row(fields, new RowBuilder(interpreter), where);
    }
}
