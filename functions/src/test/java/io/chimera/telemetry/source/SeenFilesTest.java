package io.chimera.telemetry.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeenFilesTest {

    private static final long MINUTE = 60_000;
    private static final long NOW = 1_000 * MINUTE;
    private static final Duration LOOKBACK = Duration.ofMinutes(10);
    private static final Duration MARGIN = Duration.ofSeconds(10);

    private static DiscoveredFile file(String name, long modified) {
        return new DiscoveredFile("file:/farm/" + name, 100, modified);
    }

    /** Copied in with its old modification time kept: the copy's change time is when it was copied. */
    private static DiscoveredFile copied(String name, long modified, long copiedAt) {
        return new DiscoveredFile("file:/farm/" + name, 100, modified, copiedAt);
    }

    /** One listing (begun at {@code settledBefore}) and hand-out round, as the enumerator does it. */
    private static List<DiscoveredFile> takeNew(SeenFiles seen, List<DiscoveredFile> listing, long settledBefore) {
        List<DiscoveredFile> fresh = seen.notHandedOut(listing, settledBefore, settledBefore);
        seen.handedOut(fresh);
        seen.caughtUp();
        return fresh;
    }

    private static List<String> names(List<DiscoveredFile> files) {
        return files.stream()
                .map(f -> f.path().substring("file:/farm/".length()))
                .toList();
    }

    @Test
    void eachSettledFileIsTakenOnceOldestFirst() {
        SeenFiles seen = new SeenFiles(LOOKBACK, MARGIN);
        List<DiscoveredFile> listing = List.of(file("b.csv", NOW - 2 * MINUTE), file("a.csv", NOW - 3 * MINUTE));

        assertEquals(List.of("a.csv", "b.csv"), names(takeNew(seen, listing, NOW)));
        assertEquals(List.of(), names(takeNew(seen, listing, NOW)));
    }

    @Test
    void fileNotYetSettledIsLeftForALaterListing() {
        SeenFiles seen = new SeenFiles(LOOKBACK, MARGIN);
        DiscoveredFile fresh = file("fresh.csv", NOW);

        assertEquals(List.of(), names(takeNew(seen, List.of(fresh), NOW - 1_000)));
        assertEquals(List.of("fresh.csv"), names(takeNew(seen, List.of(fresh), NOW)));
    }

    @Test
    void fileChangedAfterItWasTakenIsNotTakenAgain() {
        SeenFiles seen = new SeenFiles(LOOKBACK, MARGIN);
        takeNew(seen, List.of(file("run.csv", NOW - MINUTE)), NOW);

        assertEquals(List.of(), names(takeNew(seen, List.of(file("run.csv", NOW)), NOW + MINUTE)));
    }

    @Test
    void stateHoldsOnlyTheFilesWithinTheLookbackOfTheNewest() {
        SeenFiles seen = new SeenFiles(LOOKBACK, MARGIN);
        List<DiscoveredFile> history = new ArrayList<>();
        int taken = 0;
        // A farm that lands a file a second for ten hours, listed once a minute.
        for (int minute = 0; minute < 600; minute++) {
            for (int second = 0; second < 60; second++) {
                history.add(file("run-" + minute + "-" + second + ".csv", minute * MINUTE + second * 1_000L));
            }
            long now = (minute + 1) * MINUTE;
            taken += takeNew(seen, history.subList(Math.max(0, history.size() - 120), history.size()), now)
                    .size();
            assertTrue(seen.tracked() <= 11 * 60, "tracked " + seen.tracked() + " after minute " + minute);
        }

        assertEquals(600 * 60, taken, "every file taken exactly once");
        assertEquals(599 * MINUTE + 59_000 - 10 * MINUTE, seen.horizon());
        assertTrue(seen.tracked() >= 10 * 60, "the last ten minutes are remembered: " + seen.tracked());
    }

    @Test
    void filesBehindTheHorizonCountAsTakenEvenWhenAFullListingShowsThemAgain() {
        SeenFiles seen = new SeenFiles(LOOKBACK, MARGIN);
        List<DiscoveredFile> all = List.of(file("old.csv", NOW - 60 * MINUTE), file("new.csv", NOW - MINUTE));
        assertEquals(2, takeNew(seen, all, NOW).size());

        assertEquals(1, seen.tracked(), "old.csv is behind the horizon and forgotten");
        assertEquals(List.of(), names(takeNew(seen, all, NOW + MINUTE)));
    }

    @Test
    void aFileCopiedInWithAnOldModificationTimeIsTakenOnceByItsChangeTime() {
        SeenFiles seen = new SeenFiles(LOOKBACK, MARGIN);
        takeNew(seen, List.of(file("new.csv", NOW - MINUTE)), NOW);
        DiscoveredFile copy = copied("copied.csv", NOW - 30 * MINUTE, NOW + 500);

        assertEquals(List.of("copied.csv"), names(takeNew(seen, List.of(copy), NOW + 2_000)));
        assertEquals(List.of(), names(takeNew(seen, List.of(copy), NOW + 3_000)), "remembered while above the floor");
        assertEquals(List.of(), names(takeNew(seen, List.of(copy), NOW + 20 * MINUTE)), "then below the floor");
    }

    @Test
    void aCopyStillBeingMadeWaitsUntilItsChangeTimeHasSettled() {
        SeenFiles seen = new SeenFiles(LOOKBACK, MARGIN);
        takeNew(seen, List.of(file("new.csv", NOW - MINUTE)), NOW);
        DiscoveredFile copy = copied("copied.csv", NOW - 30 * MINUTE, NOW + 1_500);

        assertEquals(List.of(), names(takeNew(seen, List.of(copy), NOW + 1_000)));
        assertEquals(List.of("copied.csv"), names(takeNew(seen, List.of(copy), NOW + 2_000)));
    }

    @Test
    void aCopyStillSettlingWhenListedIsTakenLaterEvenWithASettleTimeLongerThanTheMargin() {
        SeenFiles seen = new SeenFiles(LOOKBACK, MARGIN);
        takeNew(seen, List.of(file("new.csv", NOW - MINUTE)), NOW);
        DiscoveredFile copy = copied("copied.csv", NOW - 30 * MINUTE, NOW + 45_000);
        long settle = 30_000;

        List<DiscoveredFile> first = seen.notHandedOut(List.of(copy), NOW + MINUTE - settle, NOW + MINUTE);
        seen.handedOut(first);
        seen.caughtUp();
        List<DiscoveredFile> second = seen.notHandedOut(List.of(copy), NOW + 2 * MINUTE - settle, NOW + 2 * MINUTE);

        assertEquals(List.of(), names(first), "still settling");
        assertEquals(List.of("copied.csv"), names(second));
    }

    @Test
    void aFileThatWasThereAtTheLastListingIsNoArrivalWhateverItsTimes() {
        SeenFiles seen = new SeenFiles(LOOKBACK, MARGIN);
        // Written just before the first listing, with an old time: the first listing takes everything.
        DiscoveredFile early = copied("early.csv", NOW - 30 * MINUTE, NOW - 1_000);
        List<DiscoveredFile> first = List.of(early, file("new.csv", NOW - MINUTE));
        assertEquals(2, takeNew(seen, first, NOW).size());

        assertEquals(List.of(), names(takeNew(seen, first, NOW + 1_000)));
        assertEquals(List.of(), names(takeNew(seen, first, NOW + MINUTE)));
    }

    @Test
    void beforeAnyListingIsHandedOutNothingIsAnArrival() {
        SeenFiles seen =
                SeenFiles.restore(LOOKBACK, MARGIN, NOW - 10 * MINUTE, NOW, Map.of(), Long.MAX_VALUE, Map.of());
        DiscoveredFile copy = copied("copied.csv", NOW - 30 * MINUTE, NOW - 5 * MINUTE);

        // A state written before arrivals were kept: its first listing sets the floor, the next one finds them.
        assertEquals(List.of(), names(takeNew(seen, List.of(copy), NOW)));
        DiscoveredFile later = copied("later.csv", NOW - 30 * MINUTE, NOW + 2_000);
        assertEquals(List.of("later.csv"), names(takeNew(seen, List.of(copy, later), NOW + 3_000)));
    }

    @Test
    void theArrivalFloorWaitsUntilEveryFileOfTheListingIsHandedOut() {
        SeenFiles seen = new SeenFiles(LOOKBACK, MARGIN);
        takeNew(seen, List.of(file("new.csv", NOW - MINUTE)), NOW);
        DiscoveredFile copy = copied("copied.csv", NOW - 30 * MINUTE, NOW + 500);

        // Found by a listing but not handed out when a checkpoint is taken: the next listing must find it again.
        assertEquals(List.of("copied.csv"), names(seen.notHandedOut(List.of(copy), NOW + 2_000, NOW + 20 * MINUTE)));
        SeenFiles restored = SeenFiles.restore(
                LOOKBACK, MARGIN, seen.horizon(), seen.newest(), seen.recent(), seen.arrivalFloor(), seen.arrivals());

        assertEquals(List.of("copied.csv"), names(takeNew(restored, List.of(copy), NOW + 21 * MINUTE)));
    }

    @Test
    void filesFoundButNotHandedOutAreOfferedAgain() {
        SeenFiles seen = new SeenFiles(LOOKBACK, MARGIN);
        List<DiscoveredFile> listing = List.of(file("a.csv", NOW - MINUTE));

        assertEquals(List.of("a.csv"), names(seen.notHandedOut(listing, NOW, NOW)));
        assertEquals(List.of("a.csv"), names(seen.notHandedOut(listing, NOW, NOW)), "not marked until handed out");
        assertEquals(0, seen.tracked());
    }

    @Test
    void restoredStateTakesUpWhereItLeftOff() {
        SeenFiles seen = new SeenFiles(LOOKBACK, MARGIN);
        takeNew(seen, List.of(file("a.csv", NOW - 2 * MINUTE), file("b.csv", NOW - MINUTE)), NOW);

        SeenFiles restored = SeenFiles.restore(
                LOOKBACK, MARGIN, seen.horizon(), seen.newest(), seen.recent(), seen.arrivalFloor(), seen.arrivals());

        assertEquals(
                List.of("c.csv"),
                names(takeNew(
                        restored,
                        List.of(file("a.csv", NOW - 2 * MINUTE), file("b.csv", NOW - MINUTE), file("c.csv", NOW)),
                        NOW)));
    }
}
