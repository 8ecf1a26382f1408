package io.chimera.telemetry.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown reports: every pipe table becomes rows exactly as a CSV with that header would, and the key-value
 * lines of a section ({@code - Throughput: 41.72 tok/s}, {@code **TTFT:** 830.39 ms}, {@code Speedup: 1.38x},
 * {@code Throughput Δ: -0.45 tok/s}, with an optional parenthetical note or {@code ± spread}) one row per
 * section, a repeated key starting the next; prose is not metrics: a line with anything more after its number
 * ({@code Power Draw: 64.4W average, 142.6W peak}) is none, nor is anything in a code block. Run settings in a
 * section ({@code num_gpu: 80}, {@code num_gpu=80, num_ctx=512}) and short names ({@code Model: gemma3}) are the
 * row's dimensions. Rows carry the nearest heading above them as the {@code section} dimension, and the
 * document's "Generated: …" (or Date/Timestamp) line as their event time when they have none.
 */
public final class MarkdownFormatParser implements FormatParser {

    private static final Pattern DELIMITER_ROW =
            Pattern.compile("^\\s*\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern DOCUMENT_TIME = Pattern.compile(
            "(?i)\\b(?:generated(?: at| on)?|date|timestamp|run at|created)\\**\\s*:\\s*\\**\\s*"
                    + "(\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?(?:Z|[+-]\\d{2}:?\\d{2}| UTC)?)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
    /** {@code ====} or {@code ----} under a line: a heading in Markdown (setext) and in text reports alike. */
    private static final Pattern LIST_ITEM = Pattern.compile("^([-*+]|\\d{1,2}[.)])\\s.*");

    private static final Pattern UNDERLINE = Pattern.compile("^\\s{0,3}(=+|-{3,})\\s*$");
    /** {@code SYSTEM METRICS:} alone on its line: how text reports head their sections. */
    private static final Pattern CAPITAL_HEADING =
            Pattern.compile("^\\s{0,3}([\\p{Lu}][\\p{Lu}\\p{N} &/()-]{2,60}):?\\s*$");

    private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~)");
    private static final Pattern PARENTHETICAL_NOTE = Pattern.compile("\\s*\\([^()]*\\)\\s*$");
    /** {@code - Key: value}, the list marker and emphasis already gone; the key starts with a letter. */
    private static final Pattern KEY_VALUE = Pattern.compile(
            "^\\s*(?:[-*+]\\s+|\\d{1,2}[.)]\\s+)?(?<key>\\p{L}[^:=|]{0,59}?)\\s*:\\s+(?<value>\\S.{0,119}?)\\s*$");
    /** {@code num_gpu=80, num_ctx=512}: settings, one line of them. */
    private static final Pattern SETTING =
            Pattern.compile("(?<key>\\p{L}[\\p{L}\\p{N}_.]*)\\s*=\\s*(?<value>[^,;\\s]+)");

    private static final Pattern SETTINGS_LINE =
            Pattern.compile("^\\s*(?:[-*+]\\s+)?(?:\\p{L}[\\p{L}\\p{N}_.]*\\s*=\\s*[^,;\\s]+\\s*[,;]?\\s*){2,}$");
    /** Text values that name what a section measured: its dimensions. Other text is prose. */
    private static final java.util.Set<String> NAME_KEYS = java.util.Set.of(
            "model",
            "backend",
            "agent",
            "config",
            "configuration",
            "device",
            "gpu",
            "scenario",
            "mode",
            "dataset",
            "precision",
            "quantization",
            "tag",
            "variant",
            "engine",
            "runtime",
            "framework",
            "benchmark",
            "task",
            "workload",
            "provider");

    private static final Pattern EMPHASIS = Pattern.compile("\\*\\*|__|~~|`");

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) {
        String[] lines = lines(text);
        Long documentTime = documentTime(lines);
        List<ParsedRow> rows = new ArrayList<>();
        String section = null;
        KeyValueRow keyValues = new KeyValueRow();
        boolean inCode = false;
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            if ((line.contains("```") || line.contains("~~~"))
                    && FENCE.matcher(line).find()) {
                inCode = !inCode;
                i++;
                continue;
            }
            if (inCode) {
                i++;
                continue;
            }
            // Each pattern below needs a character most lines lack: looked for first, the pattern only then.
            Matcher heading = HEADING.matcher(line);
            boolean isHeading = line.indexOf('#') >= 0 && heading.matches();
            String plainHeading = plainHeading(lines, i);
            if (isHeading || plainHeading != null) {
                keyValues.flush(rows, interpreter, section, documentTime);
                section = plainHeading != null ? plainHeading : clean(heading.group(1));
                i += plainHeading != null
                                && i + 1 < lines.length
                                && UNDERLINE.matcher(lines[i + 1]).matches()
                        ? 2
                        : 1;
                continue;
            }
            if (!line.contains("|") && keyValues.read(clean(line))) {
                keyValues.flushIfRepeated(rows, interpreter, section, documentTime);
                i++;
                continue;
            }
            if (i + 1 < lines.length
                    && line.contains("|")
                    && DELIMITER_ROW.matcher(lines[i + 1]).matches()) {
                int columns = splitRow(lines[i + 1]).size();
                List<Cell.Column> header = lastCells(splitRow(line), columns).stream()
                        .map(Cell.Column::named)
                        .toList();
                ParsedRow context = new ParsedRow(
                        section == null ? java.util.Map.of() : java.util.Map.of("section", section),
                        List.of(),
                        documentTime,
                        documentTime == null ? null : "generated",
                        false,
                        null);
                i += 2;
                while (i < lines.length && lines[i].contains("|") && !lines[i].isBlank()) {
                    List<String> cells = splitRow(lines[i]);
                    List<Cell> row = new ArrayList<>(header.size());
                    for (int c = 0; c < header.size(); c++) {
                        row.add(header.get(c).text(c < cells.size() ? clean(cells.get(c)) : ""));
                    }
                    rows.add(interpreter.interpret(row, context));
                    i++;
                }
                continue;
            }
            i++;
        }
        keyValues.flush(rows, interpreter, section, documentTime);
        return rows;
    }

    /** The key-value lines of one section read so far: a row in the making. */
    private static final class KeyValueRow {
        private final java.util.LinkedHashMap<String, String> metrics = new java.util.LinkedHashMap<>();
        private final java.util.LinkedHashMap<String, String> names = new java.util.LinkedHashMap<>();
        /** A metric read again in the same section: it begins the section's next row. */
        private java.util.Map.Entry<String, String> repeated;

        /** Takes a line if it is a key-value metric, setting or name; false for prose and everything else. */
        boolean read(String line) {
            int equals = line.indexOf('=');
            if (equals >= 0
                    && line.indexOf('=', equals + 1) >= 0
                    && SETTINGS_LINE.matcher(line).matches()) {
                Matcher setting = SETTING.matcher(line);
                while (setting.find()) {
                    names.put(setting.group("key"), setting.group("value"));
                }
                return true;
            }
            if (line.indexOf(':') < 0) {
                return false;
            }
            Matcher keyValue = KEY_VALUE.matcher(line);
            if (!keyValue.matches()) {
                return false;
            }
            String key = keyValue.group("key").trim();
            String value = keyValue.group("value").trim();
            NumberCells.Reading reading = NumberCells.read(value);
            if (reading != null && !FieldNames.mayBeTimestamp(key)) {
                if (FieldNames.isParameter(key) || FieldNames.isIndex(key)) {
                    names.put(key, PARENTHETICAL_NOTE.matcher(value).replaceAll(""));
                } else if (metrics.containsKey(key)) {
                    repeated = java.util.Map.entry(key, value);
                } else {
                    metrics.put(key, value);
                }
                return true;
            }
            if (NAME_KEYS.contains(FieldNames.normalise(key))
                    && value.length() <= 60
                    && value.split("\\s+").length <= 4) {
                names.put(key, value);
                return true;
            }
            return false;
        }

        /** After a metric read twice in one section: the values before it go out as a row of their own. */
        void flushIfRepeated(List<ParsedRow> rows, RowInterpreter interpreter, String section, Long time) {
            if (repeated == null) {
                return;
            }
            java.util.Map.Entry<String, String> next = repeated;
            java.util.Map<String, String> settings = new java.util.LinkedHashMap<>(names);
            flush(rows, interpreter, section, time);
            names.putAll(settings);
            metrics.put(next.getKey(), next.getValue());
        }

        void flush(List<ParsedRow> rows, RowInterpreter interpreter, String section, Long time) {
            if (!metrics.isEmpty()) {
                List<Cell> cells = new ArrayList<>();
                names.forEach((key, value) -> cells.add(Cell.text(key, value)));
                metrics.forEach((key, value) -> cells.add(Cell.text(key, value)));
                ParsedRow context = new ParsedRow(
                        section == null ? java.util.Map.of() : java.util.Map.of("section", section),
                        List.of(),
                        time,
                        time == null ? null : "generated",
                        false,
                        null);
                rows.add(interpreter.interpret(cells, context));
            }
            metrics.clear();
            names.clear();
            repeated = null;
        }
    }

    /** The heading a text line makes: capitals alone on their line, or a line underlined; null for none. */
    private static String plainHeading(String[] lines, int i) {
        String line = lines[i];
        if (line.isBlank() || line.contains("|")) {
            return null;
        }
        Matcher capitals = CAPITAL_HEADING.matcher(line);
        if (capitals.matches()
                && capitals.group(1).chars().filter(Character::isLetter).count() >= 3) {
            return capitals.group(1).trim();
        }
        boolean listItem = LIST_ITEM.matcher(line.trim()).matches();
        boolean title = Character.isLetter(line.trim().charAt(0)) && line.trim().length() <= 80;
        if (!listItem
                && title
                && i + 1 < lines.length
                && UNDERLINE.matcher(lines[i + 1]).matches()) {
            return clean(line);
        }
        return null;
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

    /** The text's lines, split at CR LF, LF or CR, as {@code split(…, -1)} splits them. */
    static String[] lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        lines.add(text.substring(start));
        return lines.toArray(new String[0]);
    }

    private static String clean(String cell) {
        if (!needsCleaning(cell)) {
            return cell.trim();
        }
        String text = LINK.matcher(cell).replaceAll("$1");
        text = EMPHASIS.matcher(text).replaceAll("");
        text = text.replace("<br>", " ").replace("<br/>", " ").replace("&nbsp;", " ");
        return text.trim();
    }

    /** Whether the cell has a link, emphasis or markup to take out: most cells are plain. */
    private static boolean needsCleaning(String cell) {
        for (int i = 0; i < cell.length(); i++) {
            switch (cell.charAt(i)) {
                case '[', '*', '_', '~', '`', '<', '&' -> {
                    return true;
                }
                default -> {}
            }
        }
        return false;
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
