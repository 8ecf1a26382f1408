package io.chimera.telemetry.parse.recognise;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import io.chimera.telemetry.parse.Timestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * github-action-benchmark's {@code data.js} ({@code window.BENCHMARK_DATA = {…}} on a project's gh-pages branch):
 * {@code entries} maps each benchmark suite to the runs the action recorded, one per commit, each with its
 * {@code commit}, {@code date} and {@code benches[]} ({@code name}, {@code value}, {@code unit}, {@code range}). One
 * event per bench of each run: the bench's name is the metric, in its unit; the suite ({@code group}) and the
 * {@code tool} name the series; the commit's id is a dimension of the row (not of the series, so that a bench is one
 * series across commits), and the run's {@code date} its time, so that each commit lands in the window it ran in.
 */
public final class GithubActionBenchmarkRecogniser implements FormatRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "github-action-benchmark";
    private static final String PREFIX = "window.BENCHMARK_DATA";

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
        return text.stripLeading().startsWith(PREFIX) && text.contains("\"entries\"") && text.contains("\"benches\"");
    }

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
        int open = text.indexOf('{');
        int close = text.lastIndexOf('}');
        if (open < 0 || close < open) {
            throw new MalformedArtifactException("no object after " + PREFIX);
        }
        JsonNode root = Json.read(text.substring(open, close + 1));
        JsonNode entries = Json.object(root, "entries", "");
        if (entries == null) {
            throw new MalformedArtifactException("entries: missing");
        }
        List<ParsedRow> rows = new ArrayList<>();
        for (Map.Entry<String, JsonNode> suite : entries.properties()) {
            JsonNode runs = suite.getValue();
            if (!runs.isArray()) {
                throw new MalformedArtifactException("entries." + suite.getKey() + ": not an array");
            }
            for (int r = 0; r < runs.size(); r++) {
                JsonNode run = runs.get(r);
                String where = "entries." + suite.getKey() + "[" + r + "].";
                Json.requireObject(run, where);
                JsonNode commit = run.get("commit");
                Double date = Json.number(run.get("date"));
                JsonNode benches = Json.array(run, "benches", where);
                for (JsonNode bench : benches) {
                    String name = Json.text(bench.get("name"));
                    if (name == null) {
                        throw new MalformedArtifactException(where + "benches: a bench without a name");
                    }
                    RowBuilder row = new RowBuilder(interpreter);
                    row.dimension("group", suite.getKey());
                    row.dimension("tool", Json.text(run.get("tool")));
                    if (commit != null && commit.isObject()) {
                        row.dimension("commit", Json.text(commit.get("id")));
                    }
                    if (date != null) {
                        row.time(date.longValue(), "date");
                    } else if (commit != null && commit.isObject()) {
                        row.time(Timestamps.parse(Json.text(commit.get("timestamp"))), "commit.timestamp");
                    }
                    row.metric(name, Json.number(bench.get("value")), Json.text(bench.get("unit")));
                    rows.add(row.build());
                }
            }
        }
        return rows;
    }
}
