package io.chimera.telemetry.parse.recognise;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.FieldNames;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import io.chimera.telemetry.parse.Timestamps;
import io.chimera.telemetry.parse.Units;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * vLLM's serving benchmark result ({@code benchmark_serving.py --save-result}, {@code vllm bench serve}): one
 * object with the run's settings ({@code backend}, {@code model_id}, {@code request_rate},
 * {@code max_concurrency}, …), its throughputs and the mean/median/std/pNN of {@code ttft}, {@code tpot},
 * {@code itl} and {@code e2el} in ms. {@code date} ({@code 20250304-014141}, the benchmarking machine's local
 * time, taken as UTC) is the event time. Per-request arrays ({@code ttfts}, {@code itls}, {@code input_lens},
 * {@code generated_texts}) are not read; non-empty {@code errors} are counted as {@code failed_requests}.
 */
public final class VllmServingRecogniser implements FormatRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "vllm-serving-json";

    private static final Pattern TTFT = Pattern.compile("\"(mean|median|p99)_ttft_ms\"\\s*:");
    private static final Json.Key MODEL_ID = Json.key("model_id");
    private static final Json.Key REQUEST_THROUGHPUT = Json.key("request_throughput");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** The run's settings and names: dimensions even when numbers. */
    private static final Set<String> SETTINGS = Set.of(
            "backend",
            "model_id",
            "tokenizer_id",
            "best_of",
            "num_prompts",
            "request_rate",
            "burstiness",
            "max_concurrency",
            "endpoint_type",
            "label");

    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("duration", "s"),
            Map.entry("completed", "requests"),
            Map.entry("failed", "requests"),
            Map.entry("total_input_tokens", "tokens"),
            Map.entry("total_output_tokens", "tokens"),
            Map.entry("request_throughput", "req/s"),
            Map.entry("request_goodput", "req/s"),
            Map.entry("output_throughput", "tok/s"),
            Map.entry("total_token_throughput", "tok/s"),
            Map.entry("max_output_tokens_per_s", "tok/s"),
            Map.entry("max_concurrent_requests", "requests"));

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
                && text.contains("_ttft_ms\"")
                && TTFT.matcher(text).find()
                && (MODEL_ID.foundIn(text) || REQUEST_THROUGHPUT.foundIn(text));
    }

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
        JsonNode root = Json.read(text);
        Json.requireObject(root, "the document");
        RowBuilder row = new RowBuilder(interpreter);
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String key = field.getKey().endsWith(":") // vLLM once wrote "request_goodput:"
                    ? field.getKey().substring(0, field.getKey().length() - 1)
                    : field.getKey();
            JsonNode value = field.getValue();
            if (key.equals("date")) {
                row.time(date(Json.text(value)), "date");
            } else if (key.equals("errors") && value.isArray()) {
                int failed = 0;
                for (JsonNode error : value) {
                    if (error.isTextual() && !error.asText().isBlank()) {
                        failed++;
                    }
                }
                row.metric("failed_requests", (double) failed, "requests");
            } else if (value.isContainerNode()) {
                continue; // per-request arrays, metadata objects
            } else if (SETTINGS.contains(key) || FieldNames.isParameter(key) || !value.isNumber()) {
                row.dimension(key, Json.text(value));
            } else {
                String unit = UNITS.get(key);
                row.metric(key, Json.number(value), unit != null ? unit : Units.fromName(key));
            }
        }
        if (!row.hasMeasurements()) {
            throw new MalformedArtifactException("no numbers among the results");
        }
        return List.of(row.build());
    }

    private static Long date(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.trim(), DATE)
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            return Timestamps.parse(text);
        }
    }
}
