package io.chimera.telemetry.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
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
    private final char delimiter;
    /** The format's quote: a text without it reads the same without commons-csv. */
    private final char quote;

    private CsvFormatParser(char delimiter) {
        this.delimiter = delimiter;
        this.format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
        this.quote = format.getQuoteCharacter();
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
        Cell.Column[] columns = new Cell.Column[header.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = Cell.Column.named(header.get(i));
        }
        for (Row row : table.rows()) {
            List<Cell> cells = new ArrayList<>(columns.length);
            for (int i = 0; i < columns.length; i++) {
                cells.add(columns[i].text(row.values().get(i)));
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
        List<Record> records = text.indexOf(quote) < 0 ? unquotedRecords(text, delimiter) : commonsCsvRecords(text);
        List<Row> rows = new ArrayList<>(Math.max(0, records.size() - 1));
        List<String> header = null;
        for (Record record : records) {
            if (header == null) {
                header = headerNames(record.values());
                continue;
            }
            String[] values = record.values();
            if (allBlank(values)) {
                // A line of only spaces: commons-csv skips empty lines but not these.
                continue;
            }
            if (values.length != header.size() && !onlyTrailingBlanks(values, header.size())) {
                throw new MalformedArtifactException("line " + lineOf(text, record.characterPosition()) + ": "
                        + values.length + " fields where the header has " + header.size());
            }
            List<String> padded = values.length == header.size()
                    ? Arrays.asList(values)
                    : Arrays.asList(Arrays.copyOf(values, header.size()));
            for (int i = values.length; i < header.size(); i++) {
                padded.set(i, "");
            }
            rows.add(new Row(record.characterPosition(), padded));
        }
        return new Table(text, header == null ? List.of() : header, rows);
    }

    /** The delimiter the reader without commons-csv splits on. */
    char unquotedDelimiter() {
        return delimiter;
    }

    /** One record as the reader gives it: where it starts in the text, and its fields. */
    record Record(long characterPosition, String[] values) {}

    /** Every record, as commons-csv reads them with this parser's format. */
    List<Record> commonsCsvRecords(String text) throws MalformedArtifactException {
        List<Record> records = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            for (CSVRecord record : parser) {
                records.add(new Record(record.getCharacterPosition(), record.values()));
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new MalformedArtifactException(describe(e));
        } catch (IOException e) {
            throw new MalformedArtifactException("cannot read CSV: " + e.getMessage());
        }
        return records;
    }

    /**
     * The records of a text without a quote character, exactly as commons-csv reads them with this parser's
     * format (the test compares the two on random texts), without its per-text reader and 8K-character buffer,
     * which cost more than the reading of a small benchmark CSV itself. Without quotes the format is simple: CR,
     * LF and CRLF end a record, empty lines are skipped, the delimiter splits fields, and white space around a
     * field (the delimiter aside) is dropped; a record's position is where the reader stood before it, that is
     * before the empty lines it skipped.
     */
    static List<Record> unquotedRecords(String text, char delimiter) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        int length = text.length();
        int i = 0;
        while (i < length) {
            int recordStart = i;
            while (i < length && isLineBreak(text.charAt(i))) {
                i++;
            }
            if (i == length) {
                break;
            }
            fields.clear();
            while (true) {
                while (i < length && isSurroundingSpace(text.charAt(i), delimiter)) {
                    i++;
                }
                int start = i;
                while (i < length && text.charAt(i) != delimiter && !isLineBreak(text.charAt(i))) {
                    i++;
                }
                int end = i;
                while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                    end--;
                }
                fields.add(text.substring(start, end));
                if (i == length) {
                    break;
                }
                char c = text.charAt(i++);
                if (c == delimiter) {
                    continue;
                }
                if (c == '\r' && i < length && text.charAt(i) == '\n') {
                    i++;
                }
                break;
            }
            records.add(new Record(recordStart, fields.toArray(new String[0])));
        }
        return records;
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }

    private static boolean isSurroundingSpace(char c, char delimiter) {
        return c != delimiter && !isLineBreak(c) && Character.isWhitespace(c);
    }

    private static List<String> headerNames(String[] record) {
        List<String> names = new ArrayList<>(record.length);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < record.length; i++) {
            String name = record[i].replace("\uFEFF", "").trim();
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
    private static boolean onlyTrailingBlanks(String[] record, int headerSize) {
        if (record.length < headerSize) {
            return false;
        }
        for (int i = headerSize; i < record.length; i++) {
            if (!record[i].isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static boolean allBlank(String[] record) {
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
