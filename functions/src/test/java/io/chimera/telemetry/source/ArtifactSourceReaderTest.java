package io.chimera.telemetry.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.parse.ParseSettings;
import io.chimera.telemetry.records.ArtifactRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactSourceReaderTest {

    @TempDir
    java.nio.file.Path root;

    /** What the reader tells its enumerator: here, only how often it asked for work. */
    static final class Context implements SourceReaderContext {
        int splitRequests;

        @Override
        public SourceReaderMetricGroup metricGroup() {
            return UnregisteredMetricsGroup.createSourceReaderMetricGroup();
        }

        @Override
        public Configuration getConfiguration() {
            return new Configuration();
        }

        @Override
        public String getLocalHostName() {
            return "localhost";
        }

        @Override
        public int getIndexOfSubtask() {
            return 0;
        }

        @Override
        public void sendSplitRequest() {
            splitRequests++;
        }

        @Override
        public void sendSourceEventToCoordinator(SourceEvent sourceEvent) {}

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
        }

        @Override
        public int currentParallelism() {
            return 1;
        }
    }

    static final class Collected implements ReaderOutput<ArtifactRecord> {
        final List<String> records = new ArrayList<>();
        final List<ArtifactRecord> all = new ArrayList<>();

        @Override
        public void collect(ArtifactRecord record) {
            all.add(record);
            records.add("file " + record.file.sourcePath);
            record.events.forEach(
                    event -> records.add("event " + event.sourcePath + " " + event.metric + "=" + event.value));
        }

        @Override
        public void collect(ArtifactRecord record, long timestamp) {
            collect(record);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        @Override
        public SourceOutput<ArtifactRecord> createOutputForSplit(String splitId) {
            return this;
        }

        @Override
        public void releaseOutputForSplit(String splitId) {}
    }

    private DiscoveredFile land(String relative, String content) throws IOException {
        java.nio.file.Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return DiscoveredFile.of(
                file.toUri(), Files.size(file), Files.getLastModifiedTime(file).toMillis());
    }

    private ArtifactSourceReader reader(Context context) {
        return new ArtifactSourceReader(
                context,
                new ArtifactFileReader(List.of(new Path(root.toUri())), new ArtifactParser(ParseSettings.defaults())));
    }

    private List<FileBatchSplit> twoBatches() throws IOException {
        return List.of(
                new FileBatchSplit("0", List.of(land("s/a.csv", "m,x\nq,1\n"), land("s/b.csv", "m,x\nq,2\nr,3\n"))),
                new FileBatchSplit("1", List.of(land("s/c.csv", "m,x\nq,4\n"), land("s/bad.json", "{nope"))));
    }

    static void drain(ArtifactSourceReader reader, Collected out) {
        while (reader.pollNext(out) == InputStatus.MORE_AVAILABLE) {
            // one file per poll
        }
    }

    @Test
    void readsEveryFileOfItsBatchesEachLandedRecordFirst() throws IOException {
        Context context = new Context();
        ArtifactSourceReader reader = reader(context);
        reader.start();
        assertEquals(1, context.splitRequests, "asks for work at once");
        reader.addSplits(twoBatches());

        Collected out = new Collected();
        drain(reader, out);

        assertEquals(
                List.of(
                        "file s/a.csv",
                        "event s/a.csv x=1.0",
                        "file s/b.csv",
                        "event s/b.csv x=2.0",
                        "event s/b.csv x=3.0",
                        "file s/c.csv",
                        "event s/c.csv x=4.0",
                        "file s/bad.json"),
                out.records);
        assertEquals(2, context.splitRequests, "asked for the next batch while reading the last file");
        assertEquals(InputStatus.NOTHING_AVAILABLE, reader.pollNext(out));
        assertFalse(reader.isAvailable().isDone(), "waits for work");

        reader.notifyNoMoreSplits();
        assertTrue(reader.isAvailable().isDone());
        assertEquals(InputStatus.END_OF_INPUT, reader.pollNext(out));
    }

    @Test
    void checkpointHoldsOnlyTheFilesNotYetReadSoARestoredReaderNeitherRepeatsNorSkips() throws IOException {
        List<FileBatchSplit> batches = twoBatches();
        Collected all = new Collected();
        ArtifactSourceReader whole = reader(new Context());
        whole.addSplits(batches);
        drain(whole, all);

        for (int polls = 0; polls <= 4; polls++) {
            Collected out = new Collected();
            ArtifactSourceReader first = reader(new Context());
            first.addSplits(batches);
            for (int i = 0; i < polls; i++) {
                first.pollNext(out);
            }
            List<FileBatchSplit> checkpoint = first.snapshotState(1);
            assertEquals(
                    4 - polls,
                    checkpoint.stream().mapToInt(s -> s.files().size()).sum(),
                    "files left after " + polls + " polls");

            ArtifactSourceReader restored = reader(new Context());
            restored.addSplits(checkpoint);
            restored.notifyNoMoreSplits();
            drain(restored, out);

            assertEquals(all.records, out.records, "after " + polls + " polls");
        }
    }
}
