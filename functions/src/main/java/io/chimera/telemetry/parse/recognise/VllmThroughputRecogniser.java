package io.chimera.telemetry.parse.recognise;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import java.util.List;
import java.util.Map;

/**
 * vLLM's offline throughput benchmark ({@code benchmark_throughput.py --output-json}, {@code vllm bench
 * throughput}): {@code elapsed_time} (s), {@code num_requests}, {@code total_num_tokens},
 * {@code requests_per_second} and {@code tokens_per_second}. It names no model and states no time: the file's
 * name and modification time stand in.
 */
public final class VllmThroughputRecogniser implements FormatRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "vllm-throughput-json";

    private static final Json.Key ELAPSED_TIME = Json.key("elapsed_time");
    private static final Json.Key REQUESTS_PER_SECOND = Json.key("requests_per_second");
    private static final Json.Key TOKENS_PER_SECOND = Json.key("tokens_per_second");
    private static final Json.Key NUM_REQUESTS = Json.key("num_requests");
    private static final Map<String, String> METRICS = Map.of(
            "elapsed_time", "s",
            "requests_per_second", "req/s",
            "tokens_per_second", "tok/s",
            "total_num_tokens", "tokens");

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
                && ELAPSED_TIME.foundIn(text)
                && REQUESTS_PER_SECOND.foundIn(text)
                && TOKENS_PER_SECOND.foundIn(text)
                && NUM_REQUESTS.foundIn(text);
    }

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
        JsonNode root = Json.read(text);
        Json.requireObject(root, "the document");
        RowBuilder row = new RowBuilder(interpreter);
        row.dimension("num_requests", Json.text(root.get("num_requests")));
        for (String metric : List.of("elapsed_time", "requests_per_second", "tokens_per_second", "total_num_tokens")) {
            row.metric(metric, Json.number(root.get(metric)), METRICS.get(metric));
        }
        if (!row.hasMetric("requests_per_second") && !row.hasMetric("tokens_per_second")) {
            throw new MalformedArtifactException("neither requests_per_second nor tokens_per_second is a number");
        }
        return List.of(row.build());
    }
}
