package io.chimera.telemetry.parse.recognise;

import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.CsvFormatParser;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * hyperfine's {@code --export-csv}: {@code command,mean,stddev,median,user,system,min,max} in seconds and a
 * {@code parameter_<name>} column per scanned parameter. The CSV has no exit codes and no raw times.
 */
public final class HyperfineCsvRecogniser implements FormatRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "hyperfine-csv";

    private static final Pattern HEADER =
            Pattern.compile("^command,mean,stddev,median,user,system,min,max(,parameter_[^,\\r\\n]+)*\\r?(\\n|$)");
    private static final List<String> SECONDS = List.of("mean", "stddev", "median", "user", "system", "min", "max");
    private static final String PARAMETER = "parameter_";

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
        return HEADER.matcher(text).lookingAt();
    }

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
        CsvFormatParser.Table table = CsvFormatParser.commaSeparated().table(text);
        List<String> header = table.header();
        List<ParsedRow> rows = new ArrayList<>(table.rows().size());
        for (CsvFormatParser.Row record : table.rows()) {
            RowBuilder row = new RowBuilder(interpreter);
            row.dimension("command", record.values().get(0));
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).startsWith(PARAMETER)) {
                    row.dimension(
                            "param_" + header.get(i).substring(PARAMETER.length()),
                            record.values().get(i));
                }
            }
            for (int i = 0; i < SECONDS.size(); i++) {
                String value = record.values().get(i + 1).trim();
                if (value.isEmpty()) {
                    continue; // hyperfine leaves stddev empty for a single run
                }
                try {
                    // The export keeps hyperfine's summaries only: named as the JSON export names them.
                    row.metric("reported_" + SECONDS.get(i), Double.parseDouble(value), "s");
                } catch (NumberFormatException e) {
                    throw new MalformedArtifactException("line " + table.lineOf(record) + ": " + SECONDS.get(i)
                            + " is '" + value + "', not a number");
                }
            }
            rows.add(row.build());
        }
        return rows;
    }
}
