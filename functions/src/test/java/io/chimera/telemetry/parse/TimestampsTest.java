package io.chimera.telemetry.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    /** 2023-11-14T22:13:20Z. */
    private static final long EPOCH_SECONDS = 1_700_000_000L;

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void epochSecondsAreScaledToMilliseconds() {
        assertEquals(EPOCH_SECONDS * 1000, Timestamps.parse("1700000000"));
        assertEquals(millis("2023-11-14T22:13:20Z"), Timestamps.parse("1700000000"));
        assertEquals(EPOCH_SECONDS * 1000 + 250, Timestamps.parse("1700000000.25"));
        assertEquals(EPOCH_SECONDS * 1000, Timestamps.parse("  1700000000  "));
    }

    @Test
    void epochMillisecondsAreTakenAsThey() {
        assertEquals(1_700_000_000_123L, Timestamps.parse("1700000000123"));
    }

    @Test
    void epochRangeIsTheYears2000To2100() {
        assertEquals(946_684_800_000L, Timestamps.fromEpochNumber(946_684_800)); // 2000-01-01 in seconds
        assertNull(Timestamps.fromEpochNumber(946_684_799));
        assertEquals(4_102_444_799_000L, Timestamps.fromEpochNumber(4_102_444_799L));
        assertNull(Timestamps.fromEpochNumber(4_102_444_800L)); // 2100-01-01 in seconds: out
        assertEquals(946_684_800_000L, Timestamps.fromEpochNumber(946_684_800_000L)); // 2000-01-01 in millis
        assertNull(Timestamps.fromEpochNumber(946_684_799_999L));
        assertNull(Timestamps.fromEpochNumber(4_102_444_800_000L));
        assertNull(Timestamps.fromEpochNumber(Double.NaN));
        assertNull(Timestamps.fromEpochNumber(Double.POSITIVE_INFINITY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "12.5", "3600", "86400", "86400000", "-1700000000", "100000000000"})
    void durationsAreNotTimestamps(String text) {
        assertNull(Timestamps.parse(text));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2025-10-02T21:08:57Z            | 2025-10-02T21:08:57Z
            2025-10-02T21:08:57.250Z        | 2025-10-02T21:08:57.250Z
            2025-10-02T21:08:57+02:00       | 2025-10-02T19:08:57Z
            2025-10-02T21:08:57+0200        | 2025-10-02T19:08:57Z
            2025-10-02T21:08:57.5+0200      | 2025-10-02T19:08:57.500Z
            2025-10-02T21:08:57-0530        | 2025-10-03T02:38:57Z
            2025-10-02 21:08:57+0200        | 2025-10-02T19:08:57Z
            2025-10-02 21:08:57 UTC         | 2025-10-02T21:08:57Z
            """)
    void isoTimestampsWithAZoneAreRead(String text, String instant) {
        assertEquals(millis(instant), Timestamps.parse(text));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2025-10-02T21:08:57   | 2025-10-02T21:08:57Z
            2025-10-02 21:08:57   | 2025-10-02T21:08:57Z
            2025-10-02T21:08      | 2025-10-02T21:08:00Z
            2025-10-02            | 2025-10-02T00:00:00Z
            """)
    void zoneLessTimesAreTakenAsUtc(String text, String instant) {
        assertEquals(millis(instant), Timestamps.parse(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "yesterday",
                "2025-13-45",
                "2025-02-30",
                "21:08:57",
                "NaN",
                "Infinity",
                "v1",
                "10/02/2025"
            })
    void textThatIsNoTimeIsNull(String text) {
        assertNull(Timestamps.parse(text));
    }

    @Test
    void isoWritesAnInstant() {
        assertEquals("2023-11-14T22:13:20Z", Timestamps.iso(1_700_000_000_000L));
    }

    @org.junit.jupiter.api.Test
    void theShortCutForCanonicalTimesReadsWhatThePatternsRead() {
        java.util.Random random = new java.util.Random(4);
        int read = 0;
        for (int trial = 0; trial < 100_000; trial++) {
            String fraction = random.nextInt(3) == 0
                    ? ""
                    : "." + String.valueOf(random.nextLong() & Long.MAX_VALUE).substring(0, 1 + random.nextInt(11));
            String offset = switch (random.nextInt(4)) {
                case 0 -> "Z";
                case 1 -> String.format("+%02d:%02d", random.nextInt(20), random.nextInt(62));
                case 2 -> String.format("-%02d:%02d", random.nextInt(20), random.nextInt(62));
                default -> String.format("+%02d%02d", random.nextInt(14), random.nextInt(60));
            };
            String text = String.format(
                    "%04d-%02d-%02dT%02d:%02d:%02d%s%s",
                    1990 + random.nextInt(120),
                    random.nextInt(14),
                    random.nextInt(33),
                    random.nextInt(25),
                    random.nextInt(61),
                    random.nextInt(61),
                    fraction,
                    offset);
            Long canonical = Timestamps.canonicalIso(text);
            if (canonical != null) {
                read++;
                assertEquals(Timestamps.parseIso(text), canonical, text);
            }
            assertEquals(Timestamps.parseIso(text), Timestamps.parse(text), text);
        }
        assertTrue(read > 20_000, "read by the short cut: " + read);
    }
}
