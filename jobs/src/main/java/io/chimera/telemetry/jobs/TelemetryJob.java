package io.chimera.telemetry.jobs;

import io.chimera.telemetry.aggregate.CombineAcrossFiles;
import io.chimera.telemetry.aggregate.CombineFileValues;
import io.chimera.telemetry.aggregate.CombineInventoryEntries;
import io.chimera.telemetry.aggregate.RegressionDetector;
import io.chimera.telemetry.aggregate.RegressionSettings;
import io.chimera.telemetry.aggregate.RevisionWindows;
import io.chimera.telemetry.aggregate.SeriesIdentity;
import io.chimera.telemetry.aggregate.SeriesNaming;
import io.chimera.telemetry.aggregate.SeriesWindowRevisions;
import io.chimera.telemetry.aggregate.SuiteWindowRevisions;
import io.chimera.telemetry.aggregate.TooLateCounter;
import io.chimera.telemetry.aggregate.WindowChanges;
import io.chimera.telemetry.emit.KafkaOutputs;
import io.chimera.telemetry.emit.RerunOutputs;
import io.chimera.telemetry.emit.TelemetrySinks;
import io.chimera.telemetry.narrate.DropSupersededRevisions;
import io.chimera.telemetry.narrate.LlmSettings;
import io.chimera.telemetry.narrate.NarrationBacklog;
import io.chimera.telemetry.narrate.PromptBuilder;
import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.ArtifactRecord;
import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.SeriesKey;
import io.chimera.telemetry.records.SeriesPartial;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.SummaryInput;
import io.chimera.telemetry.records.TooLate;
import io.chimera.telemetry.records.WindowSummary;
import io.chimera.telemetry.rerun.LedgerKind;
import io.chimera.telemetry.rerun.NewOrChangedOnly;
import io.chimera.telemetry.source.ArtifactRecordType;
import io.chimera.telemetry.time.FileTimeWatermarks;
import java.time.Duration;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The telemetry pipeline: artifacts in; per-series window statistics, per-suite window summaries and reports
 * out, each revised when late files land in its window; dead letters and too-late values accounted for. It takes
 * its source and sinks, so tests run this very chain.
 */
public final class TelemetryJob {

    /** A series quiet for longer than this is no longer compared with its previous window. */
    static final Duration CHANGE_RETENTION = Duration.ofDays(30);

    /**
     * A bounded run's source task holds at most this many series windows' values before sending them on: a few
     * MB for typical series of tens of values each, at most 16 KB each (a full sketch).
     */
    static final int MAX_SERIES_WINDOWS_HELD = 8192;

    /** As many suite windows' inventory entries, added up: a window's folders and dead letters are its size. */
    static final int MAX_SUITE_WINDOWS_HELD = 1024;

    private final Source<ArtifactRecord, ?, ?> source;
    private final TelemetrySinks sinks;
    private final EventTimeSettings time;
    private final LlmSettings llm;
    private final KafkaOutputs kafka;
    private final RegressionSettings regression;
    private final SeriesNaming seriesNaming;
    private final RerunOutputs rerun;

    public TelemetryJob(
            Source<ArtifactRecord, ?, ?> source, TelemetrySinks sinks, EventTimeSettings time, LlmSettings llm) {
        this(source, sinks, time, llm, null, RegressionSettings.defaults(), SeriesNaming.automatic(), null);
    }

    private TelemetryJob(
            Source<ArtifactRecord, ?, ?> source,
            TelemetrySinks sinks,
            EventTimeSettings time,
            LlmSettings llm,
            KafkaOutputs kafka,
            RegressionSettings regression,
            SeriesNaming seriesNaming,
            RerunOutputs rerun) {
        this.source = source;
        this.sinks = sinks;
        this.time = time;
        this.llm = llm;
        this.kafka = kafka;
        this.regression = regression;
        this.seriesNaming = seriesNaming;
        this.rerun = rerun;
    }

    /** The same job, writing to Kafka as well; the file outputs stay. */
    public TelemetryJob withKafka(KafkaOutputs outputs) {
        return new TelemetryJob(source, sinks, time, llm, outputs, regression, seriesNaming, rerun);
    }

    /** The same job, judging regressions by these thresholds. */
    public TelemetryJob withRegression(RegressionSettings settings) {
        return new TelemetryJob(source, sinks, time, llm, kafka, settings, seriesNaming, rerun);
    }

    /** The same job, naming series from file paths this way. */
    public TelemetryJob withSeriesNaming(SeriesNaming naming) {
        return new TelemetryJob(source, sinks, time, llm, kafka, regression, naming, rerun);
    }

    /**
     * The same job emitting, in a bounded run, only what earlier runs over the same output did not: new records,
     * and changed ones as their next revision (see {@link NewOrChangedOnly}); what it emits goes to the ledger too.
     * Ignored in a watching job, whose checkpoints keep what it emitted.
     */
    public TelemetryJob withRerunLedger(RerunOutputs outputs) {
        return new TelemetryJob(source, sinks, time, llm, kafka, regression, seriesNaming, outputs);
    }

    public JobExecutionResult execute(StreamExecutionEnvironment env, String jobName) throws Exception {
        build(env);
        return env.execute(jobName);
    }

    /**
     * Adds the pipeline to the environment without running it, stage by stage: ingest, aggregate, judge,
     * summarise, (in a rerun) keep only what is new, narrate, emit.
     */
    public void build(StreamExecutionEnvironment env) {
        RevisionWindows windows = time.windows();
        SingleOutputStreamOperator<SeriesPartial> partials = ingest(env, windows);
        SingleOutputStreamOperator<SeriesStats> stats = aggregate(partials, windows, bounded(env));
        Outputs outputs = summarise(partials, stats, judge(stats), windows, bounded(env));
        if (rerun != null && bounded(env)) {
            outputs = newOrChangedOnly(outputs);
        }
        emit(outputs, narrate(outputs.summaries(), bounded(env)));
    }

    /** What the job emits, before narration. */
    private record Outputs(
            DataStream<SeriesStats> stats,
            DataStream<Alert> alerts,
            DataStream<DeadLetter> deadLetters,
            DataStream<WindowSummary> summaries,
            DataStream<TooLate> tooLate) {}

    /** Files in, each stamped with its time, its values combined per series and window (dead letters aside). */
    private SingleOutputStreamOperator<SeriesPartial> ingest(StreamExecutionEnvironment env, RevisionWindows windows) {
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "artifacts")
                .uid("artifact-source")
                .transform(
                        "event-time",
                        ArtifactRecordType.INSTANCE,
                        new FileTimeWatermarks(time.basis(), time.outOfOrderness(), time.flushTimeout(), !bounded(env)))
                .uid("event-time")
                .process(new CombineFileValues(time.basis(), windows, seriesNaming))
                .name("combine-file-values")
                .uid("combine-file-values");
    }

    /**
     * Each series' statistics per window, revised when late files land in it. A bounded run first merges many
     * files' values per series and window in the source task.
     */
    private static SingleOutputStreamOperator<SeriesStats> aggregate(
            DataStream<SeriesPartial> partials, RevisionWindows windows, boolean bounded) {
        DataStream<SeriesPartial> input = !bounded
                ? partials
                : partials.transform(
                                "combine-across-files",
                                TypeInformation.of(SeriesPartial.class),
                                new CombineAcrossFiles(MAX_SERIES_WINDOWS_HELD))
                        .uid("combine-across-files");
        return input.keyBy(SeriesPartial::key, Types.TUPLE(Types.LONG, Types.LONG, Types.LONG))
                .process(new SeriesWindowRevisions(windows))
                .name("series-statistics")
                .uid("series-statistics");
    }

    /** Each window's statistics against the series' baseline: regressions and improvements as alerts. */
    private SingleOutputStreamOperator<SeriesStats> judge(DataStream<SeriesStats> stats) {
        return stats.keyBy(s -> SeriesIdentity.encode(new SeriesKey(s.suite, s.series, s.metric, s.unit)))
                .process(new RegressionDetector(regression))
                .name("regression-check")
                .uid("regression-check");
    }

    /**
     * Each suite's window summary (statistics, inventory, alerts, findings), with the values that came too late
     * counted in and what changed since the previous window.
     */
    private Outputs summarise(
            SingleOutputStreamOperator<SeriesPartial> partials,
            SingleOutputStreamOperator<SeriesStats> stats,
            SingleOutputStreamOperator<SeriesStats> judged,
            RevisionWindows windows,
            boolean bounded) {
        DataStream<Alert> alerts = judged.getSideOutput(RegressionDetector.ALERTS);
        SingleOutputStreamOperator<WindowSummary> windowSummaries = judged.map(SummaryInput::of)
                .returns(TypeInformation.of(SummaryInput.class))
                .name("stats-to-summary")
                .uid("stats-to-summary")
                .union(
                        inventoryEntries(partials.getSideOutput(CombineFileValues.FILES), bounded),
                        alerts.map(SummaryInput::of)
                                .returns(TypeInformation.of(SummaryInput.class))
                                .name("alerts-to-summary")
                                .uid("alerts-to-summary"))
                .keyBy(SummaryInput::key, Types.TUPLE(Types.STRING, Types.LONG))
                .process(new SuiteWindowRevisions(windows, regression))
                .name("window-summaries")
                .uid("window-summaries");
        DataStream<TooLate> tooLate = partials.getSideOutput(CombineFileValues.TOO_LATE)
                .union(
                        stats.getSideOutput(SeriesWindowRevisions.TOO_LATE),
                        windowSummaries.getSideOutput(SuiteWindowRevisions.TOO_LATE));
        DataStream<WindowSummary> summaries = windowSummaries
                .keyBy(summary -> summary.suite)
                .connect(tooLate.keyBy(late -> late.suite))
                .process(new TooLateCounter(keepRevisions()))
                .name("count-too-late")
                .uid("count-too-late")
                .keyBy(summary -> summary.suite)
                .process(new WindowChanges(CHANGE_RETENTION))
                .name("changes-since-previous-window")
                .uid("changes-since-previous-window");
        return new Outputs(stats, alerts, partials.getSideOutput(CombineFileValues.DEAD_LETTERS), summaries, tooLate);
    }

    /**
     * Each file's inventory entries, to the window summaries; a bounded run first adds many files' entries up per
     * suite and window in the source task.
     */
    private static DataStream<SummaryInput> inventoryEntries(DataStream<FileLanded> entries, boolean bounded) {
        if (bounded) {
            return entries.transform(
                            "combine-inventory-entries",
                            TypeInformation.of(SummaryInput.class),
                            new CombineInventoryEntries(MAX_SUITE_WINDOWS_HELD))
                    .uid("combine-inventory-entries");
        }
        return entries.map(SummaryInput::of)
                .returns(TypeInformation.of(SummaryInput.class))
                .name("files-to-summary")
                .uid("files-to-summary");
    }

    /** A rerun emits only what earlier runs over the same output did not, and records what it emits. */
    private Outputs newOrChangedOnly(Outputs all) {
        SingleOutputStreamOperator<SeriesStats> stats = all.stats()
                .process(new NewOrChangedOnly<>(rerun.ledger(), LedgerKind.STATS))
                .name("new-or-changed-stats")
                .uid("new-or-changed-stats");
        SingleOutputStreamOperator<Alert> alerts = all.alerts()
                .process(new NewOrChangedOnly<>(rerun.ledger(), LedgerKind.ALERTS))
                .name("new-or-changed-alerts")
                .uid("new-or-changed-alerts");
        SingleOutputStreamOperator<DeadLetter> deadLetters = all.deadLetters()
                .process(new NewOrChangedOnly<>(rerun.ledger(), LedgerKind.DEAD_LETTERS))
                .name("new-or-changed-dead-letters")
                .uid("new-or-changed-dead-letters");
        SingleOutputStreamOperator<WindowSummary> summaries = all.summaries()
                .process(NewOrChangedOnly.summaries(rerun.ledger()))
                .name("new-or-changed-summaries")
                .uid("new-or-changed-summaries");
        stats.getSideOutput(NewOrChangedOnly.LEDGER)
                .union(
                        alerts.getSideOutput(NewOrChangedOnly.LEDGER),
                        deadLetters.getSideOutput(NewOrChangedOnly.LEDGER),
                        summaries.getSideOutput(NewOrChangedOnly.LEDGER))
                .sinkTo(rerun.sink())
                .name("rerun-ledger-sink")
                .uid("rerun-ledger-sink");
        return new Outputs(stats, alerts, deadLetters, summaries, all.tooLate());
    }

    /** One backlog for the one LLM: it orders every window waiting for it, and never holds the numbers back. */
    private DataStream<Report> narrate(DataStream<WindowSummary> summaries, boolean bounded) {
        return summaries
                .transform(
                        "narrate",
                        TypeInformation.of(Report.class),
                        new NarrationBacklog(llm, PromptBuilder.DEFAULT_MAX_SERIES, !bounded))
                .setParallelism(1)
                .uid("narrate")
                // Answers come in any order: a window's reports must leave in revision order.
                .keyBy(DropSupersededRevisions::key, Types.TUPLE(Types.STRING, Types.STRING))
                .process(new DropSupersededRevisions(keepRevisions()))
                .name("drop-superseded-revisions")
                .uid("drop-superseded-revisions");
    }

    /** Every output to its files, and to Kafka when asked. */
    private void emit(Outputs outputs, DataStream<Report> reports) {
        outputs.stats().sinkTo(sinks.stats()).name("stats-sink").uid("stats-sink");
        outputs.summaries().sinkTo(sinks.summaries()).name("summary-sink").uid("summary-sink");
        reports.sinkTo(sinks.reports()).name("report-sink").uid("report-sink");
        // One writer per suite: a suite's trend lines are kept in its folder, and two writers would overwrite each
        // other's points.
        reports.keyBy(report -> report.suite)
                .sinkTo(sinks.reportDocuments())
                .name("report-document-sink")
                .uid("report-document-sink");
        outputs.deadLetters()
                .sinkTo(sinks.deadLetters())
                .name("dead-letter-sink")
                .uid("dead-letter-sink");
        outputs.alerts().sinkTo(sinks.alerts()).name("alert-sink").uid("alert-sink");
        outputs.tooLate().sinkTo(sinks.tooLate()).name("too-late-sink").uid("too-late-sink");
        if (kafka != null) {
            reports.sinkTo(kafka.reports()).name("kafka-reports").uid("kafka-reports");
            outputs.stats().sinkTo(kafka.stats()).name("kafka-stats").uid("kafka-stats");
            outputs.deadLetters()
                    .sinkTo(kafka.deadLetters())
                    .name("kafka-dead-letters")
                    .uid("kafka-dead-letters");
            outputs.alerts().sinkTo(kafka.alerts()).name("kafka-alerts").uid("kafka-alerts");
        }
    }

    /** How long a window's revisions are remembered: past the horizon a window takes no more. */
    private Duration keepRevisions() {
        return time.revisionHorizon().plus(time.window()).plus(Duration.ofDays(1));
    }

    private static boolean bounded(StreamExecutionEnvironment env) {
        return env.getConfiguration().get(ExecutionOptions.RUNTIME_MODE) == RuntimeExecutionMode.BATCH;
    }
}
