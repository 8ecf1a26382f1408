package io.chimera.telemetry.narrate;

import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.WindowSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The windows waiting for the LLM, and which one to narrate next: windows with regressions, failures or dead letters
 * first, then the newest, then the longest waiting. Where the LLM is slower than windows close, a suite's older
 * waiting windows are superseded by its newest, which is narrated with them in view. A window waits with its newest
 * data revision only. Used by one thread (the operator's).
 */
final class NarrationQueue {

    /** A window waiting for the LLM (a Flink POJO: the backlog's checkpointed state). */
    public static final class Entry {
        public WindowSummary summary;
        /** Wall-clock time it started waiting. */
        public long enqueuedAt;
        /** Earlier windows of its suite it superseded, a line each, for its prompt. */
        public List<String> earlierWindows = new ArrayList<>();
        /** The data revision the LLM was asked about; -1 while not asked (and after a restore). */
        public int askedRevision = -1;

        public Entry() {}

        Entry(WindowSummary summary, long enqueuedAt) {
            this.summary = summary;
            this.enqueuedAt = enqueuedAt;
        }

        String key() {
            return keyOf(summary);
        }

        boolean asked() {
            return askedRevision >= 0;
        }

        String earlierWindowsText() {
            return String.join("\n", earlierWindows);
        }
    }

    /** What the backlog gives up on now, and the window to ask the LLM about next (if any). */
    record Next(Optional<Entry> ask, List<Entry> superseded, List<Entry> expired) {}

    private static final Comparator<Entry> MOST_VALUABLE_FIRST = Comparator.comparing((Entry e) -> !notable(e.summary))
            .thenComparing((Entry e) -> e.summary.windowStart, Comparator.reverseOrder())
            .thenComparingLong(e -> e.enqueuedAt)
            .thenComparing(Entry::key);

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    static String keyOf(WindowSummary summary) {
        return summary.suite + '\u0000' + summary.windowStart;
    }

    /**
     * A window's newest data revision starts or goes on waiting (an answer under way for an older revision will be
     * discarded). Returns the windows the size limit pushes out, least valuable first.
     */
    List<Entry> add(WindowSummary summary, long now, int maxWindows) {
        Entry waiting = entries.get(keyOf(summary));
        if (waiting == null) {
            entries.put(keyOf(summary), new Entry(summary, now));
        } else if (summary.revision >= waiting.summary.revision) {
            waiting.summary = summary;
        }
        List<Entry> pushedOut = new ArrayList<>();
        while (entries.size() > maxWindows) {
            Entry least = entries.values().stream()
                    .filter(e -> !e.asked())
                    .max(MOST_VALUABLE_FIRST)
                    .orElse(null);
            if (least == null) {
                break;
            }
            entries.remove(least.key());
            pushedOut.add(least);
        }
        return pushedOut;
    }

    /**
     * Gives up on windows that waited longer than {@code maxAgeMillis}; with {@code coalesce}, supersedes each
     * suite's older waiting windows by its newest; then, if {@code mayAsk}, picks the most valuable window not yet
     * asked about and marks it asked.
     */
    Next next(long now, long maxAgeMillis, boolean coalesce, boolean mayAsk) {
        List<Entry> expired = new ArrayList<>();
        for (Entry entry : List.copyOf(entries.values())) {
            if (!entry.asked() && now - entry.enqueuedAt > maxAgeMillis) {
                entries.remove(entry.key());
                expired.add(entry);
            }
        }
        List<Entry> superseded = new ArrayList<>();
        if (coalesce) {
            Map<String, List<Entry>> bySuite = new TreeMap<>();
            for (Entry entry : entries.values()) {
                if (!entry.asked()) {
                    bySuite.computeIfAbsent(entry.summary.suite, suite -> new ArrayList<>())
                            .add(entry);
                }
            }
            for (List<Entry> waiting : bySuite.values()) {
                waiting.sort(Comparator.comparing((Entry e) -> e.summary.windowStart));
                Entry newest = waiting.get(waiting.size() - 1);
                for (Entry older : waiting.subList(0, waiting.size() - 1)) {
                    entries.remove(older.key());
                    superseded.add(older);
                    newest.enqueuedAt = Math.min(newest.enqueuedAt, older.enqueuedAt);
                    newest.earlierWindows.addAll(older.earlierWindows);
                    newest.earlierWindows.add(line(older.summary));
                }
            }
        }
        Optional<Entry> ask =
                mayAsk ? entries.values().stream().filter(e -> !e.asked()).min(MOST_VALUABLE_FIRST) : Optional.empty();
        ask.ifPresent(entry -> entry.askedRevision = entry.summary.revision);
        return new Next(ask, superseded, expired);
    }

    /**
     * The LLM answered about a window's data revision: the window if that is still its newest (it stops waiting),
     * otherwise empty (a newer revision waits to be asked about, or the window was given up on).
     */
    Optional<Entry> answered(String key, int revision) {
        Entry entry = entries.get(key);
        if (entry == null || entry.askedRevision != revision) {
            return Optional.empty();
        }
        if (entry.summary.revision != revision) {
            entry.askedRevision = -1;
            return Optional.empty();
        }
        entries.remove(key);
        return Optional.of(entry);
    }

    /** Everything still waiting, most valuable first, and no longer waiting. */
    List<Entry> drain() {
        List<Entry> all = new ArrayList<>(entries.values());
        all.sort(MOST_VALUABLE_FIRST);
        entries.clear();
        return all;
    }

    List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** After a restore: the answers under way at the checkpoint are lost, so those windows are asked about again. */
    void restore(Iterable<Entry> restored) {
        for (Entry entry : restored) {
            entry.askedRevision = -1;
            entries.put(entry.key(), entry);
        }
    }

    int size() {
        return entries.size();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** When the longest-waiting window started waiting; {@code Long.MAX_VALUE} when none waits. */
    long oldestEnqueuedAt() {
        return entries.values().stream().mapToLong(e -> e.enqueuedAt).min().orElse(Long.MAX_VALUE);
    }

    /** Regressions, failed values or dead letters: what a farm owner wants narrated first. */
    static boolean notable(WindowSummary summary) {
        if (summary.inventory.deadLetters > 0 || summary.inventory.failedRows > 0) {
            return true;
        }
        for (Alert alert : summary.alerts) {
            if (Alert.REGRESSION.equals(alert.kind)) {
                return true;
            }
        }
        for (SeriesStats stats : summary.series) {
            if (stats.failed > 0) {
                return true;
            }
        }
        return false;
    }

    private static String line(WindowSummary summary) {
        long regressions = summary.alerts.stream()
                .filter(a -> Alert.REGRESSION.equals(a.kind))
                .count();
        return "- window " + summary.windowStart + " to " + summary.windowEnd + ": " + summary.inventory.files
                + " files, " + summary.series.size() + " series, " + regressions + " regressions, "
                + summary.inventory.deadLetters + " dead letters";
    }
}
