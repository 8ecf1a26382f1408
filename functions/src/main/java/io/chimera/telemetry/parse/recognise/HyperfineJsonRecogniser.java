package io.chimera.telemetry.parse.recognise;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * hyperfine's {@code --export-json}: {@code results[]}, one per command, with every run's wall-clock time in
 * {@code times[]}, its summaries {@code mean}, {@code stddev}, {@code median}, {@code user}, {@code system},
 * {@code min}, {@code max} in seconds, {@code exit_codes[]} and the {@code parameters} of a
 * {@code --parameter-scan}/{@code -L} run. The runs are the metric {@code time} [s], one value each, so that a
 * window's percentiles describe runs; hyperfine's own summaries stay beside them as {@code reported_mean},
 * {@code reported_stddev}, …. A command that exited non-zero in any run (kept with {@code -i}) is a failed row.
 * hyperfine states no time.
 */
public final class HyperfineJsonRecogniser implements FormatRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "hyperfine-json";

    private static final Json.Key RESULTS = Json.key("results");
    private static final Json.Key COMMAND = Json.key("command");
    private static final Json.Key MEAN = Json.key("mean");
    private static final Json.Key USER = Json.key("user");
    private static final Json.Key SYSTEM = Json.key("system");
    private static final List<String> SECONDS = List.of("mean", "stddev", "median", "user", "system", "min", "max");

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
                && RESULTS.foundIn(text)
                && COMMAND.foundIn(text)
                && MEAN.foundIn(text)
                && USER.foundIn(text)
                && SYSTEM.foundIn(text);
    }

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
        JsonNode root = Json.read(text);
        Json.requireObject(root, "the document");
        JsonNode results = Json.array(root, "results", "");
        List<ParsedRow> rows = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            JsonNode result = results.get(i);
            String where = "results[" + i + "].";
            Json.requireObject(result, "results[" + i + "]");
            RowBuilder row = new RowBuilder(interpreter);
            String command = Json.text(result.get("command"));
            if (command == null) {
                throw new MalformedArtifactException(where + "command: missing");
            }
            row.dimension("command", command);
            JsonNode parameters = Json.object(result, "parameters", where);
            if (parameters != null) {
                for (Map.Entry<String, JsonNode> parameter : parameters.properties()) {
                    row.dimension("param_" + parameter.getKey(), Json.text(parameter.getValue()));
                }
            }
            JsonNode times = result.get("times");
            if (times != null && times.isArray()) {
                for (JsonNode time : times) {
                    row.metric("time", Json.number(time), "s");
                }
            }
            for (String statistic : SECONDS) {
                row.metric("reported_" + statistic, Json.number(result.get(statistic)), "s");
            }
            JsonNode exitCodes = result.get("exit_codes");
            if (exitCodes != null && exitCodes.isArray()) {
                Map<String, Integer> nonZero = new TreeMap<>();
                int failedRuns = 0;
                for (JsonNode code : exitCodes) {
                    if (!(code.isNumber() && code.asLong() == 0)) {
                        // null: terminated by a signal
                        failedRuns++;
                        nonZero.merge(code.isNull() ? "none (signal)" : code.asText(), 1, Integer::sum);
                    }
                }
                if (failedRuns > 0) {
                    row.failed("exited non-zero in " + failedRuns + " of " + exitCodes.size() + " runs (exit codes "
                            + String.join(", ", nonZero.keySet()) + ")");
                }
            }
            rows.add(row.build());
        }
        return rows;
    }
}
