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
 * Criterion.rs's {@code target/criterion/<id>/<set>/raw.csv}: one line per sample, {@code group}, {@code function},
 * {@code value}, the throughput, {@code sample_measured_value} (the batch's total, in {@code unit}) and
 * {@code iteration_count}. Each line is one {@code time} value per iteration, as in {@code sample.json}; the
 * group, function and value are the benchmark's dimensions.
 */
public final class CriterionRawCsvRecogniser extends CriterionFileRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "criterion-raw-csv";

    private static final Pattern HEADER = Pattern.compile("^group,function,value,throughput_num,throughput_type,"
            + "sample_measured_value,unit,iteration_count\\r?(\\n|$)");
    private static final List<String> NAMING = List.of("group", "function", "value");

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
    public List<ParsedRow> parse(String path, String text, RowInterpreter interpreter)
            throws MalformedArtifactException {
        CsvFormatParser.Table table = CsvFormatParser.commaSeparated().table(text);
        List<ParsedRow> rows = new ArrayList<>(table.rows().size());
        for (CsvFormatParser.Row record : table.rows()) {
            List<String> values = record.values();
            RowBuilder row = new RowBuilder(interpreter);
            CriterionPaths.name(row, path);
            for (int i = 0; i < NAMING.size(); i++) {
                row.dimension(NAMING.get(i), values.get(i));
            }
            row.dimension("throughput_type", values.get(4));
            double measured = number(values.get(5), "sample_measured_value", table, record);
            double iterations = number(values.get(7), "iteration_count", table, record);
            if (iterations <= 0) {
                throw new MalformedArtifactException("line " + table.lineOf(record) + ": iteration_count is "
                        + values.get(7) + ", not a count of iterations");
            }
            row.metric("time", measured / iterations, values.get(6).trim());
            rows.add(row.build());
        }
        return rows;
    }

    private static double number(String text, String column, CsvFormatParser.Table table, CsvFormatParser.Row row)
            throws MalformedArtifactException {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new MalformedArtifactException(
                    "line " + table.lineOf(row) + ": " + column + " is '" + text + "', not a number");
        }
    }
}
