package io.chimera.telemetry.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecurringProblemTest {

    @Test
    void aProblemIsSaidOnceWhileItLastsThenOnceWhenItIsOverWithHowOftenItWasMet() {
        RecurringProblem problem = new RecurringProblem();

        assertNull(problem.after(null), "nothing to say about a listing that met nothing");
        assertEquals("2 entries unreadable", problem.after("2 entries unreadable"));
        assertNull(problem.after("2 entries unreadable"));
        assertNull(problem.after("2 entries unreadable"));
        assertTrue(problem.ongoing());
        assertEquals("no longer: 2 entries unreadable (met in 3 listings in a row)", problem.after(null));
        assertFalse(problem.ongoing());
        assertNull(problem.after(null));
    }

    @Test
    void aProblemThatChangesIsSaidAgainWithTheOneBefore() {
        RecurringProblem problem = new RecurringProblem();
        problem.after("2 entries unreadable");
        problem.after("2 entries unreadable");

        assertEquals(
                "5 entries unreadable (before: 2 entries unreadable, met in 2 listings in a row)",
                problem.after("5 entries unreadable"));
        assertNull(problem.after("5 entries unreadable"));
    }
}
