package io.chimera.telemetry.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.render.JsonEncoding;
import io.chimera.telemetry.testing.EventSchemas;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * docs/schemas read by a standard JSON Schema validator (2020-12): the schemas resolve each other by their ids,
 * and they catch what a consumer must not be sent. Real emitted events of every type are validated against them
 * in {@code KafkaReportsTest}.
 */
class PublishedSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventSchemas SCHEMAS = new EventSchemas();

    @Test
    void aReportFileLineWithItsStatisticsAndAlertsValidatesThroughTheOtherSchemas() throws Exception {
        JsonNode line = JSON.readTree(JsonEncoding.record(report()));

        assertEquals("", SCHEMAS.problems("report", line));
        ((ObjectNode) line.get("statistics").get(0)).put("count", "many");
        assertTrue(SCHEMAS.problems("report", line).contains("count"), SCHEMAS.problems("report", line));
    }

    @Test
    void eachKafkaEventNeedsItsSchemaVersion() throws Exception {
        JsonNode stats = JSON.readTree(JsonEncoding.versioned(stats()));
        JsonNode alert = JSON.readTree(JsonEncoding.versioned(alert()));
        assertEquals("", SCHEMAS.problems("stats", stats));
        assertEquals("", SCHEMAS.problems("alert", alert));

        ((ObjectNode) stats).remove("schemaVersion");
        ((ObjectNode) alert).put("schemaVersion", 2);

        assertTrue(SCHEMAS.problems("stats", stats).contains("schemaVersion"), SCHEMAS.problems("stats", stats));
        assertTrue(SCHEMAS.problems("alert", alert).contains("schemaVersion"), SCHEMAS.problems("alert", alert));
    }

    @Test
    void aReportEventWithoutItsStatisticsCountIsRefused() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(JsonEncoding.reportEvent(report(), 1 << 20));
        assertEquals("", SCHEMAS.problems("report", event));

        event.remove("statisticsCount");

        assertTrue(SCHEMAS.problems("report", event).contains("statisticsCount"), SCHEMAS.problems("report", event));
    }

    private static Report report() {
        Report report = new Report();
        report.suite = "llm";
        report.windowStart = "2026-12-02T00:00:00Z";
        report.windowEnd = "2026-12-02T00:01:00Z";
        report.narrative = "Throughput fell.";
        report.narrator = "builtin";
        report.statistics = List.of(stats());
        report.alerts = List.of(alert());
        return report;
    }

    private static SeriesStats stats() {
        SeriesStats stats = new SeriesStats();
        stats.suite = "llm";
        stats.series = new TreeMap<>(Map.of("model", "gemma3", "file", "run"));
        stats.metric = "tokens_s";
        stats.unit = "tok/s";
        stats.windowStart = "2026-12-02T00:00:00Z";
        stats.windowEnd = "2026-12-02T00:01:00Z";
        stats.count = 5;
        stats.sum = 500;
        stats.mean = stats.min = stats.max = stats.p50 = stats.p90 = stats.p95 = stats.p99 = 100;
        stats.firstEventTime = "2026-12-02T00:00:01Z";
        stats.lastEventTime = "2026-12-02T00:00:59Z";
        return stats;
    }

    private static Alert alert() {
        Alert alert = new Alert();
        alert.suite = "llm";
        alert.series = new TreeMap<>(Map.of("model", "gemma3", "file", "run"));
        alert.metric = "tokens_s";
        alert.unit = "tok/s";
        alert.windowStart = "2026-12-02T00:00:00Z";
        alert.windowEnd = "2026-12-02T00:01:00Z";
        alert.kind = Alert.REGRESSION;
        alert.direction = "higher_is_better";
        alert.mean = 70;
        alert.baselineMean = 100;
        alert.baselineStddev = 1;
        alert.baselineWindows = 7;
        alert.changePercent = -30;
        alert.zScore = -20;
        return alert;
    }
}
