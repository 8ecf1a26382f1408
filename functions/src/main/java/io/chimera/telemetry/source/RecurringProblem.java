package io.chimera.telemetry.source;

/**
 * A problem that listing after listing meets again: said when it starts or changes, counted while it stays the
 * same, and said once more when it is over. Continuous discovery lists every couple of seconds, and a folder
 * that stays unreadable would otherwise fill the log with one warning per listing.
 */
final class RecurringProblem {

    private String current;
    private long times;

    /**
     * What to say about this listing: the problem the first time it is met, or when it changes (with how often the
     * one before was met); that it is over, the first listing without it; null while nothing changed.
     *
     * @param problem this listing's problem in words, or null when it met none
     */
    String after(String problem) {
        if (problem == null) {
            if (current == null) {
                return null;
            }
            String over = "no longer: " + current + " (met in " + times + " listings in a row)";
            current = null;
            times = 0;
            return over;
        }
        if (problem.equals(current)) {
            times++;
            return null;
        }
        String said = current == null
                ? problem
                : problem + " (before: " + current + ", met in " + times + " listings in a row)";
        current = problem;
        times = 1;
        return said;
    }

    boolean ongoing() {
        return current != null;
    }
}
