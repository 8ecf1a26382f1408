package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chimera.telemetry.parse.ArtifactFile;
import io.chimera.telemetry.records.SeriesKey;
import io.chimera.telemetry.records.SeriesPartial;
import io.chimera.telemetry.records.SeriesStats;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The case this guards: "a window's files are combined in the order of their paths, whatever order they came in". The
 * path is relative to the watched root, so with several roots (README: {@code input: [/data/farm-a, /data/farm-b]})
 * two farms laid out alike give two files the same path, suite and series. Their partials tie in the merge order and
 * are merged in arrival order: the bits of the mean depend on which farm's file landed first.
 */
class SamePathTwoRootsMergeOrderTest {

    private static final long MINUTE = 60_000L;
    private static final RevisionWindows WINDOWS = new RevisionWindows(MINUTE, 10 * MINUTE);
    private static final SeriesKey TOKENS = new SeriesKey("llm", Map.of("model", "gemma3"), "tokens_s", "tok/s");

    private static SeriesPartial partial(String path, double... values) {
        SeriesAccumulator accumulator = new SeriesAccumulator();
        accumulator.nameSeries(SeriesIdentity.encode(TOKENS));
        for (double value : values) {
            accumulator.add(value, 1_000, false);
        }
        var hash = SeriesIdentity.hash(accumulator.series());
        SeriesPartial partial = new SeriesPartial();
        partial.keyHigh = hash.f0;
        partial.keyLow = hash.f1;
        partial.windowStart = 0;
        partial.suite = "llm";
        partial.sourcePath = path;
        partial.values = accumulator;
        partial.arrivalWatermark = Long.MIN_VALUE;
        return partial;
    }

    private static SeriesStats run(SeriesPartial... inLandingOrder) throws Exception {
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SeriesWindowRevisions(WINDOWS)),
                SeriesPartial::key,
                Types.TUPLE(Types.LONG, Types.LONG, Types.LONG))) {
            harness.open();
            for (SeriesPartial partial : inLandingOrder) {
                harness.processElement(new StreamRecord<>(partial, 1_000));
            }
            harness.processWatermark(Long.MAX_VALUE);
            List<SeriesStats> out = harness.extractOutputValues();
            assertEquals(1, out.size());
            return out.get(0);
        }
    }

    @Test
    void twoFarmsFilesWithTheSameRelativePathGiveTheSameBitsInEitherLandingOrder() throws Exception {
        ArtifactFile fromA = ArtifactFile.under("/data/farm-a", "/data/farm-a/llm/run.csv", 10, 0);
        ArtifactFile fromB = ArtifactFile.under("/data/farm-b", "/data/farm-b/llm/run.csv", 10, 0);
        assertEquals(fromA.sourcePath(), fromB.sourcePath(), "the premise: both are llm/run.csv");
        assertEquals(fromA.suite(), fromB.suite());

        SeriesStats aFirst = run(partial(fromA.sourcePath(), 0.6, 96.4, 94.0), partial(fromB.sourcePath(), 94.7, 93.7));
        SeriesStats bFirst = run(partial(fromB.sourcePath(), 94.7, 93.7), partial(fromA.sourcePath(), 0.6, 96.4, 94.0));

        assertEquals(
                Double.doubleToLongBits(aFirst.mean),
                Double.doubleToLongBits(bFirst.mean),
                "mean: " + aFirst.mean + " (farm-a first) vs " + bFirst.mean + " (farm-b first)");
    }
}
