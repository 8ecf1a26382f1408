package io.chimera.telemetry.parse.recognise;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import io.chimera.telemetry.parse.Timestamps;
import io.chimera.telemetry.parse.Units;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Google Benchmark's {@code --benchmark_format=json} / {@code --benchmark_out}: a {@code context} and a
 * {@code benchmarks} array with one entry per run (repetitions repeat the name) and per aggregate
 * ({@code run_type} aggregate: {@code _mean}, {@code _median}, {@code _stddev}, {@code _cv}, {@code _BigO},
 * {@code _RMS}). Times are in the entry's {@code time_unit} (ns when absent, as the library's default); cv and RMS
 * entries ({@code aggregate_unit} percentage) are fractions, unit {@code ratio}, counters included. Other numbers
 * of an entry are user counters ({@code bytes_per_second} B/s, {@code items_per_second} items/s, others without
 * a unit unless their name states one). {@code context.date} is the event time.
 */
public final class GoogleBenchmarkJsonRecogniser implements FormatRecogniser {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "google-benchmark-json";
    static final String RATIO = "ratio";

    private static final Json.Key CONTEXT = Json.key("context");
    private static final Json.Key BENCHMARKS = Json.key("benchmarks");
    private static final Json.Key REAL_TIME = Json.key("real_time");
    private static final Json.Key CPU_TIME = Json.key("cpu_time");

    /** Text and settings of an entry that say which run it is. */
    private static final Set<String> DIMENSIONS = Set.of(
            "name",
            "run_name",
            "run_type",
            "aggregate_name",
            "aggregate_unit",
            "family_index",
            "per_family_instance_index",
            "repetitions",
            "repetition_index",
            "threads",
            "label",
            "big_o");

    private static final Set<String> NOT_COUNTERS =
            Set.of("time_unit", "error_occurred", "error_message", "skipped", "skip_message");
    private static final Map<String, String> COUNTER_UNITS =
            Map.of("bytes_per_second", "B/s", "items_per_second", "items/s");
    /** Before 2019 the library wrote {@code 2015/03/17-18:40:25}. */
    private static final DateTimeFormatter LEGACY_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd-HH:mm:ss");

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
                && CONTEXT.foundIn(text)
                && BENCHMARKS.foundIn(text)
                && (REAL_TIME.foundIn(text) || CPU_TIME.foundIn(text));
    }

    @Override
    public List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException {
        JsonNode root = Json.read(text);
        Json.requireObject(root, "the document");
        RowBuilder document = new RowBuilder(interpreter);
        JsonNode context = Json.object(root, "context", "");
        if (context != null) {
            for (Map.Entry<String, JsonNode> field : context.properties()) {
                if (field.getKey().equals("date")) {
                    document.time(date(Json.text(field.getValue())), "context.date");
                } else {
                    document.dimension("context." + field.getKey(), Json.text(field.getValue()));
                }
            }
        }
        JsonNode benchmarks = Json.array(root, "benchmarks", "");
        List<ParsedRow> rows = new ArrayList<>(benchmarks.size());
        for (int i = 0; i < benchmarks.size(); i++) {
            JsonNode entry = benchmarks.get(i);
            Json.requireObject(entry, "benchmarks[" + i + "]");
            rows.add(entry(entry, document.copy()));
        }
        return rows;
    }

    private static ParsedRow entry(JsonNode entry, RowBuilder row) {
        String timeUnit = Json.text(entry.get("time_unit"));
        if (timeUnit == null) {
            timeUnit = "ns";
        }
        boolean fraction = "percentage".equals(Json.text(entry.get("aggregate_unit")));
        for (Map.Entry<String, JsonNode> field : entry.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (DIMENSIONS.contains(key)) {
                row.dimension(key, Json.text(value));
                continue;
            }
            switch (key) {
                case "real_time", "cpu_time" -> row.metric(key, Json.number(value), fraction ? RATIO : timeUnit);
                case "real_coefficient", "cpu_coefficient" -> row.metric(key, Json.number(value), timeUnit);
                case "rms" -> row.metric(key, Json.number(value), RATIO);
                case "iterations" -> row.metric(key, Json.number(value), null);
                default -> {
                    if (NOT_COUNTERS.contains(key)) {
                        continue;
                    }
                    if (value.isNumber()) {
                        String unit = fraction ? RATIO : COUNTER_UNITS.get(key);
                        row.metric(key, Json.number(value), unit != null ? unit : Units.fromName(key));
                    } else {
                        row.dimension(key, Json.text(value));
                    }
                }
            }
        }
        if (entry.path("error_occurred").asBoolean(false)) {
            String message = Json.text(entry.get("error_message"));
            row.failed(message == null || message.isBlank() ? "error_occurred" : message);
        } else if (entry.path("skipped").asBoolean(false)) {
            row.dimension("skipped", "true");
            row.dimension("skip_message", Json.text(entry.get("skip_message")));
        }
        return row.build();
    }

    private static Long date(String text) {
        if (text == null) {
            return null;
        }
        Long time = Timestamps.parse(text);
        if (time != null) {
            return time;
        }
        try {
            return LocalDateTime.parse(text.trim(), LEGACY_DATE)
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
