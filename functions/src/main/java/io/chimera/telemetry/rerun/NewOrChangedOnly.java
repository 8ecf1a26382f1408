package io.chimera.telemetry.rerun;

import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.WindowSummary;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Lets through, in a bounded run over an output folder that earlier runs wrote, only the records that are new or
 * whose content changed since the run that last emitted them, each changed one as the next revision of what was
 * emitted; an unchanged record is counted and dropped. What it lets through also goes to {@link #LEDGER}.
 */
public class NewOrChangedOnly<T> extends ProcessFunction<T, T> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<LedgerEntry> LEDGER = new OutputTag<>("rerun-ledger") {};

    /** Accumulators, per kind: records first emitted, emitted as a new revision, and not emitted again. */
    public static String newAccumulator(LedgerKind<?> kind) {
        return "chimera-rerun-" + kind.name() + "-new";
    }

    public static String revisedAccumulator(LedgerKind<?> kind) {
        return "chimera-rerun-" + kind.name() + "-revised";
    }

    public static String unchangedAccumulator(LedgerKind<?> kind) {
        return "chimera-rerun-" + kind.name() + "-unchanged";
    }

    private final RerunLedger ledger;
    private final LedgerKind<T> kind;

    private transient Map<String, LedgerEntry> emitted;
    private transient LongCounter first;
    private transient LongCounter revised;
    private transient LongCounter unchanged;

    public NewOrChangedOnly(RerunLedger ledger, LedgerKind<T> kind) {
        this.ledger = ledger;
        this.kind = kind;
    }

    /** Summaries, whose statistics and alerts carry the revisions their own records go out with. */
    public static NewOrChangedOnly<WindowSummary> summaries(RerunLedger ledger) {
        return new NewOrChangedOnly<>(ledger, LedgerKind.SUMMARIES) {

            private static final long serialVersionUID = 1L;

            private transient Map<String, LedgerEntry> stats;
            private transient Map<String, LedgerEntry> alerts;

            @Override
            public void open(OpenContext context) throws Exception {
                super.open(context);
                stats = ledger.latest(LedgerKind.STATS);
                alerts = ledger.latest(LedgerKind.ALERTS);
            }

            @Override
            void beforeEmitting(WindowSummary summary) {
                for (SeriesStats series : summary.series) {
                    series.revision = revision(stats.get(LedgerKind.STATS.id(series)), RerunLedger.digest(series));
                }
                for (Alert alert : summary.alerts) {
                    alert.revision = revision(alerts.get(LedgerKind.ALERTS.id(alert)), RerunLedger.digest(alert));
                }
            }
        };
    }

    @Override
    public void open(OpenContext context) throws Exception {
        emitted = ledger.latest(kind);
        first = getRuntimeContext().getLongCounter(newAccumulator(kind));
        revised = getRuntimeContext().getLongCounter(revisedAccumulator(kind));
        unchanged = getRuntimeContext().getLongCounter(unchangedAccumulator(kind));
    }

    @Override
    public void processElement(T record, Context context, Collector<T> out) {
        String id = kind.id(record);
        String digest = RerunLedger.digest(record);
        LedgerEntry before = emitted.get(id);
        if (before != null && before.digest.equals(digest)) {
            unchanged.add(1);
            return;
        }
        int revision = revision(before, digest);
        (before == null ? first : revised).add(1);
        kind.revise(record, revision);
        beforeEmitting(record);
        out.collect(record);
        context.output(LEDGER, new LedgerEntry(kind.name(), id, revision, digest));
    }

    /** Hook for what a record holds of other kinds. */
    void beforeEmitting(T record) {}

    /** The revision a record goes out with: 0 when first emitted, the same when unchanged, else the next one. */
    static int revision(LedgerEntry before, String digest) {
        if (before == null) {
            return 0;
        }
        return before.digest.equals(digest) ? before.revision : before.revision + 1;
    }
}
