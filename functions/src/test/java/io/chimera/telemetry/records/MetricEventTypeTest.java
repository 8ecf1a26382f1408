package io.chimera.telemetry.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Records cross the network between Flink operators: they must be POJOs that never fall back to Kryo. */
class MetricEventTypeTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                MetricEvent.class,
                DeadLetter.class,
                SeriesPartial.class,
                ArtifactRecord.class,
                SeriesStats.class,
                FileLanded.class,
                TooLate.class,
                TooLateTally.class,
                SummaryInput.class,
                InventoryPartial.class,
                WindowSummary.class,
                Alert.class,
                Baseline.class,
                RevisionDelta.class,
                Report.class,
                io.chimera.telemetry.aggregate.RevisionState.class
            })
    void isAFlinkPojoWithNoGenericField(Class<?> type) {
        TypeInformation<?> info = TypeInformation.of(type);

        PojoTypeInfo<?> pojo = assertInstanceOf(PojoTypeInfo.class, info, type + " is not a Flink POJO");
        for (int i = 0; i < pojo.getArity(); i++) {
            assertFalse(
                    pojo.getTypeAt(i) instanceof GenericTypeInfo,
                    type.getSimpleName() + "."
                            + pojo.getPojoFieldAt(i).getField().getName() + " would go to Kryo");
        }
    }

    @Test
    void survivesTheSerializerWithGenericTypesDisabled() throws Exception {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<MetricEvent> serializer =
                TypeInformation.of(MetricEvent.class).createSerializer(config);
        MetricEvent event = new MetricEvent(
                "gemma3",
                "gemma3/run.csv",
                "csv",
                new java.util.HashMap<>(Map.of("model", "gemma3:latest", "num_ctx", "4096")),
                "tokens_s",
                181.96533720183703,
                "tok/s",
                1_759_181_419_392L,
                "timestamp",
                true,
                "connection refused");
        event.row = 7;

        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(event, out);
        MetricEvent copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertEquals(event, copy);
    }
}
