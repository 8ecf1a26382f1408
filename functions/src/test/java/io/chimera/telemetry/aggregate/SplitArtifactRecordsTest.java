package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.ArtifactRecord;
import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.records.MetricEvent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SplitArtifactRecordsTest {

    private OneInputStreamOperatorTestHarness<ArtifactRecord, MetricEvent> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = ProcessFunctionTestHarnesses.forProcessFunction(new SplitArtifactRecords());
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    private static MetricEvent event(String path, String metric, double value) {
        return new MetricEvent("bench", path, "csv", Map.of("model", "llama3"), metric, value, "ms", 2_000L,
                "file-modified", false, null);
    }

    private static FileLanded landed(String path, String reason) {
        FileLanded file = new FileLanded();
        file.suite = "bench";
        file.sourcePath = path;
        file.format = "csv";
        file.bytes = 123;
        file.modifiedTime = 1_500L;
        file.status = reason == null ? "parsed" : "dead_letter";
        file.reason = reason;
        file.eventTime = 2_000L;
        return file;
    }

    private void send(ArtifactRecord record) throws Exception {
        harness.processElement(record, record.eventTime());
    }

    private <T> List<T> side(OutputTag<T> tag) {
        Collection<StreamRecord<T>> records = harness.getSideOutput(tag);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void eventsGoToTheMainOutputOnly() throws Exception {
        MetricEvent first = event("bench/a.csv", "latency_ms", 12.5);
        MetricEvent second = event("bench/a.csv", "ttft_ms", 3.0);

        send(ArtifactRecord.of(first));
        send(ArtifactRecord.of(second));

        assertEquals(List.of(first, second), harness.extractOutputValues());
        assertTrue(side(SplitArtifactRecords.FILES).isEmpty());
        assertTrue(side(SplitArtifactRecords.DEAD_LETTERS).isEmpty());
    }

    @Test
    void everyLandedFileGoesToTheFilesSideOutput() throws Exception {
        MetricEvent event = event("bench/a.csv", "latency_ms", 12.5);

        send(ArtifactRecord.of(landed("bench/a.csv", null)));
        send(ArtifactRecord.of(event));
        send(ArtifactRecord.of(landed("bench/b.csv", "line 2: unterminated quoted field")));

        assertEquals(List.of(event), harness.extractOutputValues());
        List<FileLanded> files = side(SplitArtifactRecords.FILES);
        assertEquals(List.of("bench/a.csv parsed null", "bench/b.csv dead_letter line 2: unterminated quoted field"),
                files.stream().map(f -> f.sourcePath + " " + f.status + " " + f.reason).toList());
        assertEquals(123L, files.get(1).bytes);
        assertEquals(1_500L, files.get(1).modifiedTime);
    }

    @Test
    void deadLetterFilesAlsoGoToTheDeadLettersSideOutput() throws Exception {
        send(ArtifactRecord.of(landed("bench/a.csv", null)));
        send(ArtifactRecord.of(landed("bench/b.csv", "line 2: unterminated quoted field")));

        assertEquals(
                List.of(new DeadLetter("bench", "bench/b.csv", "csv", "line 2: unterminated quoted field", 123, 1_500L)),
                side(SplitArtifactRecords.DEAD_LETTERS));
        assertEquals(2, side(SplitArtifactRecords.FILES).size());
        assertTrue(harness.extractOutputValues().isEmpty());
    }

    @Test
    void sideOutputsKeepTheRecordTimestamps() throws Exception {
        send(ArtifactRecord.of(landed("bench/b.csv", "broken")));

        assertEquals(2_000L, harness.getSideOutput(SplitArtifactRecords.FILES).peek().getTimestamp());
        assertEquals(2_000L, harness.getSideOutput(SplitArtifactRecords.DEAD_LETTERS).peek().getTimestamp());
    }
}
