package io.chimera.telemetry.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** JSON lines ({@code .jsonl}, {@code .ndjson}): one JSON value a line, blank lines allowed. */
public final class JsonLinesFormatParser implements FormatParser {

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
        List<ParsedRow> rows = new ArrayList<>();
        String[] lines = text.split("\\r?\\n|\\r", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode value;
            try {
                value = JsonTrees.MAPPER.readTree(lines[i]);
            } catch (JsonProcessingException e) {
                throw new MalformedArtifactException(JsonTrees.describe(e, i));
            }
            JsonTrees.rowsOf(value, interpreter, rows, "line " + (i + 1) + ": ");
        }
        return rows;
    }
}
