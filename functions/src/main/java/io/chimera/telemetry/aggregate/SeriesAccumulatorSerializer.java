package io.chimera.telemetry.aggregate;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Window state of a series: the moments as numbers, the exact values while there are few, else the sketch in
 * DDSketch's own binary encoding. No Kryo.
 */
public final class SeriesAccumulatorSerializer extends TypeSerializerSingleton<SeriesAccumulator> {

    private static final long serialVersionUID = 1L;

    public static final SeriesAccumulatorSerializer INSTANCE = new SeriesAccumulatorSerializer();

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
        copy.sum = from.sum;
        copy.mean = from.mean;
        copy.m2 = from.m2;
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
        target.writeDouble(record.sum);
        target.writeDouble(record.mean);
        target.writeDouble(record.m2);
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
        record.sum = source.readDouble();
        record.mean = source.readDouble();
        record.m2 = source.readDouble();
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

    /** Restores the serializer from a savepoint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SeriesAccumulator> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
