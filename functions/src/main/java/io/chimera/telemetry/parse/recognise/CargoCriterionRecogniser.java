package io.chimera.telemetry.parse.recognise;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.JsonTrees;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * cargo-criterion's {@code --message-format=json}: one JSON object a line. A {@code benchmark-complete} line is a
 * row: its {@code id} is the {@code benchmark}, its {@code typical}, {@code mean}, {@code median},
 * {@code median_abs_dev} and {@code slope} estimates (each with bounds and a {@code unit}) are metrics (named
 * {@code reported_*} when the line keeps its samples), and a
 * {@code change} against the previous run gives {@code change_mean}/{@code change_median} (%) and the verdict as
 * a dimension. A {@code group-complete} line lists its group's benchmarks, which then carry the {@code group_id}.
 * The raw samples are the benchmark's {@code time} values: each {@code measured_values[i]} over its
 * {@code iteration_count[i]}, in the line's {@code unit}, the figures criterion's estimates come from; the
 * estimates are then its {@code reported_*} summaries beside them. No time is stated. Saved as
 * {@code .jsonl}/{@code .ndjson} or, as often, {@code .json}: one instance per generic format.
 */
public final class CargoCriterionRecogniser implements FormatRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "cargo-criterion-json";

    private static final Pattern COMPLETE =
            Pattern.compile("\"reason\"\\s*:\\s*\"(benchmark-complete|group-complete)\"");
    private static final List<String> ESTIMATES = List.of("typical", "mean", "median", "median_abs_dev", "slope");

    private final ArtifactFormat genericFormat;

    public CargoCriterionRecogniser(ArtifactFormat genericFormat) {
        this.genericFormat = genericFormat;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ArtifactFormat genericFormat() {
        return genericFormat;
    }

    @Override
    public boolean recognises(String path, String text) {
        return Json.firstChar(text) == '{' && COMPLETE.matcher(text).find();
    }

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
        List<Map.Entry<String, RowBuilder>> benchmarks = new ArrayList<>();
        Map<String, String> groupOf = new HashMap<>();
        String[] lines = text.split("\\r?\\n|\\r", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String where = "line " + (i + 1) + ": ";
            JsonNode message = JsonTrees.read(lines[i], i);
            Json.requireObject(message, where + "the message");
            String reason = Json.text(message.get("reason"));
            if ("benchmark-complete".equals(reason)) {
                benchmarks.add(Map.entry(Json.text(message.get("id")), benchmark(message, interpreter, where)));
            } else if ("group-complete".equals(reason)) {
                String group = Json.text(message.get("group_name"));
                JsonNode members = Json.array(message, "benchmarks", where);
                for (JsonNode member : members) {
                    groupOf.put(member.asText(), group);
                }
            }
        }
        List<ParsedRow> rows = new ArrayList<>(benchmarks.size());
        for (Map.Entry<String, RowBuilder> benchmark : benchmarks) {
            rows.add(benchmark
                    .getValue()
                    .dimension("group_id", groupOf.get(benchmark.getKey()))
                    .build());
        }
        return rows;
    }

    private static RowBuilder benchmark(JsonNode message, RowInterpreter interpreter, String where)
            throws MalformedArtifactException {
        String id = Json.text(message.get("id"));
        if (id == null) {
            throw new MalformedArtifactException(where + "a benchmark-complete message without an id");
        }
        RowBuilder row = new RowBuilder(interpreter);
        row.dimension("benchmark", id);
        boolean samples = samples(message, row, where + "benchmark " + id + ": ");
        String prefix = samples ? "reported_" : "";
        for (String name : ESTIMATES) {
            JsonNode estimate = Json.object(message, name, where);
            if (estimate == null) {
                continue;
            }
            String unit = Json.text(estimate.get("unit"));
            row.metric(prefix + name, Json.number(estimate.get("estimate")), unit);
            row.metric(prefix + name + "_lower_bound", Json.number(estimate.get("lower_bound")), unit);
            row.metric(prefix + name + "_upper_bound", Json.number(estimate.get("upper_bound")), unit);
        }
        JsonNode change = Json.object(message, "change", where);
        if (change != null) {
            for (String name : List.of("mean", "median")) {
                JsonNode estimate = Json.object(change, name, where + "change.");
                if (estimate != null) {
                    row.metric(
                            "change_" + name, Json.number(estimate.get("estimate")), Json.text(estimate.get("unit")));
                }
            }
            row.dimension("change", Json.text(change.get("change")));
        }
        JsonNode throughput = message.get("throughput");
        if (throughput != null && throughput.isArray()) {
            for (JsonNode per : throughput) {
                row.dimension(
                        "throughput." + per.path("unit").asText("per_iteration"), Json.text(per.get("per_iteration")));
            }
        }
        if (!row.hasMeasurements()) {
            throw new MalformedArtifactException(where + "benchmark " + id + " has no estimates");
        }
        return row;
    }

    /** The per-iteration time of each sample, when the line keeps them: whether it did. */
    private static boolean samples(JsonNode message, RowBuilder row, String where) throws MalformedArtifactException {
        JsonNode iterations = message.get("iteration_count");
        JsonNode measured = message.get("measured_values");
        if (iterations == null
                || measured == null
                || !iterations.isArray()
                || !measured.isArray()
                || measured.isEmpty()) {
            return false;
        }
        if (iterations.size() != measured.size()) {
            throw new MalformedArtifactException(where + iterations.size() + " iteration counts for " + measured.size()
                    + " measured values: each sample needs both");
        }
        String unit = Json.text(message.get("unit"));
        for (int i = 0; i < measured.size(); i++) {
            Double count = Json.number(iterations.get(i));
            Double total = Json.number(measured.get(i));
            if (count == null || total == null || count <= 0) {
                throw new MalformedArtifactException(where + "sample " + i + ": " + iterations.get(i)
                        + " iterations measured as " + measured.get(i) + " is not a measurement");
            }
            row.metric("time", total / count, unit);
        }
        return true;
    }
}
