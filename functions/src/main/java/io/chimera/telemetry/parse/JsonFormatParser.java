package io.chimera.telemetry.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A whole-document JSON file, pretty or on one line, an object or a top-level array (Jackson). */
public final class JsonFormatParser implements FormatParser {

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
        JsonNode root;
        try {
            root = JsonTrees.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedArtifactException(JsonTrees.describe(e, 0));
        }
        List<ParsedRow> rows = new ArrayList<>();
        JsonTrees.rowsOf(
                root == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : root,
                interpreter,
                rows,
                "");
        return rows;
    }
}
