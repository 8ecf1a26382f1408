package io.chimera.telemetry.parse.recognise;

import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.MarkdownFormatParser;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * llama.cpp's {@code llama-bench} default output ({@code -o md}): a table {@code | model | size | params |
 * backend | … | test | t/s |} with one row per test ({@code pp512}, {@code tg128}), {@code t/s} as
 * {@code mean ± stddev}, and a {@code build: <commit> (<number>)} line. The short column names of the settings
 * ({@code ngl}, {@code threads}, {@code fa}, …) become the field names of llama-bench's JSON and CSV
 * ({@code n_gpu_layers}, {@code n_threads}, {@code flash_attn}), so every flavour names a series alike. (Its
 * {@code --:} delimiter cells are too short for the generic Markdown parser, which sees no table here.)
 */
public final class LlamaBenchMarkdownRecogniser implements FormatRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "llama-bench-markdown";

    private static final Pattern HEADER = Pattern.compile(
            "(?m)^[ \\t]*\\|[ \\t]*model[ \\t]*\\|[ \\t]*size[ \\t]*\\|[ \\t]*params[ \\t]*\\|[ \\t]*backend[ \\t]*\\|"
                    + "[^\\r\\n]*\\|[ \\t]*test[ \\t]*\\|[ \\t]*t/s[ \\t]*\\|[ \\t]*\\r?$");
    private static final Pattern DELIMITER_CELL = Pattern.compile("\\s*:?-+:?\\s*");
    private static final Pattern TOKENS_PER_SECOND =
            Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(?:±\\s*([0-9]+(?:\\.[0-9]+)?))?");
    private static final Pattern BUILD = Pattern.compile("^\\s*build:\\s*(\\S+)\\s*\\((\\d+)\\)\\s*$");
    private static final Map<String, String> FIELD_NAMES = Map.ofEntries(
            Map.entry("ngl", "n_gpu_layers"),
            Map.entry("threads", "n_threads"),
            Map.entry("sm", "split_mode"),
            Map.entry("mmq", "mul_mat_q"),
            Map.entry("nkvo", "no_kv_offload"),
            Map.entry("ts", "tensor_split"),
            Map.entry("fa", "flash_attn"),
            Map.entry("mmap", "use_mmap"),
            Map.entry("embd", "embeddings"),
            Map.entry("ot", "tensor_buft_overrides"),
            Map.entry("dev", "devices"),
            Map.entry("nopo", "no_op_offload"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ArtifactFormat genericFormat() {
        return ArtifactFormat.MARKDOWN;
    }

    @Override
    public boolean recognises(String path, String text) {
        return text.contains("t/s") && HEADER.matcher(text).find();
    }

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
        String[] lines = text.split("\\r?\\n|\\r", -1);
        RowBuilder document = new RowBuilder(interpreter);
        for (String line : lines) {
            Matcher build = BUILD.matcher(line);
            if (build.matches()) {
                document.dimension("build_commit", build.group(1)).dimension("build_number", build.group(2));
            }
        }
        List<ParsedRow> rows = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            if (!HEADER.matcher(lines[i]).matches()) {
                i++;
                continue;
            }
            List<String> header = cells(lines[i]);
            if (i + 1 >= lines.length || !isDelimiterRow(lines[i + 1], header.size())) {
                throw new MalformedArtifactException("line " + (i + 2) + ": no |---|---:| row under the header");
            }
            i += 2;
            while (i < lines.length && lines[i].trim().startsWith("|")) {
                rows.add(row(header, cells(lines[i]), document.copy(), i + 1));
                i++;
            }
        }
        return rows;
    }

    private static ParsedRow row(List<String> header, List<String> cells, RowBuilder row, int line)
            throws MalformedArtifactException {
        if (cells.size() != header.size()) {
            throw new MalformedArtifactException(
                    "line " + line + ": " + cells.size() + " cells where the header has " + header.size());
        }
        for (int c = 0; c < header.size(); c++) {
            String column = header.get(c);
            String cell = cells.get(c);
            if (column.equals("t/s")) {
                Matcher rate = TOKENS_PER_SECOND.matcher(cell);
                if (!rate.matches()) {
                    throw new MalformedArtifactException("line " + line + ": t/s is '" + cell + "', not mean ± stddev");
                }
                row.metric("avg_ts", Double.parseDouble(rate.group(1)), "tok/s");
                if (rate.group(2) != null) {
                    row.metric("stddev_ts", Double.parseDouble(rate.group(2)), "tok/s");
                }
            } else {
                row.dimension(FIELD_NAMES.getOrDefault(column, column), cell);
            }
        }
        return row.build();
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : MarkdownFormatParser.splitRow(line)) {
            cells.add(cell.trim());
        }
        return cells;
    }

    private static boolean isDelimiterRow(String line, int columns) {
        List<String> cells = MarkdownFormatParser.splitRow(line);
        return cells.size() == columns
                && cells.stream().allMatch(cell -> DELIMITER_CELL.matcher(cell).matches());
    }
}
