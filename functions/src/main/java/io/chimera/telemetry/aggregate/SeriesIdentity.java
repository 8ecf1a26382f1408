package io.chimera.telemetry.aggregate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.chimera.telemetry.parse.FieldNames;
import io.chimera.telemetry.records.MetricEvent;
import io.chimera.telemetry.records.SeriesKey;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.codec.digest.MurmurHash3;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * Which series an event belongs to. Names of models, benchmarks, backends and configurations, and the settings
 * under test, name it; free text (prompts, responses, errors) and row indexes do not, so the five prompts of one
 * baseline run aggregate together. So does the file, as every run of the benchmark names it ({@link SeriesPath}):
 * {@code run_041.csv} and {@code run_042.csv} are two runs of one series, {@code baseline.csv} and
 * {@code param_tuning.csv} two series even where their rows name the same model. Settings and a model that the
 * path names count where the rows do not name them.
 */
public final class SeriesIdentity {

    /** Dimension of every series: its file, without what changes from run to run ({@link SeriesPath#file}). */
    public static final String FILE = "file";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SeriesIdentity() {}

    /** Whether a dimension names its series: {@link FieldNames#namesSeries}, by its last dotted part. */
    public static boolean namesSeries(String dimension) {
        int dot = dimension.lastIndexOf('.');
        return FieldNames.namesSeries(dot < 0 ? dimension : dimension.substring(dot + 1));
    }

    /** The series of an event; where many events share a file, {@link #of(MetricEvent, SeriesPath)} is cheaper. */
    public static SeriesKey of(MetricEvent event) {
        return of(event, SeriesPath.of(event.sourcePath));
    }

    /** @param path what the event's file path says ({@code SeriesPath.of(event.sourcePath)}) */
    public static SeriesKey of(MetricEvent event, SeriesPath path) {
        TreeMap<String, String> series = new TreeMap<>(path.dimensions());
        series.putAll(rowDimensions(event));
        series.put(FILE, path.file());
        return new SeriesKey(event.suite, series, event.metric, event.unit);
    }

    /** The dimensions of an event's row that name its series. */
    public static TreeMap<String, String> rowDimensions(MetricEvent event) {
        TreeMap<String, String> series = new TreeMap<>();
        for (Map.Entry<String, String> dimension : event.dimensions.entrySet()) {
            if (namesSeries(dimension.getKey())) {
                series.put(dimension.getKey(), dimension.getValue());
            }
        }
        return series;
    }

    /** A canonical string for keyBy: equal series give equal bytes, which state backends such as RocksDB need. */
    public static String keyString(MetricEvent event) {
        return encode(of(event));
    }

    public static String keyString(MetricEvent event, SeriesPath path) {
        return encode(of(event, path));
    }

    /**
     * The series window's key part for a series: a 128-bit hash of its {@link #keyString}. Fixed-length keys are
     * what BATCH mode sorts fast (a long JSON key compared byte by byte was the top frame of the profile), and at
     * 128 bits two series of one farm never share a key in practice (about 1e-26 for a million series). The
     * series' name travels in its window accumulator.
     */
    public static Tuple2<Long, Long> hash(String keyString) {
        long[] hash = MurmurHash3.hash128x64(keyString.getBytes(StandardCharsets.UTF_8));
        return Tuple2.of(hash[0], hash[1]);
    }

    /** {@code ["suite","metric","unit","name","value",…]}, the series' dimensions by name. */
    public static String encode(SeriesKey key) {
        StringBuilder json = new StringBuilder(128).append('[');
        quote(key.suite, json).append(',');
        quote(key.metric, json).append(',');
        quote(key.unit, json);
        Map<String, String> series = key.series instanceof TreeMap ? key.series : new TreeMap<>(key.series);
        for (Map.Entry<String, String> entry : series.entrySet()) {
            quote(entry.getKey(), json.append(','));
            quote(entry.getValue(), json.append(','));
        }
        return json.append(']').toString();
    }

    /**
     * The series' dimensions as {@link #encode} writes them after suite, metric and unit: what the events of one
     * row share, so a file's rows are encoded once, not once per value.
     */
    static String dimensionsPart(Map<String, String> rowDimensions, SeriesPath path) {
        TreeMap<String, String> series = new TreeMap<>(path.dimensions());
        for (Map.Entry<String, String> dimension : rowDimensions.entrySet()) {
            if (namesSeries(dimension.getKey())) {
                series.put(dimension.getKey(), dimension.getValue());
            }
        }
        series.put(FILE, path.file());
        StringBuilder json = new StringBuilder(96);
        for (Map.Entry<String, String> entry : series.entrySet()) {
            quote(entry.getKey(), json.append(','));
            quote(entry.getValue(), json.append(','));
        }
        return json.toString();
    }

    /** {@link #encode} of the series whose dimensions {@link #dimensionsPart} wrote. */
    static String keyString(String suite, String metric, String unit, String dimensionsPart) {
        StringBuilder json = new StringBuilder(32 + dimensionsPart.length()).append('[');
        quote(suite, json).append(',');
        quote(metric, json).append(',');
        quote(unit == null ? "" : unit, json);
        return json.append(dimensionsPart).append(']').toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** A JSON string as Jackson writes it by default: quote, backslash and control characters escaped, no others. */
    private static StringBuilder quote(String text, StringBuilder json) {
        if (text == null) {
            return json.append("null");
        }
        json.append('"');
        int plain = 0;
        while (plain < text.length() && !needsEscape(text.charAt(plain))) {
            plain++;
        }
        if (plain == text.length()) {
            return json.append(text).append('"');
        }
        json.append(text, 0, plain);
        for (int i = plain; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20) {
                        json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == '"' || c == '\\';
    }

    public static SeriesKey decode(String encoded) {
        try {
            ArrayNode array = (ArrayNode) MAPPER.readTree(encoded);
            Iterator<com.fasterxml.jackson.databind.JsonNode> values = array.iterator();
            String suite = values.next().asText();
            String metric = values.next().asText();
            String unit = values.next().asText();
            TreeMap<String, String> series = new TreeMap<>();
            while (values.hasNext()) {
                series.put(values.next().asText(), values.next().asText());
            }
            return new SeriesKey(suite, series, metric, unit);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
