package io.chimera.telemetry.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.parse.Timestamps;
import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.MetricEvent;
import io.chimera.telemetry.records.Report;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/** The JSON-lines shape of records, one object a line; docs/PARSING.md describes the fields. */
public final class JsonEncoding {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonEncoding() {}

    public static String fileOutcome(String path, FileOutcome outcome) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("path", path);
        node.put("format", outcome.label());
        node.put("status", outcome.status());
        node.put("events", outcome.events().size());
        node.put("failedRows", outcome.failedRows());
        if (!outcome.isParsed()) {
            node.put("reason", outcome.deadLetterReason());
        } else if (outcome.isIgnored()) {
            node.put("reason", outcome.ignoredReason());
        }
        node.put("suite", outcome.file().suite());
        node.put("rows", outcome.rows());
        node.put("bytes", outcome.file().bytes());
        return write(node);
    }

    public static String metricEvent(MetricEvent event) {
        return metricEvent(event, null, null);
    }

    /**
     * An event with the series it belongs to (its naming dimensions and its file as every run names it) and the
     * run its path names: what {@code bin/chimera parse --events} shows.
     */
    public static String metricEvent(MetricEvent event, Map<String, String> series, String run) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("suite", event.suite);
        node.put("sourcePath", event.sourcePath);
        node.put("format", event.format);
        node.put("metric", event.metric);
        if (Double.isFinite(event.value)) {
            node.put("value", event.value);
        } else {
            node.putNull("value");
        }
        if (event.unit != null) {
            node.put("unit", event.unit);
        }
        ObjectNode dimensions = node.putObject("dimensions");
        for (Map.Entry<String, String> dimension : new TreeMap<>(event.dimensions).entrySet()) {
            dimensions.put(dimension.getKey(), dimension.getValue());
        }
        if (series != null) {
            ObjectNode named = node.putObject("series");
            new TreeMap<>(series).forEach(named::put);
        }
        if (run != null) {
            node.put("run", run);
        }
        node.put("eventTime", Timestamps.iso(event.eventTime));
        node.put("eventTimeSource", event.eventTimeSource);
        node.put("failed", event.failed);
        if (event.error != null) {
            node.put("error", event.error);
        }
        return write(node);
    }

    public static String deadLetter(DeadLetter deadLetter) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("suite", deadLetter.suite);
        node.put("sourcePath", deadLetter.sourcePath);
        node.put("format", deadLetter.format);
        node.put("reason", deadLetter.reason);
        node.put("bytes", deadLetter.bytes);
        node.put("modifiedTime", Timestamps.iso(deadLetter.modifiedTime));
        return write(node);
    }

    /** Any record of the job (statistics, summaries) by its public fields. */
    public static String record(Object record) {
        try {
            return MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The schema version of the JSON values on Kafka; docs/events.md and docs/schemas describe version 3 (report
     * events name how many statistics their window has instead of carrying them).
     */
    public static final int SCHEMA_VERSION = 4;

    /** A record as a Kafka value: its public fields, with {@code schemaVersion} first. */
    public static byte[] versioned(Object record) {
        return bytes(versionedNode(record));
    }

    /**
     * A report as a Kafka value. Its statistics are records of their own on the statistics topic (same suite,
     * window and revision), so the event carries only {@code statisticsCount}: a window of thousands of series
     * would otherwise exceed the record limit of Kafka's producers and brokers (1 MiB by default) and fail the
     * sink. Should the event still exceed {@code maxBytes}, the longest of its changes, alerts and findings (most
     * significant first) is halved until it fits, and {@code changesOmitted} / {@code alertsOmitted} /
     * {@code findingsOmitted} count what was cut.
     */
    public static byte[] reportEvent(Report report, int maxBytes) {
        ObjectNode node = versionedNode(report);
        node.remove("statistics");
        node.put("statisticsCount", report.statistics.size());
        byte[] bytes = bytes(node);
        while (bytes.length > maxBytes) {
            String longer = java.util.stream.Stream.of("changes", "alerts", "findings")
                    .max(java.util.Comparator.comparingInt(array -> size(node, array)))
                    .orElseThrow();
            if (size(node, longer) == 0) {
                break;
            }
            ArrayNode cut = (ArrayNode) node.get(longer);
            int keep = cut.size() / 2;
            int omitted = cut.size() - keep;
            while (cut.size() > keep) {
                cut.remove(cut.size() - 1);
            }
            node.put(longer + "Omitted", node.path(longer + "Omitted").asInt(0) + omitted);
            bytes = bytes(node);
        }
        return bytes;
    }

    private static int size(ObjectNode node, String array) {
        return node.get(array) instanceof ArrayNode elements ? elements.size() : 0;
    }

    private static ObjectNode versionedNode(Object record) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("schemaVersion", SCHEMA_VERSION);
        ObjectNode fields = record instanceof DeadLetter deadLetter
                ? (ObjectNode) readTree(deadLetter(deadLetter))
                : MAPPER.valueToTree(record);
        fields.remove("schemaVersion");
        node.setAll(fields);
        return node;
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
