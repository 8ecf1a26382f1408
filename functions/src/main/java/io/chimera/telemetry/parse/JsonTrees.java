package io.chimera.telemetry.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON trees to rows, shared by whole-document JSON and JSON lines: nested objects flatten into dotted names
 * within one row; each object element of an array becomes a row of its own that inherits the enclosing row's
 * dimensions and time.
 */
public final class JsonTrees {

    /** Python's json module writes NaN and Infinity; such files are still valid benchmark output. */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private JsonTrees() {}

    /** Rows of one top-level JSON value. */
    static void rowsOf(JsonNode root, RowInterpreter interpreter, List<ParsedRow> out, String where)
            throws MalformedArtifactException {
        if (root.isObject()) {
            objectRows(root, "", null, interpreter, out);
        } else if (root.isArray()) {
            for (JsonNode element : root) {
                if (element.isObject()) {
                    objectRows(element, "", null, interpreter, out);
                }
            }
        } else if (root.isMissingNode()) {
            throw new MalformedArtifactException(where + "no JSON value (the text is blank)");
        } else {
            throw new MalformedArtifactException(
                    where + "a lone JSON " + root.getNodeType().name().toLowerCase() + ", not an object or array");
        }
    }

    private static void objectRows(
            JsonNode object, String path, ParsedRow parent, RowInterpreter interpreter, List<ParsedRow> out) {
        List<Cell> cells = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> arrays = new ArrayList<>();
        flatten(object, "", cells, arrays);
        ParsedRow row = interpreter.interpret(cells, parent, path);
        out.add(row);
        for (Map.Entry<String, JsonNode> array : arrays) {
            String arrayPath = path.isEmpty() ? array.getKey() : path + "." + array.getKey();
            for (JsonNode element : array.getValue()) {
                if (element.isObject()) {
                    objectRows(element, arrayPath, row, interpreter, out);
                }
            }
        }
    }

    private static void flatten(
            JsonNode object, String prefix, List<Cell> cells, List<Map.Entry<String, JsonNode>> arrays) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String name = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(value, name, cells, arrays);
            } else if (value.isArray()) {
                if (hasObjectElement(value)) {
                    arrays.add(Map.entry(name, value));
                }
            } else if (value.isNumber()) {
                if (Double.isFinite(value.doubleValue())) {
                    cells.add(new Cell(name, numberText(value), Cell.Kind.NUMBER));
                }
            } else if (value.isBoolean()) {
                cells.add(new Cell(name, value.asText(), Cell.Kind.BOOLEAN));
            } else if (value.isTextual()) {
                cells.add(new Cell(name, value.textValue(), Cell.Kind.TEXT));
            }
        }
    }

    /**
     * One whole JSON document, read as the generic JSON parser reads it (NaN and Infinity allowed, nothing after
     * the value); a missing node for blank text.
     *
     * @param lineOffset added to the line of a syntax error, for a document that is one line of a larger file
     * @throws MalformedArtifactException saying where the text stops being JSON
     */
    public static JsonNode read(String text, int lineOffset) throws MalformedArtifactException {
        try {
            JsonNode root = MAPPER.readTree(text);
            return root == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : root;
        } catch (JsonProcessingException e) {
            throw new MalformedArtifactException(describe(e, lineOffset));
        }
    }

    /** 0.3 stays "0.3" (not "0.29999…"), so that a parameter dimension reads as the artifact wrote it. */
    public static String numberText(JsonNode value) {
        return value.isBigDecimal() ? value.decimalValue().toString() : value.asText();
    }

    private static boolean hasObjectElement(JsonNode array) {
        for (JsonNode element : array) {
            if (element.isObject()) {
                return true;
            }
        }
        return false;
    }

    static String describe(JsonProcessingException e, int lineOffset) {
        JsonLocation location = e.getLocation();
        String message = e.getOriginalMessage();
        int cut = message.indexOf('\n');
        if (cut > 0) {
            message = message.substring(0, cut);
        }
        if (location == null || location.getLineNr() < 0) {
            return message;
        }
        return "line " + (location.getLineNr() + lineOffset) + ", column " + location.getColumnNr() + ": " + message;
    }
}
