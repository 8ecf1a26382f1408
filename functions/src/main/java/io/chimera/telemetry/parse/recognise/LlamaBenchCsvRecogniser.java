package io.chimera.telemetry.parse.recognise;

import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.CsvFormatParser;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** llama.cpp's {@code llama-bench -o csv}: a header of its field names, one result a record. */
public final class LlamaBenchCsvRecogniser implements FormatRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "llama-bench-csv";

    private static final List<Pattern> HEADER_NAMES =
            List.of(headerName("avg_ts"), headerName("n_prompt"), headerName("n_gen"), headerName("model_type"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ArtifactFormat genericFormat() {
        return ArtifactFormat.CSV;
    }

    @Override
    public boolean recognises(String path, String text) {
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        // Every name is in a llama-bench header: most CSV files are told apart by the first, without a pattern.
        return header.contains("avg_ts")
                && HEADER_NAMES.stream().allMatch(name -> name.matcher(header).find());
    }

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
        CsvFormatParser.Table table = CsvFormatParser.commaSeparated().table(text);
        List<ParsedRow> rows = new ArrayList<>(table.rows().size());
        for (CsvFormatParser.Row record : table.rows()) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < table.header().size(); i++) {
                String value = record.values().get(i);
                fields.put(table.header().get(i), value.isBlank() ? null : value);
            }
            rows.add(LlamaBenchFields.row(fields, new RowBuilder(interpreter), "line " + table.lineOf(record) + ": "));
        }
        return rows;
    }

    /** The name as a whole header field, quoted or not. */
    private static Pattern headerName(String name) {
        return Pattern.compile("(^|,)\"?" + Pattern.quote(name) + "\"?\\s*(,|\\r|$)");
    }
}
