package io.chimera.telemetry.parse.recognise;

import static io.chimera.telemetry.parse.recognise.RecognisedFiles.assertDeadLetterOf;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.event;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.parsedBy;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.sampleOutcome;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.sampleText;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.chimera.telemetry.aggregate.SeriesIdentity;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.records.MetricEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlamaBenchCsvRecogniserTest {

    private static final String NAME = "llama-bench-csv";

    @Test
    void eachRecordGivesTokensPerSecondForItsTest() {
        FileOutcome outcome = parsedBy(sampleOutcome("llama-bench.csv"), NAME);

        assertEquals(2, outcome.rows());
        MetricEvent tg = event(outcome, "avg_ts", Map.of("test", "tg128"));
        assertEquals(191.326, tg.value);
        assertEquals("tok/s", tg.unit);
        assertEquals(669012345.0, event(outcome, "avg_ns", Map.of("test", "tg128")).value);
        assertEquals(82.641, event(outcome, "stddev_ts", Map.of("test", "pp512")).value);
        assertEquals(Instant.parse("2025-01-20T14:03:14Z").toEpochMilli(), tg.eventTime);
    }

    @Test
    void theCsvNamesTheSameSeriesAsTheJsonWhoseBooleansReadAsOneAndZero() {
        MetricEvent csv = event(sampleOutcome("llama-bench.csv"), "avg_ts", Map.of("test", "pp512"));
        MetricEvent json = event(sampleOutcome("llama-bench.json"), "avg_ts", Map.of("test", "pp512"));

        Map<String, String> csvSeries = SeriesIdentity.rowDimensions(csv);
        assertEquals("llama 3B Q4_K - Medium", csvSeries.get("model"));
        assertEquals("0", csvSeries.get("flash_attn"));
        Map<String, String> jsonSeries = SeriesIdentity.rowDimensions(json);
        assertEquals(jsonSeries, csvSeries);
    }

    @Test
    void aRecordMissingFieldsIsADeadLetterNamingTheRecogniser() {
        String text = sampleText("llama-bench.csv").replace(",\"191.326000\",\"0.537000\"", "");

        assertDeadLetterOf(text("bench.csv", text), NAME, NAME + ": line 3: 31 fields where the header has 33");
    }

    @Test
    void otherCsvWithAnAvgTsColumnIsNotClaimed() {
        assertFalse(new LlamaBenchCsvRecogniser().recognises("x.csv", "model,avg_ts\nllama,12\n"));
        assertFalse(new LlamaBenchCsvRecogniser().recognises("x.csv", "model,n_prompt,n_gen,avg_ts_total\n"));
    }
}
