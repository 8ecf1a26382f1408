package io.chimera.telemetry.parse.recognise;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JMH's {@code -rf json}: a top-level array, one entry per benchmark and parameter combination, with
 * {@code benchmark}, {@code mode}, {@code threads}, {@code params} and a {@code primaryMetric}
 * ({@code score}, {@code scoreError}, {@code scorePercentiles}, {@code scoreUnit}); {@code secondaryMetrics} (GC
 * and other profilers) are metrics of their own name. Each iteration of each fork ({@code rawData}) is a value of
 * the metric, JMH's own summaries {@code reported_*} metrics beside it. JMH states no
 * time: the file's modification time stands in.
 */
public final class JmhJsonRecogniser implements FormatRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "jmh-json";

    private static final Json.Key PRIMARY_METRIC = Json.key("primaryMetric");
    private static final Json.Key BENCHMARK = Json.key("benchmark");
    private static final Json.Key MODE = Json.key("mode");

    /** The run's settings, kept as dimensions under JMH's own names. */
    private static final List<String> SETTINGS = List.of(
            "benchmark",
            "mode",
            "threads",
            "forks",
            "jmhVersion",
            "jdkVersion",
            "vmName",
            "vmVersion",
            "warmupIterations",
            "warmupTime",
            "warmupBatchSize",
            "measurementIterations",
            "measurementTime",
            "measurementBatchSize");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ArtifactFormat genericFormat() {
        return ArtifactFormat.JSON;
    }

    @Override
    public boolean recognises(String path, String text) {
        return Json.firstChar(text) == '['
                && PRIMARY_METRIC.foundIn(text)
                && BENCHMARK.foundIn(text)
                && MODE.foundIn(text);
    }

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
        JsonNode root = Json.read(text);
        if (!root.isArray()) {
            throw new MalformedArtifactException("the document is " + Json.kind(root) + ", not an array of results");
        }
        List<ParsedRow> rows = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            String where = "result " + (i + 1) + ": ";
            Json.requireObject(entry, "result " + (i + 1));
            RowBuilder row = new RowBuilder(interpreter);
            for (String setting : SETTINGS) {
                row.dimension(setting, Json.text(entry.get(setting)));
            }
            JsonNode jvmArgs = entry.get("jvmArgs");
            if (jvmArgs != null && jvmArgs.isArray() && !jvmArgs.isEmpty()) {
                List<String> args = new ArrayList<>();
                jvmArgs.forEach(arg -> args.add(arg.asText()));
                row.dimension("jvmArgs", String.join(" ", args));
            }
            JsonNode params = Json.object(entry, "params", where);
            if (params != null) {
                for (Map.Entry<String, JsonNode> param : params.properties()) {
                    row.dimension("param_" + param.getKey(), Json.text(param.getValue()));
                }
            }
            JsonNode primary = Json.object(entry, "primaryMetric", where);
            if (primary == null) {
                throw new MalformedArtifactException(where + "no primaryMetric");
            }
            score(row, "score", primary, where + "primaryMetric.");
            JsonNode secondary = Json.object(entry, "secondaryMetrics", where);
            if (secondary != null) {
                for (Map.Entry<String, JsonNode> metric : secondary.properties()) {
                    Json.requireObject(metric.getValue(), where + "secondaryMetrics." + metric.getKey());
                    score(row, metric.getKey(), metric.getValue(), where + "secondaryMetrics." + metric.getKey() + ".");
                }
            }
            rows.add(row.build());
        }
        return rows;
    }

    /**
     * A JMH result: every measurement iteration of every fork ({@code rawData}) as a value of {@code <name>}, and
     * JMH's own summaries beside them as {@code reported_<name>}, {@code reported_<name>_error} and the percentiles
     * {@code reported_<name>_p50}, {@code reported_<name>_p99.9}.
     */
    private static void score(RowBuilder row, String name, JsonNode result, String where)
            throws MalformedArtifactException {
        String unit = Json.text(result.get("scoreUnit"));
        JsonNode forks = result.get("rawData");
        if (forks != null && forks.isArray()) {
            for (JsonNode fork : forks) {
                if (fork.isArray()) {
                    for (JsonNode iteration : fork) {
                        row.metric(name, Json.number(iteration), unit);
                    }
                }
            }
        }
        String reported = "reported_" + name;
        row.metric(reported, Json.number(result.get("score")), unit);
        row.metric(reported + "_error", Json.number(result.get("scoreError")), unit);
        JsonNode percentiles = Json.object(result, "scorePercentiles", where);
        if (percentiles != null) {
            for (Map.Entry<String, JsonNode> percentile : percentiles.properties()) {
                row.metric(
                        reported + "_p" + percentileName(percentile.getKey()),
                        Json.number(percentile.getValue()),
                        unit);
            }
        }
    }

    /** {@code 0.0} → {@code 0}, {@code 50.0} → {@code 50}, {@code 99.9} stays. */
    static String percentileName(String key) {
        try {
            BigDecimal value = new BigDecimal(key.trim()).stripTrailingZeros();
            return value.toPlainString();
        } catch (NumberFormatException e) {
            return key;
        }
    }
}
