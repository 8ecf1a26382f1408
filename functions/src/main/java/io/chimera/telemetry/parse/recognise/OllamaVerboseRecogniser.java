package io.chimera.telemetry.parse.recognise;

import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statistics {@code ollama run --verbose} prints after each answer ({@code total duration: 1.234s},
 * {@code prompt eval count: 26 token(s)}, {@code eval rate: 64.27 tokens/s}, …), also as captured by
 * ollama-benchmark ({@code llm_benchmark run}: {@code model_name = …}, {@code prompt = …}, {@code eval rate: …}
 * and {@code Average of eval rate: …}), saved as Markdown. The model is the {@code model_name =} line's or the
 * {@code ollama run <model>} command's. A row is one answer's statistics; it starts at a {@code prompt =} line or
 * when a statistic repeats. Ollama prints durations in Go's form with a unit of its
 * choosing per value ({@code 45ms}, {@code 4.5s}, {@code 1m2.3s}, {@code 850µs}); they are converted to seconds so
 * that one series has one unit. No time is stated.
 */
public final class OllamaVerboseRecogniser implements FormatRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "ollama-verbose";

    private static final Pattern EVAL_RATE_LINE =
            Pattern.compile("(?m)^[ \\t]*eval rate:[ \\t]+[0-9.]+[ \\t]*tokens/s[ \\t]*\\r?$");
    private static final Pattern OLLAMA_LINE =
            Pattern.compile("(?m)^[ \\t]*(model_name[ \\t]*=|(total|load|prompt eval) duration:[ \\t]*[0-9])");

    private static final Pattern MODEL = Pattern.compile("^\\s*model_name\\s*=\\s*(.*?)\\s*$");
    /** The command line of the session, as a shell prompt or a heading shows it. */
    private static final Pattern RUN_COMMAND = Pattern.compile("^[\\s#$>`]*ollama run\\s+([^\\s`]+).*$");

    private static final Pattern PROMPT = Pattern.compile("^\\s*prompt\\s*=\\s*(.*?)\\s*$");
    private static final Pattern STATISTIC = Pattern.compile("^\\s*(total duration|load duration|prompt eval count"
            + "|prompt eval duration|prompt eval rate|eval count|eval duration|eval rate):\\s*(.*?)\\s*$");
    private static final Pattern AVERAGE = Pattern.compile("^\\s*Average of eval rate:\\s*([0-9.]+)\\s*tokens/s\\s*$");
    private static final Pattern SYSTEM =
            Pattern.compile("^\\s*(cpu_info|gpu_info|os_version|ollama_version):\\s*(.*?)\\s*$");
    private static final Pattern COUNT = Pattern.compile("^(\\d+)\\s*token\\(s\\)$");
    private static final Pattern RATE = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)\\s*tokens/s$");
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|μs|ms|s|m|h)");

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
        return text.contains("eval rate:")
                && EVAL_RATE_LINE.matcher(text).find()
                && OLLAMA_LINE.matcher(text).find();
    }

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
        String[] lines = text.split("\\r?\\n|\\r", -1);
        RowBuilder document = new RowBuilder(interpreter);
        for (String line : lines) {
            Matcher system = SYSTEM.matcher(line);
            if (system.matches()) {
                document.dimension(system.group(1), system.group(2));
            }
        }
        List<ParsedRow> rows = new ArrayList<>();
        RowBuilder model = document;
        RowBuilder row = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher matcher;
            if ((matcher = MODEL.matcher(line)).matches() || (matcher = RUN_COMMAND.matcher(line)).matches()) {
                add(rows, row);
                row = null;
                model = document.copy().dimension("model", matcher.group(1));
            } else if ((matcher = PROMPT.matcher(line)).matches()) {
                add(rows, row);
                row = model.copy().dimension("prompt", matcher.group(1));
            } else if ((matcher = AVERAGE.matcher(line)).matches()) {
                add(rows, row);
                row = null;
                add(rows, model.copy().metric("average_eval_rate", Double.parseDouble(matcher.group(1)), "tok/s"));
            } else if ((matcher = STATISTIC.matcher(line)).matches()) {
                String metric = matcher.group(1).replace(' ', '_');
                if (row == null || row.hasMetric(metric)) {
                    add(rows, row);
                    row = model.copy();
                }
                statistic(row, metric, matcher.group(2), i + 1);
            }
        }
        add(rows, row);
        return rows;
    }

    private static void add(List<ParsedRow> rows, RowBuilder row) {
        if (row != null && row.hasMeasurements()) {
            rows.add(row.build());
        }
    }

    private static void statistic(RowBuilder row, String metric, String value, int line)
            throws MalformedArtifactException {
        Matcher matcher;
        if (metric.endsWith("_count") && (matcher = COUNT.matcher(value)).matches()) {
            row.metric(metric, Double.parseDouble(matcher.group(1)), "tokens");
        } else if (metric.endsWith("_rate") && (matcher = RATE.matcher(value)).matches()) {
            row.metric(metric, Double.parseDouble(matcher.group(1)), "tok/s");
        } else if (metric.endsWith("_duration") && seconds(value) != null) {
            row.metric(metric, seconds(value).doubleValue(), "s");
        } else {
            throw new MalformedArtifactException(
                    "line " + line + ": " + metric.replace('_', ' ') + " is '" + value + "', not what ollama prints");
        }
    }

    /** A Go duration ({@code 1h2m3.5s}, {@code 12.3ms}, {@code 850µs}) in seconds, or null. */
    static BigDecimal seconds(String duration) {
        String text = duration.trim().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            return null;
        }
        Matcher part = DURATION_PART.matcher(text);
        BigDecimal total = BigDecimal.ZERO;
        int position = 0;
        while (position < text.length()) {
            if (!part.find(position) || part.start() != position) {
                return null;
            }
            BigDecimal value = new BigDecimal(part.group(1));
            BigDecimal scale = switch (part.group(2)) {
                case "h" -> BigDecimal.valueOf(3600);
                case "m" -> BigDecimal.valueOf(60);
                case "s" -> BigDecimal.ONE;
                case "ms" -> new BigDecimal("0.001");
                case "us", "µs", "μs" -> new BigDecimal("0.000001");
                default -> new BigDecimal("0.000000001");
            };
            total = total.add(value.multiply(scale), MathContext.DECIMAL64);
            position = part.end();
        }
        return total;
    }
}
