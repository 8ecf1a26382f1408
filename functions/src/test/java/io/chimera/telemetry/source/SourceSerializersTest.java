package io.chimera.telemetry.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceSerializersTest {

    @Test
    void splitSurvivesARoundTrip() throws IOException {
        FileBatchSplit split = new FileBatchSplit(
                "17",
                List.of(
                        new DiscoveredFile("file:/farm/night runs/größe/a.csv", 693, 1_700_000_000_000L),
                        new DiscoveredFile("file:/farm/b.json", 0, -1)));
        SourceSerializers.Splits serializer = new SourceSerializers.Splits();

        assertEquals(split, serializer.deserialize(serializer.getVersion(), serializer.serialize(split)));
    }

    @Test
    void stateSurvivesARoundTrip() throws IOException {
        DiscoveryState state = new DiscoveryState(
                1_000,
                5_000,
                Map.of("file:/farm/a.csv", 2_000L, "file:/farm/b.csv", 5_000L),
                4_500,
                Map.of("file:/farm/copied.csv", 4_700L),
                List.of(new DiscoveredFile("file:/farm/c.csv", 10, 4_000)),
                42);
        SourceSerializers.State serializer = new SourceSerializers.State();

        assertEquals(state, serializer.deserialize(serializer.getVersion(), serializer.serialize(state)));
        DiscoveryState empty = DiscoveryState.empty();
        assertEquals(empty, serializer.deserialize(serializer.getVersion(), serializer.serialize(empty)));
    }

    @Test
    void aStateWrittenBeforeArrivalsWereKeptIsReadWithNone() throws IOException {
        DiscoveryState state = new DiscoveryState(
                1_000,
                5_000,
                Map.of("file:/farm/a.csv", 2_000L),
                4_500,
                Map.of("file:/farm/copied.csv", 4_700L),
                List.of(),
                42);
        byte[] current = new SourceSerializers.State().serialize(state);
        // Version 2 ended where version 3 goes on: the floor, the arrivals' count, one path (UTF) and its time.
        int arrivals = 8 + 4 + 2 + "file:/farm/copied.csv".length() + 8;
        byte[] version2 = java.util.Arrays.copyOf(current, current.length - arrivals);

        DiscoveryState read = new SourceSerializers.State().deserialize(2, version2);

        assertEquals(
                new DiscoveryState(
                        1_000, 5_000, Map.of("file:/farm/a.csv", 2_000L), Long.MAX_VALUE, Map.of(), List.of(), 42),
                read);
    }

    @Test
    void unknownVersionIsRefused() {
        assertThrows(IOException.class, () -> new SourceSerializers.Splits().deserialize(9, new byte[0]));
        assertThrows(IOException.class, () -> new SourceSerializers.State().deserialize(9, new byte[0]));
    }
}
