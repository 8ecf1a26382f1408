package io.chimera.telemetry.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.chimera.telemetry.records.ArtifactRecord;
import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.records.MetricEvent;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ArtifactRecordTypeTest {

    private static ArtifactRecord record() {
        FileLanded file = new FileLanded();
        file.suite = "llm";
        file.sourcePath = "llm/run-1.csv";
        file.format = "csv";
        MetricEvent event = new MetricEvent(
                "llm",
                "llm/run-1.csv",
                "csv",
                Map.of("model", "gemma3"),
                "tokens_s",
                101.5,
                "tok/s",
                1_759_181_419_392L,
                "timestamp",
                false,
                null);
        return ArtifactRecord.of(file, List.of(event));
    }

    private final TypeSerializer<ArtifactRecord> serializer =
            ArtifactRecordType.INSTANCE.createSerializer(new SerializerConfigImpl());

    @Test
    void aChainedCopyHandsTheRecordOnInsteadOfCopyingItsEvents() {
        ArtifactRecord record = record();
        assertSame(record, serializer.copy(record));
        assertSame(record, serializer.copy(record, new ArtifactRecord()));
    }

    @Test
    void anEdgeThatIsNotChainedStillSerializesTheWholeRecord() throws Exception {
        ArtifactRecord record = record();
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.duplicate().serialize(record, out);

        ArtifactRecord back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertNotSame(record, back);
        assertEquals("llm/run-1.csv", back.file.sourcePath);
        assertEquals(1, back.events.size());
        assertEquals(101.5, back.events.get(0).value);
        assertEquals(Map.of("model", "gemma3"), back.events.get(0).dimensions);
    }
}
