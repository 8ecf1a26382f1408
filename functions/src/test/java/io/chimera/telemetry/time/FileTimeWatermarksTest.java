package io.chimera.telemetry.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.ArtifactRecord;
import io.chimera.telemetry.records.FileLanded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class FileTimeWatermarksTest {

    private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(10);
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(30);
    private static final long INTERVAL = 200;
    private static final long LANDED = 1_796_000_000_000L;

    @Test
    void aReaderThatHasReadNoFileIsIdleEvenAfterFlinkDeserializedTheOperator() throws Exception {
        // Flink runs a deserialized copy, whose transient fields start at zero, not at their initializers.
        try (var harness = harness(InstantiationUtil.clone(operator(true)))) {
            harness.open();
            harness.setProcessingTime(INTERVAL);

            assertEquals(List.of(WatermarkStatus.IDLE), statuses(harness));
            assertEquals(List.of(), watermarks(harness));
        }
    }

    @Test
    void eachFileIsStampedWithItsLandingTimeAndTheWatermarkTrailsTheNewest() throws Exception {
        try (var harness = harness(operator(true))) {
            harness.open();
            harness.processElement(new StreamRecord<>(file("a.csv", LANDED)));
            harness.processElement(new StreamRecord<>(file("b.csv", LANDED - 5_000)));
            harness.setProcessingTime(INTERVAL);

            assertEquals(List.of(LANDED, LANDED - 5_000), stamps(harness));
            assertEquals(List.of(LANDED - OUT_OF_ORDERNESS.toMillis() - 1), watermarks(harness));
        }
    }

    @Test
    void aRestoredReaderGoesOnFromTheOldestNewestTimeOfAllReadersAtOnce() throws Exception {
        OperatorSubtaskState first = snapshotAfter(0, LANDED);
        OperatorSubtaskState second = snapshotAfter(1, LANDED - 60_000);
        OperatorSubtaskState both = AbstractStreamOperatorTestHarness.repackageState(first, second);

        try (var harness = harness(InstantiationUtil.clone(operator(true)))) {
            harness.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(both, 128, 2, 1, 0));
            harness.open();

            assertEquals(List.of(LANDED - 60_000 - OUT_OF_ORDERNESS.toMillis() - 1), watermarks(harness));
        }
    }

    @Test
    void eachReaderKeepsItsOwnTimeSoReadersCanStopWithASavepointOneByOne() throws Exception {
        // A union list state in the source's task fails stop-with-savepoint when one reader stops before another.
        OperatorSubtaskState state = snapshotAfter(0, LANDED);

        List<OperatorStateHandle.Mode> modes = state.getManagedOperatorState().stream()
                .flatMap(handle -> handle.getStateNameToPartitionOffsets().values().stream())
                .map(OperatorStateHandle.StateMetaInfo::getDistributionMode)
                .toList();
        assertEquals(List.of(OperatorStateHandle.Mode.SPLIT_DISTRIBUTE), modes);
        try (var harness = harness(InstantiationUtil.clone(operator(true)))) {
            harness.initializeState(state);
            harness.open();

            assertEquals(List.of(LANDED - OUT_OF_ORDERNESS.toMillis() - 1), watermarks(harness), "its own time back");
        }
    }

    @Test
    void aRestoredReaderOnAQuietFarmFlushesItsLastWindowsWithTheWallClock() throws Exception {
        OperatorSubtaskState state = snapshotAfter(0, LANDED);
        try (var harness = harness(operator(true))) {
            harness.setProcessingTime(1_000);
            harness.initializeState(state);
            harness.open();
            harness.getOutput().clear();

            runUntil(harness, 1_000 + FLUSH_TIMEOUT.toMillis() + INTERVAL);

            List<Long> marks = watermarks(harness);
            assertTrue(
                    !marks.isEmpty() && marks.get(marks.size() - 1) > LANDED, "flushed past the newest file: " + marks);
        }
    }

    @Test
    void filesThatLandWhileTheTaskIsBlockedAreNotPassedByTheFlush() throws Exception {
        try (var harness = harness(operator(true))) {
            harness.open();
            harness.processElement(new StreamRecord<>(file("before.csv", LANDED)));
            runUntil(harness, 10_000);

            // Blocked for a minute (a sink's flush waiting for an absent broker): the timer fires that much late.
            harness.setProcessingTime(70_000);
            harness.processElement(new StreamRecord<>(file("landed-while-blocked.csv", LANDED + 20_000)));
            runUntil(harness, 70_000 + INTERVAL);

            long newest = watermarks(harness).stream()
                    .mapToLong(Long::longValue)
                    .max()
                    .orElseThrow();
            assertEquals(
                    LANDED + 20_000 - OUT_OF_ORDERNESS.toMillis() - 1,
                    newest,
                    "the file that landed while blocked is on time, not behind a flushed watermark");
        }
    }

    @Test
    void aBoundedRunEmitsOnlyTheFinalWatermark() throws Exception {
        try (var harness = harness(operator(false))) {
            harness.open();
            harness.processElement(new StreamRecord<>(file("a.csv", LANDED)));
            harness.setProcessingTime(FLUSH_TIMEOUT.toMillis() * 2);
            harness.processWatermark(new Watermark(Long.MAX_VALUE));

            assertEquals(List.of(Long.MAX_VALUE), watermarks(harness));
        }
    }

    /** A running task: its timers fire on time, one interval after another. */
    private static void runUntil(OneInputStreamOperatorTestHarness<ArtifactRecord, ArtifactRecord> harness, long time)
            throws Exception {
        for (long now = harness.getProcessingTime() + INTERVAL; now <= time; now += INTERVAL) {
            harness.setProcessingTime(now);
        }
    }

    private static OperatorSubtaskState snapshotAfter(int subtask, long landed) throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(operator(true), 128, 2, subtask)) {
            harness.getExecutionConfig().setAutoWatermarkInterval(INTERVAL);
            harness.open();
            harness.processElement(new StreamRecord<>(file("f" + subtask + ".csv", landed)));
            return harness.snapshot(1, 1);
        }
    }

    private static FileTimeWatermarks operator(boolean progressive) {
        return new FileTimeWatermarks(TimeBasis.LANDED, OUT_OF_ORDERNESS, FLUSH_TIMEOUT, progressive);
    }

    private static OneInputStreamOperatorTestHarness<ArtifactRecord, ArtifactRecord> harness(
            FileTimeWatermarks operator) throws Exception {
        var harness = new OneInputStreamOperatorTestHarness<ArtifactRecord, ArtifactRecord>(operator);
        harness.getExecutionConfig().setAutoWatermarkInterval(INTERVAL);
        return harness;
    }

    private static ArtifactRecord file(String path, long landed) {
        FileLanded file = new FileLanded();
        file.sourcePath = path;
        file.modifiedTime = landed;
        return ArtifactRecord.of(file, List.of());
    }

    private static List<Long> stamps(OneInputStreamOperatorTestHarness<ArtifactRecord, ArtifactRecord> harness) {
        List<Long> stamps = new ArrayList<>();
        for (Object element : harness.getOutput()) {
            if (element instanceof StreamRecord<?> record) {
                stamps.add(record.getTimestamp());
            }
        }
        return stamps;
    }

    private static List<Long> watermarks(OneInputStreamOperatorTestHarness<ArtifactRecord, ArtifactRecord> harness) {
        List<Long> marks = new ArrayList<>();
        for (Object element : harness.getOutput()) {
            if (element instanceof Watermark mark) {
                marks.add(mark.getTimestamp());
            }
        }
        return marks;
    }

    private static List<WatermarkStatus> statuses(
            OneInputStreamOperatorTestHarness<ArtifactRecord, ArtifactRecord> harness) {
        List<WatermarkStatus> statuses = new ArrayList<>();
        for (Object element : harness.getOutput()) {
            if (element instanceof WatermarkStatus status) {
                statuses.add(status);
            }
        }
        return statuses;
    }
}
