package io.chimera.telemetry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.parse.ArtifactFormat;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The yardstick the parse layer is measured against: the same bytes read with no framework of ours, every number parsed. JSON through a
 * Jackson tree (numeric nodes, and text that parses as a number); CSV and TSV through commons-csv records; Markdown
 * table rows split on '|'. Every cell or text node is a candidate for {@link Double#parseDouble}. It knows nothing
 * of units, timestamps, dimensions or tools, which is the point: it bounds what reading the numbers alone costs.
 */
public final class RawLoop {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CSVFormat CSV = CSVFormat.DEFAULT;
    private static final CSVFormat TSV =
            CSVFormat.DEFAULT.builder().setDelimiter('\t').get();

    private RawLoop() {}

    /**
     * Adds every number in {@code content} to {@code tally}. A file that stops parsing part way keeps the numbers
     * found before the fault, as a hand-written loop would; the fault itself is swallowed, since the yardstick
     * measures reading, not error reporting.
     */
    public static void tally(ArtifactFormat format, byte[] content, NumberTally tally) {
        try {
            switch (format) {
                case JSON -> walk(JSON.readTree(content), tally);
                case JSON_LINES -> jsonLines(content, tally);
                case CSV -> records(CSV, content, tally);
                case TSV -> records(TSV, content, tally);
                case MARKDOWN, TEXT -> markdownTables(content, tally);
            }
        } catch (IOException | RuntimeException e) {
            // Malformed input (the corpus has some on purpose): what was counted stands.
        }
    }

    private static void jsonLines(byte[] content, NumberTally tally) throws IOException {
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                walk(JSON.readTree(line), tally);
            }
        }
    }

    private static void walk(JsonNode node, NumberTally tally) {
        if (node == null) {
            return;
        }
        if (node.isNumber()) {
            tally.add(node.doubleValue());
        } else if (node.isTextual()) {
            cell(node.textValue(), tally);
        } else if (node.isContainerNode()) {
            for (JsonNode child : node) {
                walk(child, tally);
            }
        }
    }

    private static void records(CSVFormat format, byte[] content, NumberTally tally) throws IOException {
        try (CSVParser parser =
                CSVParser.parse(new StringReader(new String(content, StandardCharsets.UTF_8)), format)) {
            for (CSVRecord record : parser) {
                for (String value : record) {
                    cell(value, tally);
                }
            }
        }
    }

    private static void markdownTables(byte[] content, NumberTally tally) {
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            if (line.stripLeading().startsWith("|")) {
                for (String value : line.split("\\|")) {
                    cell(value, tally);
                }
            }
        }
    }

    static void cell(String value, NumberTally tally) {
        if (!mayBeNumber(value)) {
            return;
        }
        try {
            tally.add(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            // Text, not a number.
        }
    }

    /**
     * False only for text {@link Double#parseDouble} is sure to reject (after the white space it trims, a number
     * starts with an optional sign, then a digit, a point,
     * 'N'aN or 'I'nfinity), so the count is exactly that of trying every
     * cell; it spares the loop an exception per text cell, which would make the yardstick slow for no reason.
     */
    static boolean mayBeNumber(String value) {
        int length = value.length();
        int start = 0;
        while (start < length && value.charAt(start) <= ' ') {
            start++;
        }
        if (start == length) {
            return false;
        }
        char first = value.charAt(start);
        if (first == '-' || first == '+') {
            if (++start == length) {
                return false;
            }
            first = value.charAt(start);
        }
        return (first >= '0' && first <= '9') || first == '.' || first == 'N' || first == 'I';
    }
}
