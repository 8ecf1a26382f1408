package io.chimera.telemetry.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.parse.ArtifactFile;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.SeriesChange;
import io.chimera.telemetry.records.SeriesStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonEncodingTest {

    private static final ArtifactFile FILE = new ArtifactFile("bench", "bench/jmh.json", 10, 0L);

    private static JsonNode encode(FileOutcome outcome) throws Exception {
        return new ObjectMapper().readTree(JsonEncoding.fileOutcome("bench/jmh.json", outcome));
    }

    @Test
    void aRecognisedFilesFormatIsItsRecognisersName() throws Exception {
        JsonNode line = encode(FileOutcome.parsed(FILE, ArtifactFormat.JSON, "jmh-json", List.of(), 0, 0));

        assertEquals("jmh-json", line.get("format").asText());
        assertEquals("parsed", line.get("status").asText());
    }

    @Test
    void aGenericFileKeepsItsFormatsLabel() throws Exception {
        assertEquals(
                "json",
                encode(FileOutcome.parsed(FILE, ArtifactFormat.JSON, List.of(), 0, 0))
                        .get("format")
                        .asText());
        assertEquals(
                "json_lines",
                encode(FileOutcome.deadLetter(FILE, ArtifactFormat.JSON_LINES, "bad"))
                        .get("format")
                        .asText());
    }

    @Test
    void aDeadLetterOfARecogniserCarriesItsName() throws Exception {
        JsonNode line = encode(FileOutcome.deadLetter(FILE, ArtifactFormat.JSON, "jmh-json", "jmh-json: line 1: x"));

        assertEquals("jmh-json", line.get("format").asText());
        assertEquals("jmh-json: line 1: x", line.get("reason").asText());
    }

    @Test
    void aReportEventCountsItsStatisticsInsteadOfCarryingThem() throws Exception {
        Report report = report(3, 2);

        JsonNode event = new ObjectMapper().readTree(JsonEncoding.reportEvent(report, 1 << 20));

        assertEquals(JsonEncoding.SCHEMA_VERSION, event.get("schemaVersion").asInt());
        assertFalse(event.has("statistics"));
        assertEquals(3, event.get("statisticsCount").asInt());
        assertEquals(2, event.get("changes").size());
        assertFalse(event.has("changesOmitted"));
        assertEquals("suite", event.get("suite").asText());
    }

    @Test
    void aReportEventTooLargeKeepsItsMostSignificantChangesAndCountsTheRest() throws Exception {
        Report report = report(0, 5000);
        int whole = JsonEncoding.reportEvent(report, Integer.MAX_VALUE).length;
        int limit = whole / 3;

        byte[] bytes = JsonEncoding.reportEvent(report, limit);

        JsonNode event = new ObjectMapper().readTree(bytes);
        assertTrue(bytes.length <= limit, bytes.length + " > " + limit);
        int kept = event.get("changes").size();
        assertTrue(kept >= 5000 / 8, "halving cuts no more than needed: kept " + kept);
        assertEquals(5000, kept + event.get("changesOmitted").asInt());
        for (int i = 0; i < kept; i++) {
            assertEquals(
                    report.changes.get(i).metric,
                    event.get("changes").get(i).get("metric").asText(),
                    "the changes kept are the first, most significant ones");
        }
    }

    private static Report report(int statistics, int changes) {
        Report report = new Report();
        report.suite = "suite";
        report.windowStart = "2026-12-02T00:00:00Z";
        report.windowEnd = "2026-12-02T00:01:00Z";
        for (int i = 0; i < statistics; i++) {
            SeriesStats stats = new SeriesStats();
            stats.suite = "suite";
            stats.metric = "tokens_s_" + i;
            report.statistics.add(stats);
        }
        for (int i = 0; i < changes; i++) {
            SeriesChange change = new SeriesChange();
            change.metric = "latency_ms_" + i;
            change.series.put("model", "gemma3_1b-it-qat_" + i);
            change.changePercent = 100.0 - i * 0.01;
            report.changes.add(change);
        }
        return report;
    }
}
