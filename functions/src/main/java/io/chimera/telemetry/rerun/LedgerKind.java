package io.chimera.telemetry.rerun;

import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.WindowSummary;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A kind of record a bounded run emits, as its ledger knows it: an id that is the same for every revision (the
 * record's Kafka key), and how to give it a revision.
 */
public final class LedgerKind<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final LedgerKind<SeriesStats> STATS = new LedgerKind<>(
            "stats",
            s -> series(s.suite, s.windowStart, s.metric, s.unit, s.series),
            (s, revision) -> s.revision = revision);
    public static final LedgerKind<Alert> ALERTS = new LedgerKind<>(
            "alerts",
            a -> series(a.suite, a.windowStart, a.metric, a.unit, a.series),
            (a, revision) -> a.revision = revision);
    public static final LedgerKind<WindowSummary> SUMMARIES = new LedgerKind<>(
            "summaries", s -> s.suite + "\u0000" + s.windowStart, (s, revision) -> s.revision = revision);
    public static final LedgerKind<DeadLetter> DEAD_LETTERS =
            new LedgerKind<>("dead-letters", d -> d.suite + "\u0000" + d.sourcePath, (d, revision) -> {});

    private final String name;
    private final SerializableFunction<T, String> id;
    private final Revise<T> revise;

    private LedgerKind(String name, SerializableFunction<T, String> id, Revise<T> revise) {
        this.name = name;
        this.id = id;
        this.revise = revise;
    }

    public String name() {
        return name;
    }

    public String id(T record) {
        return id.apply(record);
    }

    void revise(T record, int revision) {
        revise.set(record, revision);
    }

    private static String series(
            String suite, String windowStart, String metric, String unit, Map<String, String> series) {
        return suite + "\u0000" + windowStart + "\u0000" + metric + "\u0000" + unit + "\u0000" + new TreeMap<>(series);
    }

    private interface SerializableFunction<A, B> extends Function<A, B>, Serializable {}

    private interface Revise<T> extends Serializable {
        void set(T record, int revision);
    }
}
