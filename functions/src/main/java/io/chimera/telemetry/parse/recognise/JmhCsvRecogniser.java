package io.chimera.telemetry.parse.recognise;

import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.CsvFormatParser;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * JMH's {@code -rf csv}: {@code "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"} and a
 * {@code "Param: <name>"} column per parameter. Secondary results ({@code bench:·gc.alloc.rate}, sample-mode
 * percentiles {@code bench:bench·p0.99}) are rows whose benchmark carries the metric after a colon.
 */
public final class JmhCsvRecogniser implements FormatRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "jmh-csv";

    private static final Pattern HEADER = Pattern.compile(
            "^\"?Benchmark\"?,\"?Mode\"?,\"?Threads\"?,\"?Samples\"?,\"?Score\"?,\"?Score Error \\([0-9.]+%\\)\"?,"
                    + "\"?Unit\"?(,|\\r|\\n|$)");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("-?\\d+,\\d+");
    private static final String PARAM_PREFIX = "Param: ";

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
        int benchmark = header.indexOf("Benchmark");
        int mode = header.indexOf("Mode");
        int threads = header.indexOf("Threads");
        int samples = header.indexOf("Samples");
        int score = header.indexOf("Score");
        int unit = header.indexOf("Unit");
        int error = -1;
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).startsWith("Score Error")) {
                error = i;
            }
        }
        List<ParsedRow> rows = new ArrayList<>(table.rows().size());
        for (CsvFormatParser.Row record : table.rows()) {
            List<String> values = record.values();
            RowBuilder row = new RowBuilder(interpreter);
            String name = values.get(benchmark).trim();
            String metric = "score";
            int colon = name.indexOf(':');
            if (colon > 0) {
                metric = name.substring(colon + 1);
                name = name.substring(0, colon);
            }
            row.dimension("benchmark", name);
            row.dimension("mode", values.get(mode));
            row.dimension("threads", values.get(threads));
            row.dimension("samples", values.get(samples));
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).startsWith(PARAM_PREFIX)) {
                    row.dimension(
                            "param_"
                                    + header.get(i)
                                            .substring(PARAM_PREFIX.length())
                                            .trim(),
                            values.get(i));
                }
            }
            String scoreUnit = values.get(unit).trim();
            long line = table.lineOf(record);
            // The CSV keeps JMH's summaries only: named as the JSON export names them beside its iterations.
            row.metric(
                    "reported_" + metric,
                    number(values.get(score), "Score", line),
                    scoreUnit.isEmpty() ? null : scoreUnit);
            if (error >= 0) {
                row.metric(
                        "reported_" + metric + "_error",
                        number(values.get(error), header.get(error), line),
                        scoreUnit.isEmpty() ? null : scoreUnit);
            }
            rows.add(row.build());
        }
        return rows;
    }

    /** JMH writes NaN for an error it could not estimate, and the locale's decimal comma in some locales. */
    private static Double number(String text, String column, long line) throws MalformedArtifactException {
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.toLowerCase(Locale.ROOT).equals("nan")) {
            return null;
        }
        if (DECIMAL_COMMA.matcher(trimmed).matches()) {
            trimmed = trimmed.replace(',', '.');
        }
        try {
            return Double.parseDouble(trimmed);
        } catch (NumberFormatException e) {
            throw new MalformedArtifactException("line " + line + ": " + column + " is '" + text + "', not a number");
        }
    }
}
