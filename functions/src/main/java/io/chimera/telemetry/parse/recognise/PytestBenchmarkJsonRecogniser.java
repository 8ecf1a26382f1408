package io.chimera.telemetry.parse.recognise;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import io.chimera.telemetry.parse.Timestamps;
import io.chimera.telemetry.parse.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * pytest-benchmark's saved runs ({@code --benchmark-json}, {@code .benchmarks/…/NNNN_*.json}):
 * {@code machine_info}, {@code commit_info}, {@code datetime} and {@code benchmarks[]} with {@code group},
 * {@code name}, {@code fullname}, {@code params} and {@code stats} in seconds. Each round's time
 * ({@code stats.data}, written with {@code --benchmark-save-data}) is a value of the metric {@code time} [s], when
 * the data hold every round;
 * pytest-benchmark's own statistics stay beside them as {@code reported_min}, {@code reported_mean}, …,
 * {@code reported_ops}; {@code rounds} and the outlier counts keep their names.
 */
public final class PytestBenchmarkJsonRecogniser implements FormatRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "pytest-benchmark-json";

    private static final Json.Key MACHINE_INFO = Json.key("machine_info");
    private static final Json.Key BENCHMARKS = Json.key("benchmarks");
    private static final Json.Key STATS = Json.key("stats");

    /** Statistics in seconds. */
    private static final Set<String> SECONDS =
            Set.of("min", "max", "mean", "stddev", "median", "iqr", "q1", "q3", "ld15iqr", "hd15iqr", "total");
    /**
     * Counts of the run: rounds, outliers, and the iterations of each round, which pytest-benchmark calibrates
     * anew each run (a dimension of that name would split the series).
     */
    private static final Set<String> COUNTS = Set.of("rounds", "iterations", "iqr_outliers", "stddev_outliers");

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
        return Json.firstChar(text) == '{'
                && MACHINE_INFO.foundIn(text)
                && BENCHMARKS.foundIn(text)
                && STATS.foundIn(text);
    }

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
        JsonNode root = Json.read(text);
        Json.requireObject(root, "the document");
        RowBuilder document = new RowBuilder(interpreter);
        String datetime = Json.text(root.get("datetime"));
        document.time(datetime == null ? null : Timestamps.parse(datetime), "datetime");
        scalars(document, Json.object(root, "machine_info", ""), "machine_info.");
        JsonNode machine = Json.object(root, "machine_info", "");
        if (machine != null && machine.path("cpu").isObject()) {
            JsonNode cpu = machine.get("cpu");
            document.dimension(
                    "machine_info.cpu.brand",
                    Json.text(cpu.has("brand_raw") ? cpu.get("brand_raw") : cpu.get("brand")));
        }
        scalars(document, Json.object(root, "commit_info", ""), "commit_info.");
        // not "version", which would name a series: a new pytest-benchmark does not make a new benchmark
        document.dimension("pytest_benchmark_version", Json.text(root.get("version")));

        JsonNode benchmarks = Json.array(root, "benchmarks", "");
        List<ParsedRow> rows = new ArrayList<>(benchmarks.size());
        for (int i = 0; i < benchmarks.size(); i++) {
            JsonNode benchmark = benchmarks.get(i);
            String where = "benchmarks[" + i + "].";
            Json.requireObject(benchmark, "benchmarks[" + i + "]");
            RowBuilder row = document.copy();
            row.dimension("group", Json.text(benchmark.get("group")));
            row.dimension("name", Json.text(benchmark.get("name")));
            row.dimension("fullname", Json.text(benchmark.get("fullname")));
            row.dimension("param", Json.text(benchmark.get("param")));
            JsonNode params = Json.object(benchmark, "params", where);
            if (params != null) {
                for (Map.Entry<String, JsonNode> param : params.properties()) {
                    JsonNode value = param.getValue();
                    row.dimension(
                            "param_" + param.getKey(), value.isContainerNode() ? value.toString() : Json.text(value));
                }
            }
            JsonNode stats = Json.object(benchmark, "stats", where);
            if (stats == null) {
                throw new MalformedArtifactException(where + "stats: missing");
            }
            JsonNode data = stats.get("data");
            Double rounds = Json.number(stats.get("rounds"));
            if (data != null
                    && data.isArray()
                    && rounds != null
                    && data.size() == rounds.intValue()
                    && java.util.stream.StreamSupport.stream(data.spliterator(), false)
                            .allMatch(JsonNode::isNumber)) {
                // Only every round: a shortened list would describe some rounds as if they were all.
                for (JsonNode round : data) {
                    row.metric("time", Json.number(round), "s");
                }
            }
            for (Map.Entry<String, JsonNode> stat : stats.properties()) {
                String key = stat.getKey();
                if (SECONDS.contains(key)) {
                    row.metric("reported_" + key, Json.number(stat.getValue()), "s");
                } else if (key.equals("ops")) {
                    row.metric("reported_" + key, Json.number(stat.getValue()), "ops/s");
                } else if (COUNTS.contains(key)) {
                    row.metric(key, Json.number(stat.getValue()), null);
                }
            }
            JsonNode extra = Json.object(benchmark, "extra_info", where);
            if (extra != null) {
                for (Map.Entry<String, JsonNode> field : extra.properties()) {
                    String name = "extra_info." + field.getKey();
                    if (field.getValue().isNumber()) {
                        row.metric(name, Json.number(field.getValue()), Units.fromName(field.getKey()));
                    } else {
                        row.dimension(name, Json.text(field.getValue()));
                    }
                }
            }
            rows.add(row.build());
        }
        return rows;
    }

    private static void scalars(RowBuilder row, JsonNode object, String prefix) {
        if (object == null) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            row.dimension(prefix + field.getKey(), Json.text(field.getValue()));
        }
    }
}
