package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class SeriesAccumulatorSerializerTest {

    private static final SeriesAccumulatorSerializer SERIALIZER = SeriesAccumulatorSerializer.INSTANCE;
    private static final double[] QUANTILES = {0.0, 0.25, 0.50, 0.90, 0.95, 0.99, 1.0};

    private static SeriesAccumulator accumulate(double[] values, int failedRows) {
        SeriesAccumulator accumulator = new SeriesAccumulator();
        for (int i = 0; i < values.length; i++) {
            accumulator.add(values[i], 10_000L + i, false);
        }
        for (int i = 0; i < failedRows; i++) {
            accumulator.add(-1, 5_000L - i, true);
        }
        return accumulator;
    }

    private static double[] logNormal(int n, long seed) {
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Math.exp(2.0 + random.nextGaussian());
        }
        return values;
    }

    private static byte[] serialize(SeriesAccumulator accumulator) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        SERIALIZER.serialize(accumulator, out);
        return out.getCopyOfBuffer();
    }

    private static SeriesAccumulator roundTrip(SeriesAccumulator accumulator) throws Exception {
        DataInputDeserializer in = new DataInputDeserializer(serialize(accumulator));
        SeriesAccumulator back = SERIALIZER.deserialize(in);
        assertEquals(0, in.available(), "bytes left unread");
        return back;
    }

    private static void assertSameStatistics(SeriesAccumulator expected, SeriesAccumulator actual) {
        assertEquals(expected.count(), actual.count(), "count");
        assertEquals(expected.failed(), actual.failed(), "failed");
        assertEquals(expected.sum(), actual.sum(), 0.0, "sum");
        assertEquals(expected.mean(), actual.mean(), 0.0, "mean");
        assertEquals(expected.min(), actual.min(), 0.0, "min");
        assertEquals(expected.max(), actual.max(), 0.0, "max");
        assertEquals(expected.stddev(), actual.stddev(), 0.0, "stddev");
        assertEquals(expected.firstEventTime(), actual.firstEventTime(), "firstEventTime");
        assertEquals(expected.lastEventTime(), actual.lastEventTime(), "lastEventTime");
        assertEquals(expected.hasExactValues(), actual.hasExactValues(), "hasExactValues");
        for (double q : QUANTILES) {
            assertEquals(
                    expected.percentile(q),
                    actual.percentile(q),
                    1e-12 * Math.abs(expected.percentile(q)),
                    "percentile " + q);
        }
    }

    @Test
    void roundTripOnTheExactPathPreservesEveryStatistic() throws Exception {
        SeriesAccumulator original = accumulate(new double[] {15, 3, 42, 8, 23, 4, 16, 108, 1, 7}, 2);

        SeriesAccumulator back = roundTrip(original);

        assertTrue(back.hasExactValues());
        assertEquals(10, back.count());
        assertEquals(2, back.failed());
        assertEquals(11.5, back.percentile(0.5), 1e-12); // sorted 1 3 4 7 8 15 16 23 42 108: (8 + 15) / 2
        assertSameStatistics(original, back);
    }

    @Test
    void roundTripOnTheSketchPathPreservesEveryStatistic() throws Exception {
        SeriesAccumulator original = accumulate(logNormal(5_000, 3), 7);
        assertFalse(original.hasExactValues());

        SeriesAccumulator back = roundTrip(original);

        assertEquals(5_000, back.count());
        assertEquals(7, back.failed());
        assertSameStatistics(original, back);
    }

    @Test
    void roundTripKeepsNegativeAndZeroValuesInTheSketch() throws Exception {
        double[] values = new double[1_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 4 == 0 ? 0.0 : (i % 2 == 0 ? -i : i);
        }
        SeriesAccumulator original = accumulate(values, 0);

        assertSameStatistics(original, roundTrip(original));
    }

    @Test
    void roundTripOfAnEmptyAccumulatorStaysEmpty() throws Exception {
        SeriesAccumulator back = roundTrip(new SeriesAccumulator());

        assertEquals(0, back.count());
        assertEquals(0, back.failed());
        assertTrue(Double.isNaN(back.mean()));
        assertTrue(Double.isNaN(back.percentile(0.5)));
    }

    @Test
    void deserializedAccumulatorKeepsAccumulatingOnTheRightPath() throws Exception {
        double[] values = logNormal(300, 5);
        SeriesAccumulator back = roundTrip(accumulate(Arrays.copyOf(values, 100), 0));
        for (int i = 100; i < 200; i++) {
            back.add(values[i], i, false);
        }

        assertTrue(back.hasExactValues());
        double[] first200 = Arrays.copyOf(values, 200);
        Arrays.sort(first200);
        assertEquals(first200[0], back.percentile(0.0), 0.0);
        assertEquals((first200[99] + first200[100]) / 2, back.percentile(0.5), 1e-12 * first200[100]);

        SeriesAccumulator again = roundTrip(back);
        for (int i = 200; i < 300; i++) {
            again.add(values[i], i, false);
        }

        assertFalse(again.hasExactValues());
        assertEquals(300, again.count());
        assertEquals(accumulate(values, 0).percentile(0.9), again.percentile(0.9), 1e-9 * again.percentile(0.9));
    }

    @Test
    void copyFromViewToViewCarriesTheSameBytes() throws Exception {
        byte[] bytes = serialize(accumulate(logNormal(1_000, 9), 1));
        DataOutputSerializer target = new DataOutputSerializer(256);

        SERIALIZER.copy(new DataInputDeserializer(bytes), target);

        assertTrue(Arrays.equals(bytes, target.getCopyOfBuffer()));
    }

    @Test
    void theSeriesNameSurvivesRoundTripsCopiesAndMerges() throws Exception {
        SeriesAccumulator named = accumulate(new double[] {1, 2}, 0);
        named.nameSeries("[\"suite\",\"tokens_s\",\"tok/s\",\"model\",\"größe\"]");

        assertEquals(named.series(), roundTrip(named).series());
        assertEquals(named.series(), SERIALIZER.copy(named).series());
        assertEquals(null, roundTrip(new SeriesAccumulator()).series());
        assertEquals(
                named.series(), new SeriesAccumulator().merge(named).series(), "an unnamed partial takes the name");
    }

    @Test
    void copyOnTheExactPathIsDeep() {
        SeriesAccumulator original = accumulate(new double[] {5, 1, 3}, 1);

        SeriesAccumulator copy = SERIALIZER.copy(original);
        assertNotSame(original, copy);
        assertSameStatistics(original, copy);
        copy.add(1_000, 99_999L, false);
        copy.add(2_000, 99_999L, true);

        assertEquals(3, original.count());
        assertEquals(1, original.failed());
        assertEquals(3.0, original.mean(), 0.0);
        assertEquals(5.0, original.max(), 0.0);
        assertEquals(3.0, original.percentile(0.5), 0.0);
        assertEquals(5.0, original.percentile(1.0), 0.0);
        assertEquals(10_002L, original.lastEventTime());
        assertEquals(4, copy.count());
        assertEquals(1_000.0, copy.percentile(1.0), 0.0);
    }

    @Test
    void copyOnTheSketchPathIsDeep() {
        SeriesAccumulator original = accumulate(logNormal(2_000, 11), 0);
        double p99 = original.percentile(0.99);
        double p50 = original.percentile(0.5);

        SeriesAccumulator copy = SERIALIZER.copy(original, new SeriesAccumulator());
        assertSameStatistics(original, copy);
        for (int i = 0; i < 2_000; i++) {
            copy.add(1e6, i, false);
        }

        assertEquals(2_000, original.count());
        assertEquals(p99, original.percentile(0.99), 0.0);
        assertEquals(p50, original.percentile(0.5), 0.0);
        assertTrue(copy.percentile(0.99) > 0.99e6, "the copy's own sketch took the new values");
    }

    @Test
    void copyOfAnExactAccumulatorDoesNotShareItsValues() {
        SeriesAccumulator original = accumulate(new double[] {1, 2, 3, 4, 5, 6, 7}, 0);
        SeriesAccumulator copy = SERIALIZER.copy(original);

        // An eighth value fits in the shared-capacity array without growing it: it must not leak back.
        copy.add(100, 0, false);
        original.add(-100, 0, false);

        assertEquals(100.0, copy.percentile(1.0), 0.0);
        assertEquals(1.0, copy.percentile(0.0), 0.0);
        assertEquals(-100.0, original.percentile(0.0), 0.0);
        assertEquals(7.0, original.percentile(1.0), 0.0);
    }

    @Test
    void snapshotRestoresTheSameSerializer() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, SERIALIZER.snapshotConfiguration());

        TypeSerializerSnapshot<SeriesAccumulator> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        assertInstanceOf(SeriesAccumulatorSerializer.Snapshot.class, read);
        assertInstanceOf(SeriesAccumulatorSerializer.class, read.restoreSerializer());
        assertTrue(SERIALIZER
                .snapshotConfiguration()
                .resolveSchemaCompatibility(read)
                .isCompatibleAsIs());
    }

    @Test
    void serializerRestoredFromTheSnapshotReadsTheBytes() throws Exception {
        SeriesAccumulator original = accumulate(logNormal(600, 13), 3);
        byte[] state = serialize(original);
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, SERIALIZER.snapshotConfiguration());
        TypeSerializerSnapshot<SeriesAccumulator> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        TypeSerializer<SeriesAccumulator> restored = read.restoreSerializer();
        SeriesAccumulator back = restored.deserialize(new DataInputDeserializer(state));

        assertSameStatistics(original, back);
    }

    @Test
    void typeInformationIsTheCustomOneNotKryo() {
        TypeInformation<SeriesAccumulator> info = TypeInformation.of(SeriesAccumulator.class);

        assertFalse(info instanceof GenericTypeInfo, "SeriesAccumulator would go to Kryo");
        assertInstanceOf(SeriesAccumulatorTypeInfoFactory.SeriesAccumulatorTypeInfo.class, info);
        SerializerConfigImpl noGenericTypes = new SerializerConfigImpl();
        noGenericTypes.setGenericTypes(false);
        assertInstanceOf(SeriesAccumulatorSerializer.class, info.createSerializer(noGenericTypes));
    }

    /** What the serializer of snapshot version 3 wrote: the rounded sum, Welford's mean and squared deviations. */
    private static byte[] roundedMomentsFormat(double[] values) throws Exception {
        double sum = 0;
        double mean = 0;
        double m2 = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            double delta = values[i] - mean;
            mean += delta / (i + 1);
            m2 += delta * (values[i] - mean);
        }
        DataOutputSerializer out = new DataOutputSerializer(256);
        org.apache.flink.types.StringValue.writeString("{\"metric\":\"tokens_s\"}", out);
        out.writeLong(values.length);
        out.writeLong(2);
        out.writeDouble(sum);
        out.writeDouble(mean);
        out.writeDouble(m2);
        out.writeDouble(Arrays.stream(values).min().orElseThrow());
        out.writeDouble(Arrays.stream(values).max().orElseThrow());
        out.writeLong(10_000L);
        out.writeLong(10_000L + values.length - 1);
        out.writeInt(values.length);
        for (double value : values) {
            out.writeDouble(value);
        }
        out.writeInt(-1);
        return out.getCopyOfBuffer();
    }

    @Test
    void stateOfTheRoundedMomentsFormatIsMigratedOnRestore() throws Exception {
        double[] values = logNormal(100, 9);
        DataOutputSerializer snapshotBytes = new DataOutputSerializer(16);
        new SeriesAccumulatorSerializer.Snapshot().writeSnapshot(snapshotBytes);
        SeriesAccumulatorSerializer.Snapshot old = new SeriesAccumulatorSerializer.Snapshot();
        // Version 3 with an empty body: what Flink's SimpleTypeSerializerSnapshot wrote for this serializer.
        old.readSnapshot(3, new DataInputDeserializer(new byte[0]), getClass().getClassLoader());

        assertTrue(SERIALIZER
                .snapshotConfiguration()
                .resolveSchemaCompatibility(old)
                .isCompatibleAfterMigration());
        DataInputDeserializer in = new DataInputDeserializer(roundedMomentsFormat(values));
        SeriesAccumulator migrated = old.restoreSerializer().deserialize(in);
        assertEquals(0, in.available(), "bytes left unread");

        SeriesAccumulator expected = accumulate(values, 2);
        assertEquals(100, migrated.count());
        assertEquals(2, migrated.failed());
        assertEquals(expected.sum(), migrated.sum(), 1e-12 * expected.sum());
        assertEquals(expected.mean(), migrated.mean(), 1e-12 * expected.mean());
        assertEquals(expected.stddev(), migrated.stddev(), 1e-9 * expected.stddev());
        assertEquals(expected.percentile(0.5), migrated.percentile(0.5));
        assertEquals("{\"metric\":\"tokens_s\"}", migrated.series());
        // Written back in the current format, it reads as it is.
        assertSameStatistics(migrated, roundTrip(migrated));
        SeriesAccumulatorSerializer.Snapshot current = new SeriesAccumulatorSerializer.Snapshot();
        current.readSnapshot(
                4,
                new DataInputDeserializer(snapshotBytes.getCopyOfBuffer()),
                getClass().getClassLoader());
        assertTrue(SERIALIZER
                .snapshotConfiguration()
                .resolveSchemaCompatibility(current)
                .isCompatibleAsIs());
    }
}
