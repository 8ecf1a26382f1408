package io.chimera.telemetry.narrate;

import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.ReportStatus;
import io.chimera.telemetry.records.WindowSummary;
import java.util.concurrent.RejectedExecutionException;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.YieldingOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Narrates every closed window with the LLM without ever holding the numbers back. A watching job sends each
 * window's report at once with the built-in narrative (status {@code narration_pending}) and the LLM's as its
 * next revision; a bounded run sends each window's final report only, and waits at its end, within the budget,
 * for the LLM to narrate every window. Windows wait in a backlog kept in the checkpoints, so a restart asks about
 * them again; at most {@code maxInFlight} calls run at once, their answers come back through the task's mailbox,
 * and nothing here ever blocks: a slow or dead LLM delays neither the input nor a checkpoint. What is given up on
 * (superseded, too old, beyond the backlog's size, beyond the budget) keeps its built-in narrative, and its status
 * says why (see {@link NarrationQueue} for the order).
 *
 * <p>Run it with parallelism 1: the LLM is one scarce resource, and one backlog orders all of its windows.
 */
public final class NarrationBacklog extends AbstractStreamOperator<Report>
        implements OneInputStreamOperator<WindowSummary, Report>,
                BoundedOneInput,
                YieldingOperator<Report>,
                ProcessingTimeCallback {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(NarrationBacklog.class);
    /** How often a watching job looks for windows that waited too long, and a bounded run says how far it got. */
    private static final long TICK_MILLIS = 1_000;

    private static final long PROGRESS_MILLIS = 5_000;

    private final LlmSettings settings;
    private final int maxSeries;
    private final boolean live;

    private transient MailboxExecutor mailbox;
    private transient ListState<NarrationQueue.Entry> checkpointed;
    private transient NarrationQueue queue;
    private transient Narration narration;
    private transient int inFlight;
    private transient long narrated;
    private transient long windows;
    private transient long lastProgress;
    private transient Counter superseded;
    private transient Counter expired;
    private transient Counter pushedOut;
    private transient Counter budgetCut;
    private transient volatile int backlogSize;
    private transient volatile long oldestEnqueuedAt;
    private transient volatile int inFlightNow;

    /**
     * @param live a watching job: reports go out at once and again with the LLM's narrative, and a suite's older
     *     waiting windows are superseded by its newest; otherwise (a bounded run) one final report per window
     */
    public NarrationBacklog(LlmSettings settings, int maxSeries, boolean live) {
        this.settings = settings;
        this.maxSeries = maxSeries;
        this.live = live;
    }

    @Override
    public void setMailboxExecutor(MailboxExecutor mailboxExecutor) {
        this.mailbox = mailboxExecutor;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        checkpointed = context.getOperatorStateStore()
                .getListState(
                        new ListStateDescriptor<>("narration-backlog", TypeInformation.of(NarrationQueue.Entry.class)));
        queue = new NarrationQueue();
        if (context.isRestored()) {
            queue.restore(checkpointed.get());
            if (!queue.isEmpty()) {
                LOG.info(
                        "narration: {} windows waited for the LLM at the checkpoint; asking about them again",
                        queue.size());
            }
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        MetricGroup metrics = getMetricGroup().addGroup("chimera");
        narration = new Narration(settings, maxSeries, Narrators.create(settings), metrics);
        superseded = metrics.counter("narrationsSuperseded");
        expired = metrics.counter("narrationsExpired");
        pushedOut = metrics.counter("narrationsBacklogFull");
        budgetCut = metrics.counter("narrationsOverBudget");
        metrics.gauge("narrationBacklog", () -> backlogSize);
        metrics.gauge(
                "oldestPendingSeconds",
                () -> oldestEnqueuedAt == Long.MAX_VALUE
                        ? 0L
                        : Math.max(0L, (System.currentTimeMillis() - oldestEnqueuedAt) / 1000));
        metrics.gauge("llmInFlight", () -> inFlightNow);
        observe();
        if (!queue.isEmpty()) {
            mailbox.execute(this::dispatch, "narrate the restored backlog");
        }
        if (live) {
            getProcessingTimeService().registerTimer(now() + TICK_MILLIS, this);
        }
    }

    @Override
    public void processElement(StreamRecord<WindowSummary> element) {
        WindowSummary summary = element.getValue();
        windows++;
        if (narration.builtinOnly()) {
            emit(narration.builtin(summary, ReportStatus.OK.text()));
            return;
        }
        if (live) {
            emit(narration.builtin(summary, Narration.PENDING));
        }
        for (NarrationQueue.Entry entry :
                queue.add(summary, now(), settings.backlog().maxWindows())) {
            pushedOut.inc();
            emit(narration.builtin(entry.summary, Narration.BACKLOG_FULL));
        }
        dispatch();
    }

    /** Nothing after narration works in event time; only the end of input passes. */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            super.processWatermark(mark);
        }
    }

    @Override
    public void onProcessingTime(long time) {
        dispatch();
        if (live) {
            getProcessingTimeService().registerTimer(now() + TICK_MILLIS, this);
        }
    }

    /** Asks the LLM about the most valuable waiting windows while calls are free; gives up on what is due. */
    private void dispatch() {
        boolean free;
        do {
            free = inFlight < settings.maxInFlight();
            NarrationQueue.Next next =
                    queue.next(now(), settings.backlog().maxAge().toMillis(), live, free);
            for (NarrationQueue.Entry entry : next.superseded()) {
                superseded.inc();
                emit(narration.builtin(entry.summary, Narration.SUPERSEDED));
            }
            for (NarrationQueue.Entry entry : next.expired()) {
                expired.inc();
                emit(narration.builtin(entry.summary, Narration.EXPIRED));
            }
            if (next.ask().isEmpty()) {
                break;
            }
            ask(next.ask().get());
        } while (free);
        observe();
    }

    private void ask(NarrationQueue.Entry entry) {
        String key = entry.key();
        WindowSummary summary = entry.summary;
        int revision = summary.revision;
        Prompt prompt = narration.prompt(summary, entry.earlierWindowsText());
        inFlight++;
        narration.ask(prompt).whenComplete((reply, error) -> {
            try {
                mailbox.execute(() -> answered(key, revision, summary, prompt, reply, error), "narration answer");
            } catch (RejectedExecutionException closing) {
                // The task is shutting down: the window is still in the checkpointed backlog.
            }
        });
    }

    private void answered(
            String key, int revision, WindowSummary summary, Prompt prompt, LlmReply reply, Throwable error) {
        inFlight--;
        if (queue.answered(key, revision).isPresent()) {
            Report report = narration.answered(summary, prompt, reply, error);
            if (ReportStatus.of(report.status) == ReportStatus.OK) {
                narrated++;
            }
            emit(report);
        }
        if (!live && now() - lastProgress >= PROGRESS_MILLIS) {
            progress();
        }
        dispatch();
    }

    /** A bounded run's end (or a drained watching job's): waits, within the budget, for every waiting window. */
    @Override
    public void endInput() throws Exception {
        long deadline = now() + settings.backlog().budget().toMillis();
        if (!queue.isEmpty()) {
            LOG.info(
                    "narration: {} windows wait for the LLM ({} calls at once, budget {})",
                    queue.size(),
                    settings.maxInFlight(),
                    settings.backlog().budget());
            // Wakes the wait below at the deadline even when no answer comes.
            getProcessingTimeService().registerTimer(deadline, time -> {});
        }
        while (!queue.isEmpty() && now() < deadline) {
            dispatch();
            mailbox.yield();
        }
        for (NarrationQueue.Entry entry : queue.drain()) {
            budgetCut.inc();
            emit(narration.builtin(entry.summary, Narration.BUDGET));
        }
        observe();
        if (!narration.builtinOnly()) {
            progress();
        }
    }

    private void progress() {
        lastProgress = now();
        LOG.info(
                "narration: {} of {} windows narrated by the LLM, {} waiting, {} under way",
                narrated,
                windows,
                queue.size(),
                inFlight);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        checkpointed.update(queue.entries());
    }

    @Override
    public void close() throws Exception {
        if (narration != null) {
            narration.close();
        }
        super.close();
    }

    private void emit(Report report) {
        output.collect(new StreamRecord<>(report));
    }

    private void observe() {
        backlogSize = queue.size();
        oldestEnqueuedAt = queue.oldestEnqueuedAt();
        inFlightNow = inFlight;
    }

    private long now() {
        return getProcessingTimeService().getCurrentProcessingTime();
    }
}
