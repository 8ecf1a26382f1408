package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chimera.telemetry.records.SeriesPartial;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class CombineAcrossFilesTest {

    /** One file's values of one series in one window. */
    private static SeriesPartial partial(long series, long windowStart, String file, double... values) {
        SeriesPartial partial = new SeriesPartial();
        partial.keyHigh = series;
        partial.keyLow = -series;
        partial.windowStart = windowStart;
        partial.suite = "llm";
        partial.sourcePath = file;
        partial.values = new SeriesAccumulator();
        partial.values.nameSeries("{\"series\":" + series + "}");
        for (double value : values) {
            partial.values.add(value, windowStart + 1, false);
        }
        return partial;
    }

    private static List<SeriesPartial> run(int maxHeld, List<SeriesPartial> input) throws Exception {
        try (OneInputStreamOperatorTestHarness<SeriesPartial, SeriesPartial> harness =
                new OneInputStreamOperatorTestHarness<>(new CombineAcrossFiles(maxHeld))) {
            harness.open();
            for (SeriesPartial partial : input) {
                harness.processElement(partial, 0L);
            }
            harness.endInput();
            return new ArrayList<>(harness.extractOutputValues());
        }
    }

    /** Many files of three series over two windows, values drawn at random. */
    private static List<SeriesPartial> files(long seed) {
        Random random = new Random(seed);
        List<SeriesPartial> files = new ArrayList<>();
        for (int file = 0; file < 200; file++) {
            double[] values = new double[1 + random.nextInt(5)];
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.exp(3 + random.nextGaussian());
            }
            files.add(partial(1 + random.nextInt(3), 60_000L * random.nextInt(2), "run-" + file + ".csv", values));
        }
        return files;
    }

    /** Each series window's partials merged one file at a time, in file order, as the series window does. */
    private static Map<Tuple3<Long, Long, Long>, SeriesAccumulator> perFile(List<SeriesPartial> files) {
        Map<Tuple3<Long, Long, Long>, SeriesAccumulator> merged = new HashMap<>();
        for (SeriesPartial file : files) {
            merged.computeIfAbsent(file.key(), key -> new SeriesAccumulator()).merge(file.values);
        }
        return merged;
    }

    @Test
    void sendsOnePartialPerSeriesWindowAtTheEndOfTheInputWithEveryFilesValues() throws Exception {
        Map<Tuple3<Long, Long, Long>, SeriesAccumulator> expected = perFile(files(1));

        List<SeriesPartial> out = run(1000, files(1));

        assertEquals(expected.size(), out.size(), "one partial per series window");
        for (SeriesPartial partial : out) {
            SeriesAccumulator want = expected.get(partial.key());
            assertEquals(want.count(), partial.values.count());
            assertEquals(Double.doubleToRawLongBits(want.mean()), Double.doubleToRawLongBits(partial.values.mean()));
            assertEquals(
                    Double.doubleToRawLongBits(want.stddev()), Double.doubleToRawLongBits(partial.values.stddev()));
            assertEquals(want.percentile(0.9), partial.values.percentile(0.9));
            assertEquals(want.series(), partial.values.series());
            assertNull(partial.sourcePath, "the values of many files");
        }
    }

    @Test
    void holdingFewSeriesWindowsSendsMorePartialsThatMergeToTheSameNumbers() throws Exception {
        Map<Tuple3<Long, Long, Long>, SeriesAccumulator> expected = perFile(files(2));

        List<SeriesPartial> out = run(2, files(2));

        Map<Tuple3<Long, Long, Long>, SeriesAccumulator> downstream = perFile(out);
        assertEquals(expected.keySet(), downstream.keySet());
        for (var entry : expected.entrySet()) {
            SeriesAccumulator got = downstream.get(entry.getKey());
            assertEquals(entry.getValue().count(), got.count());
            assertEquals(Double.doubleToRawLongBits(entry.getValue().mean()), Double.doubleToRawLongBits(got.mean()));
            assertEquals(
                    Double.doubleToRawLongBits(entry.getValue().stddev()), Double.doubleToRawLongBits(got.stddev()));
        }
        assertEquals(true, out.size() > expected.size(), "sent before the end when holding two: " + out.size());
    }

    @Test
    void nothingInNothingOut() throws Exception {
        assertEquals(List.of(), run(10, List.of()));
    }
}
