package io.chimera.telemetry.parse.recognise;

import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.FieldNames;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MLPerf LoadGen's {@code mlperf_log_summary.txt}: a "MLPerf Results Summary" section ({@code SUT name},
 * {@code Scenario}, {@code Mode}, the scenario's result such as {@code Samples per second: 304744} or
 * {@code 90.0th percentile latency (ns) : 50798000}, {@code Result is : VALID}) and an "Additional Stats" section
 * ({@code Min latency (ns)}, {@code 50.00 percentile latency (ns)}, {@code Completed tokens per second}, …). One row
 * a file: the SUT, scenario, mode and validity are its dimensions; every number of the two sections a metric,
 * latencies as {@code latency_min}, {@code latency_mean}, {@code latency_p50}, {@code latency_p99.9} (ns; likewise
 * {@code first_token_latency_p90}, {@code time_to_output_token_mean}), rates per second as {@code samples/s},
 * {@code tok/s} or {@code queries/s}; and the warnings and errors the log counts. The test parameters are not read
 * (seeds and targets, not results). LoadGen states no time in the summary.
 */
public final class MlperfSummaryRecogniser implements FormatRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "mlperf-summary";

    private static final Pattern HEADER = Pattern.compile("(?m)^MLPerf Results Summary\\s*$");
    private static final Pattern SCENARIO = Pattern.compile("(?m)^Scenario\\s*:");
    private static final Pattern LINE = Pattern.compile("^\\s*(?<label>[A-Za-z0-9][^:]*?)\\s*:\\s*(?<value>.*?)\\s*$");
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");
    private static final Pattern PERCENTILE = Pattern.compile(
            "^(?<q>\\d+(?:\\.\\d+)?)(?:th)? (?:(?<before>.+?) )?percentile (?<what>.+?)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern MIN_MAX_MEAN =
            Pattern.compile("^(?<stat>min|max|mean) (?<what>.+?)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern COUNT_LINE =
            Pattern.compile("^(?:(?<n>\\d+)|No) (?<what>warnings|errors) encountered", Pattern.CASE_INSENSITIVE);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ArtifactFormat genericFormat() {
        return ArtifactFormat.TEXT;
    }

    @Override
    public boolean recognises(String path, String text) {
        return HEADER.matcher(text).find() && SCENARIO.matcher(text).find();
    }

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
        RowBuilder row = new RowBuilder(interpreter);
        String section = null;
        for (String line : text.split("\\r?\\n")) {
            String trimmed = line.trim();
            if (trimmed.equals("MLPerf Results Summary")
                    || trimmed.equals("Additional Stats")
                    || trimmed.equals("Test Parameters Used")) {
                section = trimmed;
                continue;
            }
            Matcher count = COUNT_LINE.matcher(trimmed);
            if (count.find()) {
                row.metric(
                        count.group("what").toLowerCase(Locale.ROOT),
                        count.group("n") == null ? 0.0 : Double.parseDouble(count.group("n")),
                        null);
                continue;
            }
            if (section == null || section.equals("Test Parameters Used") || trimmed.startsWith("*")) {
                continue;
            }
            Matcher field = LINE.matcher(line);
            if (!field.matches()) {
                continue;
            }
            String label = field.group("label").trim();
            String value = field.group("value").trim();
            switch (label.toLowerCase(Locale.ROOT)) {
                case "sut name" -> row.dimension("sut_name", value);
                case "scenario" -> row.dimension("scenario", value);
                case "mode" -> row.dimension("mode", value);
                case "result is" -> row.dimension("validity", value);
                default -> {
                    if (NUMBER.matcher(value).matches()) {
                        metric(row, label, Double.parseDouble(value));
                    }
                }
            }
        }
        if (!row.hasMeasurements()) {
            throw new MalformedArtifactException("no result in the MLPerf summary");
        }
        return List.of(row.build());
    }

    /** A labelled number under its name and unit; a name already read (the summary repeats a result) is kept once. */
    private static void metric(RowBuilder row, String label, double value) {
        String unit = null;
        String what = label;
        if (what.endsWith("(ns)")) {
            unit = "ns";
            what = what.substring(0, what.length() - 4).trim();
        }
        String name;
        Matcher percentile = PERCENTILE.matcher(what);
        Matcher stat = MIN_MAX_MEAN.matcher(what);
        if (percentile.matches()) {
            // "90.00 percentile first token latency" and "90.0th first token percentile latency" alike
            String before = percentile.group("before") == null ? "" : percentile.group("before") + " ";
            name = FieldNames.normalise(before + percentile.group("what")) + "_p"
                    + new BigDecimal(percentile.group("q")).stripTrailingZeros().toPlainString();
        } else if (stat.matches()) {
            name = FieldNames.normalise(stat.group("what")) + "_"
                    + stat.group("stat").toLowerCase(Locale.ROOT);
        } else {
            name = FieldNames.normalise(what.replace("w/o", "without").replace("w/", "with"));
        }
        if (unit == null) {
            String lower = what.toLowerCase(Locale.ROOT);
            unit = lower.contains("tokens per second") || lower.startsWith("tps")
                    ? "tok/s"
                    : lower.contains("samples per second") ? "samples/s" : lower.startsWith("qps") ? "queries/s" : null;
        }
        if (!row.hasMetric(name)) {
            row.metric(name, value, unit);
        }
    }
}
