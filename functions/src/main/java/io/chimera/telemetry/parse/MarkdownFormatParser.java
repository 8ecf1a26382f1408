package io.chimera.telemetry.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown reports: every pipe table becomes rows exactly as a CSV with that header would; prose is not metrics.
 * Rows carry the nearest heading above their table as the {@code section} dimension, and the document's
 * "Generated: …" (or Date/Timestamp) line as their event time when the table has none.
 */
public final class MarkdownFormatParser implements FormatParser {

    private static final Pattern DELIMITER_ROW =
            Pattern.compile("^\\s*\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern DOCUMENT_TIME = Pattern.compile(
            "(?i)\\b(?:generated(?: at| on)?|date|timestamp|run at|created)\\**\\s*:\\s*\\**\\s*"
                    + "(\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?(?:Z|[+-]\\d{2}:?\\d{2}| UTC)?)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern EMPHASIS = Pattern.compile("\\*\\*|__|~~|`");

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) {
        String[] lines = text.split("\\r?\\n|\\r", -1);
        Long documentTime = documentTime(lines);
        List<ParsedRow> rows = new ArrayList<>();
        String section = null;
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                section = clean(heading.group(1));
                i++;
                continue;
            }
            if (i + 1 < lines.length && line.contains("|") && DELIMITER_ROW.matcher(lines[i + 1]).matches()) {
                int columns = splitRow(lines[i + 1]).size();
                List<String> header = lastCells(splitRow(line), columns);
                ParsedRow context = new ParsedRow(
                        section == null ? java.util.Map.of() : java.util.Map.of("section", section),
                        List.of(), documentTime, documentTime == null ? null : "generated", false, null);
                i += 2;
                while (i < lines.length && lines[i].contains("|") && !lines[i].isBlank()) {
                    List<String> cells = splitRow(lines[i]);
                    List<Cell> row = new ArrayList<>(header.size());
                    for (int c = 0; c < header.size(); c++) {
                        row.add(Cell.text(header.get(c), c < cells.size() ? clean(cells.get(c)) : ""));
                    }
                    rows.add(interpreter.interpret(row, context));
                    i++;
                }
                continue;
            }
            i++;
        }
        return rows;
    }

    /**
     * Some generators glue the header to a list item ({@code - DType: float32 | Backend | Mean (ms) |}); the
     * delimiter row says how many columns the table really has, so the header is its last that many cells.
     */
    private static List<String> lastCells(List<String> cells, int columns) {
        List<String> header = new ArrayList<>(columns);
        int from = Math.max(0, cells.size() - columns);
        for (int c = from; c < cells.size(); c++) {
            String name = clean(cells.get(c));
            header.add(name.isEmpty() ? "column_" + (header.size() + 1) : name);
        }
        while (header.size() < columns) {
            header.add("column_" + (header.size() + 1));
        }
        return uniqueNames(header);
    }

    private static List<String> uniqueNames(List<String> names) {
        List<String> unique = new ArrayList<>(names.size());
        for (String name : names) {
            String candidate = name;
            for (int n = 2; unique.contains(candidate); n++) {
                candidate = name + "_" + n;
            }
            unique.add(candidate);
        }
        return unique;
    }

    /** Cells of a pipe-table line; {@code \|} is a literal pipe. Cells are not trimmed. */
    public static List<String> splitRow(String line) {
        String trimmed = line.trim();
        if (trimmed.startsWith("|")) {
            trimmed = trimmed.substring(1);
        }
        if (trimmed.endsWith("|") && !trimmed.endsWith("\\|")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        List<String> cells = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '\\' && i + 1 < trimmed.length() && trimmed.charAt(i + 1) == '|') {
                current.append('|');
                i++;
            } else if (c == '|') {
                cells.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        cells.add(current.toString());
        return cells;
    }

    private static String clean(String cell) {
        String text = LINK.matcher(cell).replaceAll("$1");
        text = EMPHASIS.matcher(text).replaceAll("");
        text = text.replace("<br>", " ").replace("<br/>", " ").replace("&nbsp;", " ");
        return text.trim();
    }

    private static Long documentTime(String[] lines) {
        for (String line : lines) {
            Matcher matcher = DOCUMENT_TIME.matcher(line);
            if (matcher.find()) {
                Long time = Timestamps.parse(matcher.group(1));
                if (time != null) {
                    return time;
                }
            }
        }
        return null;
    }
}
