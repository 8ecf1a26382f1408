package io.chimera.telemetry.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeenFilesTest {

    private static final long MINUTE = 60_000;
    private static final long NOW = 1_000 * MINUTE;

    private static DiscoveredFile file(String name, long modified) {
        return new DiscoveredFile("file:/farm/" + name, 100, modified);
    }

    /** One listing and hand-out round, as the enumerator does it. */
    private static List<DiscoveredFile> takeNew(SeenFiles seen, List<DiscoveredFile> listing, long settledBefore) {
        List<DiscoveredFile> fresh = seen.notHandedOut(listing, settledBefore);
        seen.handedOut(fresh);
        return fresh;
    }

    private static List<String> names(List<DiscoveredFile> files) {
        return files.stream().map(f -> f.path().substring("file:/farm/".length())).toList();
    }

    @Test
    void eachSettledFileIsTakenOnceOldestFirst() {
        SeenFiles seen = new SeenFiles(Duration.ofMinutes(10));
        List<DiscoveredFile> listing = List.of(file("b.csv", NOW - 2 * MINUTE), file("a.csv", NOW - 3 * MINUTE));

        assertEquals(List.of("a.csv", "b.csv"), names(takeNew(seen, listing, NOW)));
        assertEquals(List.of(), names(takeNew(seen, listing, NOW)));
    }

    @Test
    void fileNotYetSettledIsLeftForALaterListing() {
        SeenFiles seen = new SeenFiles(Duration.ofMinutes(10));
        DiscoveredFile fresh = file("fresh.csv", NOW);

        assertEquals(List.of(), names(takeNew(seen, List.of(fresh), NOW - 1_000)));
        assertEquals(List.of("fresh.csv"), names(takeNew(seen, List.of(fresh), NOW)));
    }

    @Test
    void fileChangedAfterItWasTakenIsNotTakenAgain() {
        SeenFiles seen = new SeenFiles(Duration.ofMinutes(10));
        takeNew(seen, List.of(file("run.csv", NOW - MINUTE)), NOW);

        assertEquals(List.of(), names(takeNew(seen, List.of(file("run.csv", NOW)), NOW + MINUTE)));
    }

    @Test
    void stateHoldsOnlyTheFilesWithinTheLookbackOfTheNewest() {
        SeenFiles seen = new SeenFiles(Duration.ofMinutes(10));
        List<DiscoveredFile> history = new ArrayList<>();
        int taken = 0;
        // A farm that lands a file a second for ten hours, listed once a minute.
        for (int minute = 0; minute < 600; minute++) {
            for (int second = 0; second < 60; second++) {
                history.add(file("run-" + minute + "-" + second + ".csv", minute * MINUTE + second * 1_000L));
            }
            long now = (minute + 1) * MINUTE;
            taken += takeNew(seen, history.subList(Math.max(0, history.size() - 120), history.size()), now).size();
            assertTrue(seen.tracked() <= 11 * 60, "tracked " + seen.tracked() + " after minute " + minute);
        }

        assertEquals(600 * 60, taken, "every file taken exactly once");
        assertEquals(599 * MINUTE + 59_000 - 10 * MINUTE, seen.horizon());
        assertTrue(seen.tracked() >= 10 * 60, "the last ten minutes are remembered: " + seen.tracked());
    }

    @Test
    void filesBehindTheHorizonCountAsTakenEvenWhenAFullListingShowsThemAgain() {
        SeenFiles seen = new SeenFiles(Duration.ofMinutes(10));
        List<DiscoveredFile> all = List.of(file("old.csv", NOW - 60 * MINUTE), file("new.csv", NOW - MINUTE));
        assertEquals(2, takeNew(seen, all, NOW).size());

        assertEquals(1, seen.tracked(), "old.csv is behind the horizon and forgotten");
        assertEquals(List.of(), names(takeNew(seen, all, NOW + MINUTE)));
    }

    @Test
    void aFileLandingWithATimeOlderThanTheHorizonIsNotTaken() {
        SeenFiles seen = new SeenFiles(Duration.ofMinutes(10));
        takeNew(seen, List.of(file("new.csv", NOW - MINUTE)), NOW);

        // Copied in with its old modification time kept: the documented price of bounded state.
        assertEquals(List.of(), names(takeNew(seen, List.of(file("copied.csv", NOW - 30 * MINUTE)), NOW)));
        assertEquals(List.of("late-but-within.csv"),
                names(takeNew(seen, List.of(file("late-but-within.csv", NOW - 5 * MINUTE)), NOW)));
    }

    @Test
    void filesFoundButNotHandedOutAreOfferedAgain() {
        SeenFiles seen = new SeenFiles(Duration.ofMinutes(10));
        List<DiscoveredFile> listing = List.of(file("a.csv", NOW - MINUTE));

        assertEquals(List.of("a.csv"), names(seen.notHandedOut(listing, NOW)));
        assertEquals(List.of("a.csv"), names(seen.notHandedOut(listing, NOW)), "not marked until handed out");
        assertEquals(0, seen.tracked());
    }

    @Test
    void restoredStateTakesUpWhereItLeftOff() {
        SeenFiles seen = new SeenFiles(Duration.ofMinutes(10));
        takeNew(seen, List.of(file("a.csv", NOW - 2 * MINUTE), file("b.csv", NOW - MINUTE)), NOW);

        SeenFiles restored = SeenFiles.restore(Duration.ofMinutes(10), seen.horizon(), seen.newest(), seen.recent());

        assertEquals(List.of("c.csv"), names(takeNew(restored, List.of(file("a.csv", NOW - 2 * MINUTE),
                file("b.csv", NOW - MINUTE), file("c.csv", NOW)), NOW)));
    }
}
