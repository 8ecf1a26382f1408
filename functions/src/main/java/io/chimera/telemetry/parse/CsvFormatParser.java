package io.chimera.telemetry.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Delimited text with a header row (commons-csv). Each row goes to the {@link RowInterpreter}: numeric cells
 * become metrics, the others dimensions. A row whose field count differs from the header's makes the file a dead
 * letter: its columns can no longer be matched to names.
 */
public final class CsvFormatParser implements FormatParser {

    /** commons-csv says "(startline 1,202)" or "at line: 2": with digit grouping, in either form. */
    private static final Pattern COMMONS_CSV_LINE = Pattern.compile("(?:\\((?:start)?line |at line: )([\\d,.]+)");

    private final CSVFormat format;

    private CsvFormatParser(char delimiter) {
        this.format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
    }

    public static CsvFormatParser commaSeparated() {
        return new CsvFormatParser(',');
    }

    public static CsvFormatParser tabSeparated() {
        return new CsvFormatParser('\t');
    }

    /**
     * A delimited text as this parser reads it: unique header names, then the records, each padded to the
     * header's length.
     */
    public record Table(String text, List<String> header, List<Row> rows) {

        /** The 1-based line a row starts on. */
        public long lineOf(Row row) {
            return CsvFormatParser.lineOf(text, row.characterPosition());
        }
    }

    /** One record: where it starts in the text, and one value per header name. */
    public record Row(long characterPosition, List<String> values) {}

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
        Table table = table(text);
        List<ParsedRow> rows = new ArrayList<>(table.rows().size());
        List<String> header = table.header();
        int[] lastDots = new int[header.size()];
        for (int i = 0; i < lastDots.length; i++) {
            lastDots[i] = header.get(i).lastIndexOf('.');
        }
        for (Row row : table.rows()) {
            List<Cell> cells = new ArrayList<>(header.size());
            for (int i = 0; i < header.size(); i++) {
                cells.add(new Cell(header.get(i), row.values().get(i), Cell.Kind.TEXT, lastDots[i]));
            }
            rows.add(interpreter.interpret(cells, null));
        }
        return rows;
    }

    /**
     * Reads the header and the records. Lines of only spaces are skipped; a record with another field count than
     * the header (other than trailing blanks) makes the text malformed.
     */
    public Table table(String text) throws MalformedArtifactException {
        List<Row> rows = new ArrayList<>();
        List<String> header = null;
        try (CSVParser parser = CSVParser.parse(text, format)) {
            for (CSVRecord record : parser) {
                if (header == null) {
                    header = headerNames(record);
                    continue;
                }
                if (allBlank(record)) {
                    // A line of only spaces: commons-csv skips empty lines but not these.
                    continue;
                }
                if (record.size() != header.size() && !onlyTrailingBlanks(record, header.size())) {
                    throw new MalformedArtifactException("line " + lineOf(text, record.getCharacterPosition()) + ": "
                            + record.size() + " fields where the header has " + header.size());
                }
                List<String> values = new ArrayList<>(header.size());
                for (int i = 0; i < header.size(); i++) {
                    values.add(i < record.size() ? record.get(i) : "");
                }
                rows.add(new Row(record.getCharacterPosition(), values));
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new MalformedArtifactException(describe(e));
        } catch (IOException e) {
            throw new MalformedArtifactException("cannot read CSV: " + e.getMessage());
        }
        return new Table(text, header == null ? List.of() : header, rows);
    }

    private static List<String> headerNames(CSVRecord record) {
        List<String> names = new ArrayList<>(record.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).replace("\uFEFF", "").trim();
            if (name.isEmpty()) {
                name = "column_" + (i + 1);
            }
            String unique = name;
            for (int n = 2; !seen.add(unique); n++) {
                unique = name + "_" + n;
            }
            names.add(unique);
        }
        return names;
    }

    /** A trailing delimiter at the end of every row (a common export quirk) is not a ragged row. */
    private static boolean onlyTrailingBlanks(CSVRecord record, int headerSize) {
        if (record.size() < headerSize) {
            return false;
        }
        for (int i = headerSize; i < record.size(); i++) {
            if (!record.get(i).isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static boolean allBlank(CSVRecord record) {
        for (String value : record) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The line a record starts on. commons-csv's position points before the empty lines it skipped, so those are
     * passed over first; CR, LF and CRLF each end a line, as they do for commons-csv.
     */
    private static long lineOf(String text, long characterPosition) {
        int position = (int) Math.min(characterPosition, text.length());
        while (position < text.length() && (text.charAt(position) == '\n' || text.charAt(position) == '\r')) {
            position++;
        }
        long line = 1;
        for (int i = 0; i < position; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
            }
        }
        return line;
    }

    private static String describe(RuntimeException e) {
        String message = e.getCause() != null && e.getCause().getMessage() != null
                ? e.getCause().getMessage()
                : String.valueOf(e.getMessage());
        Matcher line = COMMONS_CSV_LINE.matcher(message);
        String where = line.find() ? "line " + line.group(1).replaceAll("[,.]", "") + ": " : "";
        if (message.contains("EOF reached before encapsulated token finished")) {
            return where + "unterminated quoted field";
        }
        if (message.toLowerCase(java.util.Locale.ROOT).contains("between encapsulated token and delimiter")) {
            return where + "text after a closing quote (a quote inside a field must be doubled)";
        }
        return where + message;
    }
}
