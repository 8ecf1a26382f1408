package io.chimera.telemetry.parse.recognise;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import java.util.List;
import java.util.Map;

/**
 * vLLM's latency benchmark ({@code benchmark_latency.py --output-json}, {@code vllm bench latency}):
 * {@code avg_latency} and {@code percentiles} ({@code "50": …}) of one batch's end-to-end latency in seconds, as
 * {@code avg_latency} and {@code latency_p50}; the raw {@code latencies} are not read.
 */
public final class VllmLatencyRecogniser implements FormatRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "vllm-latency-json";

    private static final Json.Key AVG_LATENCY = Json.key("avg_latency");
    private static final Json.Key PERCENTILES = Json.key("percentiles");

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
        return Json.firstChar(text) == '{' && AVG_LATENCY.foundIn(text) && PERCENTILES.foundIn(text);
    }

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
        JsonNode root = Json.read(text);
        Json.requireObject(root, "the document");
        Double average = Json.number(root.get("avg_latency"));
        if (average == null) {
            throw new MalformedArtifactException("avg_latency is not a number");
        }
        RowBuilder row = new RowBuilder(interpreter);
        row.metric("avg_latency", average, "s");
        JsonNode percentiles = Json.object(root, "percentiles", "");
        if (percentiles != null) {
            for (Map.Entry<String, JsonNode> percentile : percentiles.properties()) {
                row.metric("latency_p" + percentile.getKey(), Json.number(percentile.getValue()), "s");
            }
        }
        return List.of(row.build());
    }
}
