package io.chimera.telemetry.source;

import io.chimera.telemetry.records.ArtifactRecord;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The type of the source's records: a file with all its metric events, handed along the source task's chain
 * (stamped with its time, then combined per series and window) without a copy at each step. Flink copies a record
 * between chained operators unless object reuse is on for the whole job; a file's record is large (every event
 * with its own dimensions), and it has one reader at a time: the source lets go of it as it emits it, the
 * event-time stage passes it on as it is, and the combining stage is its last. So its serializer's {@code copy}
 * hands the record on; serializing, for an edge that is not chained, is the POJO serializer's.
 */
public final class ArtifactRecordType extends TypeInformation<ArtifactRecord> {

    private static final long serialVersionUID = 1L;

    public static final ArtifactRecordType INSTANCE = new ArtifactRecordType();

    private final TypeInformation<ArtifactRecord> pojo = TypeInformation.of(ArtifactRecord.class);

    private ArtifactRecordType() {}

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return pojo.getArity();
    }

    @Override
    public int getTotalFields() {
        return pojo.getTotalFields();
    }

    @Override
    public Class<ArtifactRecord> getTypeClass() {
        return ArtifactRecord.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<ArtifactRecord> createSerializer(SerializerConfig config) {
        return new HandedOn(pojo.createSerializer(config));
    }

    @Override
    public String toString() {
        return "ArtifactRecord (handed on, not copied)";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof ArtifactRecordType;
    }

    @Override
    public int hashCode() {
        return ArtifactRecordType.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof ArtifactRecordType;
    }

    /** The POJO serializer, but {@code copy} returns the record itself. */
    static final class HandedOn extends TypeSerializer<ArtifactRecord> {

        private static final long serialVersionUID = 1L;

        private final TypeSerializer<ArtifactRecord> pojo;

        HandedOn(TypeSerializer<ArtifactRecord> pojo) {
            this.pojo = pojo;
        }

        @Override
        public boolean isImmutableType() {
            return false;
        }

        @Override
        public TypeSerializer<ArtifactRecord> duplicate() {
            TypeSerializer<ArtifactRecord> duplicate = pojo.duplicate();
            return duplicate == pojo ? this : new HandedOn(duplicate);
        }

        @Override
        public ArtifactRecord createInstance() {
            return pojo.createInstance();
        }

        @Override
        public ArtifactRecord copy(ArtifactRecord from) {
            return from;
        }

        @Override
        public ArtifactRecord copy(ArtifactRecord from, ArtifactRecord reuse) {
            return from;
        }

        @Override
        public int getLength() {
            return pojo.getLength();
        }

        @Override
        public void serialize(ArtifactRecord record, DataOutputView target) throws IOException {
            pojo.serialize(record, target);
        }

        @Override
        public ArtifactRecord deserialize(DataInputView source) throws IOException {
            return pojo.deserialize(source);
        }

        @Override
        public ArtifactRecord deserialize(ArtifactRecord reuse, DataInputView source) throws IOException {
            return pojo.deserialize(source);
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            pojo.copy(source, target);
        }

        @Override
        public boolean equals(Object obj) {
            return obj instanceof HandedOn other && other.pojo.equals(pojo);
        }

        @Override
        public int hashCode() {
            return pojo.hashCode();
        }

        @Override
        public TypeSerializerSnapshot<ArtifactRecord> snapshotConfiguration() {
            // Only ever on the stream's edges, never in state: the POJO serializer's snapshot stands for it.
            return pojo.snapshotConfiguration();
        }
    }
}
