package io.chimera.telemetry.parse.recognise;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import io.chimera.telemetry.parse.Timestamps;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MLPerf LoadGen's {@code mlperf_log_detail.txt}: one {@code :::MLLOG {json}} line per logged key, each with a
 * {@code key}, a {@code value} and metadata saying whether it is an error or a warning. One row a file, named
 * like {@link MlperfSummaryRecogniser}'s so that a summary and its detail log read alike: {@code sut_name},
 * {@code effective_scenario} as {@code scenario}, {@code effective_test_mode} as {@code mode} and
 * {@code result_validity} as {@code validity} are dimensions; every numeric {@code result_*} key is a metric
 * ({@code result_90.00_percentile_latency_ns} as {@code latency_p90} [ns], {@code result_first_token_min_latency_ns}
 * as {@code first_token_latency_min}, {@code result_samples_per_second} [samples/s], {@code result_qps_*}
 * [queries/s], token rates [tok/s]), plus {@code errors} and {@code warnings} (the lines LoadGen flagged) and
 * {@code num_errors}. The time is {@code test_datetime}, when the test began. LoadGen logs
 * {@code result_token_throughput} per nanosecond (it divides by the mean latency in ns), while its summary prints
 * the same figure per second: it is read as {@code tps_without_loadgen_overhead} in tok/s, as the summary has it.
 * An accuracy-mode log has no performance result: its row holds the dimensions only. A performance-mode log with
 * no result was cut off before the run ended and is malformed. Settings ({@code requested_*}, {@code effective_*})
 * are not read: targets and seeds, not results.
 */
public final class MlperfDetailRecogniser implements FormatRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "mlperf-detail";

    private static final String PREFIX = ":::MLLOG ";
    private static final Pattern LOADGEN_LINE = Pattern.compile(
            "(?m)^:::MLLOG \\{\"key\": \"(?:loadgen_version|sut_name|effective_scenario|test_datetime)\"");
    /** {@code 90.00_percentile_latency}, {@code first_token_50.00_percentile_latency}, once {@code _ns} is off. */
    private static final Pattern PERCENTILE =
            Pattern.compile("^(?<before>(?:[a-z_]+_)?)(?<q>\\d+(?:\\.\\d+)?)_percentile(?:_(?<after>[a-z_]+))?$");
    /** {@code min_latency}, {@code first_token_mean_latency}, {@code time_to_output_token_max}. */
    private static final Pattern MIN_MAX_MEAN =
            Pattern.compile("^(?<before>(?:[a-z_]+_)?)(?<stat>min|max|mean)(?:_(?<after>[a-z_]+))?$");

    private static final double NANOS_PER_SECOND = 1e9;

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
        return LOADGEN_LINE.matcher(text).find();
    }

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
        RowBuilder row = new RowBuilder(interpreter);
        int errors = 0;
        int warnings = 0;
        String mode = null;
        int lineNumber = 0;
        boolean cutOff = false;
        for (String line : text.split("\\r?\\n")) {
            lineNumber++;
            if (!line.startsWith(PREFIX)) {
                continue;
            }
            JsonNode entry;
            try {
                entry = Json.read(line.substring(PREFIX.length()));
            } catch (MalformedArtifactException e) {
                // LoadGen writes the log as the run goes: a last line without its end is a run still being written
                // or cut off; any other bad line is a broken file.
                cutOff = true;
                continue;
            }
            if (cutOff) {
                throw new MalformedArtifactException("line " + (lineNumber - 1) + " is not a LoadGen log entry");
            }
            String key = Json.text(entry.get("key"));
            if (key == null) {
                throw new MalformedArtifactException("line " + lineNumber + " has no key");
            }
            JsonNode metadata = entry.get("metadata");
            if (metadata != null && metadata.path("is_error").asBoolean(false)) {
                errors++;
            }
            if (metadata != null && metadata.path("is_warning").asBoolean(false)) {
                warnings++;
            }
            JsonNode value = entry.get("value");
            switch (key) {
                case "sut_name" -> row.dimension("sut_name", Json.text(value));
                case "effective_scenario" -> row.dimension("scenario", Json.text(value));
                case "effective_test_mode" -> {
                    mode = Json.text(value);
                    row.dimension("mode", mode);
                }
                case "result_validity" -> row.dimension("validity", Json.text(value));
                case "test_datetime" -> row.time(Timestamps.parse(Json.text(value)), "test_datetime");
                case "num_errors" -> row.metric("num_errors", Json.number(value), null);
                default -> {
                    if (key.startsWith("result_") && value != null && value.isNumber()) {
                        result(row, key.substring("result_".length()), value.asDouble());
                    }
                }
            }
        }
        row.metric("errors", (double) errors, null);
        row.metric("warnings", (double) warnings, null);
        ParsedRow built = row.build();
        boolean hasResult = built.measurements().stream()
                .anyMatch(m -> !m.metric().equals("errors") && !m.metric().equals("warnings"));
        if (mode == null) {
            throw new MalformedArtifactException("no effective_test_mode: not a LoadGen detail log, or cut off");
        }
        if (mode.startsWith("Accuracy")) {
            return List.of(new ParsedRow(
                    built.dimensions(), List.of(), built.eventTime(), built.eventTimeSource(), false, null));
        }
        if (!hasResult) {
            throw new MalformedArtifactException("no result_* entries: the run was cut off before LoadGen logged"
                    + " its results" + (cutOff ? " (its last line is incomplete)" : ""));
        }
        return List.of(built);
    }

    private static void result(RowBuilder row, String key, double value) {
        switch (key) {
            case "samples_per_second" -> row.metric(key, value, "samples/s");
            case "completed_samples_per_sec", "scheduled_samples_per_sec" ->
                row.metric(key + "ond", value, "samples/s");
            case "tokens_per_second", "completed_tokens_per_second" -> row.metric(key, value, "tok/s");
            case "qps_with_loadgen_overhead", "qps_without_loadgen_overhead" -> row.metric(key, value, "queries/s");
            case "token_throughput_with_loadgen_overhead" -> row.metric("tps_with_loadgen_overhead", value, "tok/s");
            case "token_throughput" -> row.metric("tps_without_loadgen_overhead", value * NANOS_PER_SECOND, "tok/s");
            default -> latencyOrCount(row, key, value);
        }
    }

    private static void latencyOrCount(RowBuilder row, String key, double value) {
        boolean latency = key.endsWith("_ns") || key.contains("latency") || key.contains("output_token");
        String bare = key.endsWith("_ns") ? key.substring(0, key.length() - 3) : key;
        // The summary calls both the percentiles and the extremes of the time per output token "time to output
        // token"; the detail log calls only the extremes so. One quantity, one name: the summary's.
        bare = bare.replace("time_per_output_token", "time_to_output_token");
        Matcher percentile = PERCENTILE.matcher(bare);
        if (latency && percentile.matches()) {
            row.metric(
                    joined(percentile.group("before"), percentile.group("after")) + "_p"
                            + new BigDecimal(percentile.group("q"))
                                    .stripTrailingZeros()
                                    .toPlainString(),
                    value,
                    "ns");
            return;
        }
        Matcher stat = MIN_MAX_MEAN.matcher(bare);
        if (latency && stat.matches()) {
            row.metric(joined(stat.group("before"), stat.group("after")) + "_" + stat.group("stat"), value, "ns");
            return;
        }
        if (key.endsWith("_count")) {
            row.metric(key, value, null);
        }
    }

    /** {@code first_token_} and {@code latency} as {@code first_token_latency}. */
    private static String joined(String before, String after) {
        String name = before + (after == null ? "" : after);
        return name.endsWith("_") ? name.substring(0, name.length() - 1) : name;
    }
}
