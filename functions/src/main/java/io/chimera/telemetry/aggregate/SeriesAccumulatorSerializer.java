package io.chimera.telemetry.aggregate;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Window state of a series: the exact sums as their parts, the exact values while there are few, else the sketch
 * in DDSketch's own binary encoding. No Kryo.
 *
 * <p>State written before the sums were exact (snapshot version 3: a rounded sum, Welford's mean and squared
 * deviations) is read by {@link #LEGACY} and migrated on restore: its sum becomes exact as it was rounded, its
 * squares are rebuilt from the mean and deviations.
 */
public final class SeriesAccumulatorSerializer extends TypeSerializerSingleton<SeriesAccumulator> {

    private static final long serialVersionUID = 2L;

    public static final SeriesAccumulatorSerializer INSTANCE = new SeriesAccumulatorSerializer(false);
    /** Reads the format of snapshot version 3; writes the current one. */
    static final SeriesAccumulatorSerializer LEGACY = new SeriesAccumulatorSerializer(true);

    private final boolean legacy;

    private SeriesAccumulatorSerializer(boolean legacy) {
        this.legacy = legacy;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public SeriesAccumulator createInstance() {
        return new SeriesAccumulator();
    }

    @Override
    public SeriesAccumulator copy(SeriesAccumulator from) {
        SeriesAccumulator copy = new SeriesAccumulator();
        copy.count = from.count;
        copy.failed = from.failed;
        copy.sum = from.sum.copy();
        copy.squares = from.squares.copy();
        copy.min = from.min;
        copy.max = from.max;
        copy.firstEventTime = from.firstEventTime;
        copy.lastEventTime = from.lastEventTime;
        copy.exact = from.exact == null ? null : from.exact.clone();
        copy.exactSize = from.exactSize;
        copy.sketch = from.sketch == null ? null : from.sketch.copy();
        copy.series = from.series;
        return copy;
    }

    @Override
    public SeriesAccumulator copy(SeriesAccumulator from, SeriesAccumulator reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SeriesAccumulator record, DataOutputView target) throws IOException {
        StringValue.writeString(record.series, target);
        target.writeLong(record.count);
        target.writeLong(record.failed);
        record.sum.writeTo(target);
        record.squares.writeTo(target);
        target.writeDouble(record.min);
        target.writeDouble(record.max);
        target.writeLong(record.firstEventTime);
        target.writeLong(record.lastEventTime);
        if (record.exact == null) {
            target.writeInt(-1);
        } else {
            target.writeInt(record.exactSize);
            for (int i = 0; i < record.exactSize; i++) {
                target.writeDouble(record.exact[i]);
            }
        }
        if (record.sketch == null) {
            target.writeInt(-1);
            return;
        }
        // DDSketch's own encoding: the one DDSketch.decode reads (serialize() writes protobuf, which it does not).
        GrowingByteArrayOutput encoded = GrowingByteArrayOutput.withDefaultInitialCapacity();
        record.sketch.encode(encoded, false);
        byte[] bytes = encoded.trimmedCopy();
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public SeriesAccumulator deserialize(DataInputView source) throws IOException {
        SeriesAccumulator record = new SeriesAccumulator();
        record.series = StringValue.readString(source);
        record.count = source.readLong();
        record.failed = source.readLong();
        if (legacy) {
            double sum = source.readDouble();
            double mean = source.readDouble();
            double m2 = source.readDouble();
            record.sum = ExactSum.of(sum);
            // Σx² = Σ(x − mean)² + n·mean²
            record.squares = ExactSum.of(m2);
            record.squares.addProduct(mean * mean, record.count);
            record.squares.addProduct(Math.fma(mean, mean, -mean * mean), record.count);
        } else {
            record.sum = ExactSum.readFrom(source);
            record.squares = ExactSum.readFrom(source);
        }
        record.min = source.readDouble();
        record.max = source.readDouble();
        record.firstEventTime = source.readLong();
        record.lastEventTime = source.readLong();
        int exactSize = source.readInt();
        if (exactSize < 0) {
            record.exact = null;
            record.exactSize = 0;
        } else {
            record.exact = new double[Math.max(8, exactSize)];
            for (int i = 0; i < exactSize; i++) {
                record.exact[i] = source.readDouble();
            }
            record.exactSize = exactSize;
        }
        int sketchBytes = source.readInt();
        if (sketchBytes < 0) {
            record.sketch = null;
            return record;
        }
        byte[] bytes = new byte[sketchBytes];
        source.readFully(bytes);
        DDSketch sketch = SeriesAccumulator.newSketch();
        if (bytes.length > 0) {
            sketch.mergeWith(DDSketch.decode(
                    ByteArrayInput.wrap(bytes), () -> new CollapsingLowestDenseStore(SeriesAccumulator.SKETCH_BINS)));
        }
        record.sketch = sketch;
        return record;
    }

    @Override
    public SeriesAccumulator deserialize(SeriesAccumulator reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<SeriesAccumulator> snapshotConfiguration() {
        return new Snapshot();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeriesAccumulatorSerializer that && that.legacy == legacy;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(legacy);
    }

    /**
     * Restores the serializer from a savepoint. Version 3 was written by Flink's {@code SimpleTypeSerializerSnapshot}
     * (an empty body) for the format before exact sums; version 4 is the current format.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<SeriesAccumulator> {

        static final int EXACT_SUMS = 4;
        static final int ROUNDED_MOMENTS = 3;

        private int version = EXACT_SUMS;

        public Snapshot() {}

        @Override
        public int getCurrentVersion() {
            return EXACT_SUMS;
        }

        @Override
        public void writeSnapshot(DataOutputView out) {}

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
                throws IOException {
            if (readVersion == 2) {
                in.readUTF(); // the serializer's class name, as SimpleTypeSerializerSnapshot wrote it
            } else if (readVersion != ROUNDED_MOMENTS && readVersion != EXACT_SUMS) {
                throw new IOException("series accumulator state of snapshot version " + readVersion
                        + ", which this build cannot read (it reads 2 to " + EXACT_SUMS + ")");
            }
            version = readVersion;
        }

        @Override
        public TypeSerializer<SeriesAccumulator> restoreSerializer() {
            return version < EXACT_SUMS ? LEGACY : INSTANCE;
        }

        @Override
        public TypeSerializerSchemaCompatibility<SeriesAccumulator> resolveSchemaCompatibility(
                TypeSerializerSnapshot<SeriesAccumulator> oldSnapshot) {
            if (!(oldSnapshot instanceof Snapshot old)) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            return old.version < EXACT_SUMS
                    ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                    : TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
    }
}
