package io.chimera.telemetry.jobs;

import io.chimera.telemetry.aggregate.LateArrivalCounter;
import io.chimera.telemetry.aggregate.RegressionDetector;
import io.chimera.telemetry.aggregate.RegressionSettings;
import io.chimera.telemetry.aggregate.SeriesIdentity;
import io.chimera.telemetry.aggregate.SeriesStatsAggregate;
import io.chimera.telemetry.aggregate.SeriesStatsWindowFunction;
import io.chimera.telemetry.aggregate.SplitArtifactRecords;
import io.chimera.telemetry.aggregate.WindowChanges;
import io.chimera.telemetry.aggregate.WindowSummaryFunction;
import io.chimera.telemetry.narrate.LlmSettings;
import io.chimera.telemetry.narrate.NarrateFunction;
import io.chimera.telemetry.narrate.PromptBuilder;
import io.chimera.telemetry.records.Alert;
import io.chimera.telemetry.records.ArtifactRecord;
import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.LateArrival;
import io.chimera.telemetry.records.MetricEvent;
import io.chimera.telemetry.records.Report;
import io.chimera.telemetry.records.SeriesKey;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.SeriesValue;
import io.chimera.telemetry.records.SummaryInput;
import io.chimera.telemetry.records.WindowSummary;
import io.chimera.telemetry.time.FlushingWatermarkGenerator;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The telemetry pipeline: artifacts in; per-series window statistics, per-suite window summaries and reports
 * out; dead letters and late arrivals accounted for. It takes its source and sinks, so tests run this very chain.
 */
public final class TelemetryJob {

    static final OutputTag<SeriesValue> LATE_EVENTS = new OutputTag<>("late-events") {};
    static final OutputTag<SummaryInput> LATE_SUMMARY_INPUTS = new OutputTag<>("late-summary-inputs") {};

    /** A series quiet for longer than this is no longer compared with its previous window. */
    static final Duration CHANGE_RETENTION = Duration.ofDays(30);

    private final Source<ArtifactRecord, ?, ?> source;
    private final TelemetrySinks sinks;
    private final EventTimeSettings time;
    private final LlmSettings llm;
    private final KafkaOutputs kafka;
    private final RegressionSettings regression;

    public TelemetryJob(
            Source<ArtifactRecord, ?, ?> source, TelemetrySinks sinks, EventTimeSettings time, LlmSettings llm) {
        this(source, sinks, time, llm, null, RegressionSettings.defaults());
    }

    private TelemetryJob(Source<ArtifactRecord, ?, ?> source, TelemetrySinks sinks, EventTimeSettings time,
            LlmSettings llm, KafkaOutputs kafka, RegressionSettings regression) {
        this.source = source;
        this.sinks = sinks;
        this.time = time;
        this.llm = llm;
        this.kafka = kafka;
        this.regression = regression;
    }

    /** The same job, writing to Kafka as well; the file outputs stay. */
    public TelemetryJob withKafka(KafkaOutputs outputs) {
        return new TelemetryJob(source, sinks, time, llm, outputs, regression);
    }

    /** The same job, judging regressions by these thresholds. */
    public TelemetryJob withRegression(RegressionSettings settings) {
        return new TelemetryJob(source, sinks, time, llm, kafka, settings);
    }

    public JobExecutionResult execute(StreamExecutionEnvironment env, String jobName) throws Exception {
        build(env);
        return env.execute(jobName);
    }

    /** Adds the pipeline to the environment without running it. */
    public void build(StreamExecutionEnvironment env) {
        Duration window = time.window();
        SingleOutputStreamOperator<MetricEvent> events = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "artifacts")
                .uid("artifact-source")
                .assignTimestampsAndWatermarks(watermarks(time.outOfOrderness(), time.flushTimeout()))
                .name("event-time")
                .uid("event-time")
                .process(new SplitArtifactRecords())
                .name("split-events-and-files")
                .uid("split-events-and-files");

        SingleOutputStreamOperator<SeriesStats> stats = events
                .map(SeriesIdentity::value)
                .name("series-values")
                .uid("series-values")
                .keyBy(SeriesValue::key, Types.TUPLE(Types.LONG, Types.LONG))
                .window(TumblingEventTimeWindows.of(window))
                .sideOutputLateData(LATE_EVENTS)
                .aggregate(new SeriesStatsAggregate(), new SeriesStatsWindowFunction())
                .name("series-statistics")
                .uid("series-statistics");

        SingleOutputStreamOperator<SeriesStats> judged = stats
                .keyBy(s -> SeriesIdentity.encode(new SeriesKey(s.suite, s.series, s.metric, s.unit)))
                .process(new RegressionDetector(regression))
                .name("regression-check")
                .uid("regression-check");
        DataStream<Alert> alerts = judged.getSideOutput(RegressionDetector.ALERTS);

        SingleOutputStreamOperator<WindowSummary> windowSummaries = judged
                .map(SummaryInput::of)
                .returns(TypeInformation.of(SummaryInput.class))
                .name("stats-to-summary")
                .uid("stats-to-summary")
                .union(events
                        .getSideOutput(SplitArtifactRecords.FILES)
                        .map(SummaryInput::of)
                        .returns(TypeInformation.of(SummaryInput.class))
                        .name("files-to-summary")
                        .uid("files-to-summary"),
                        alerts.map(SummaryInput::of)
                                .returns(TypeInformation.of(SummaryInput.class))
                                .name("alerts-to-summary")
                                .uid("alerts-to-summary"))
                .keyBy(SummaryInput::suite)
                .window(TumblingEventTimeWindows.of(window))
                .sideOutputLateData(LATE_SUMMARY_INPUTS)
                .process(new WindowSummaryFunction())
                .name("window-summaries")
                .uid("window-summaries");

        DataStream<LateArrival> lateArrivals = stats.getSideOutput(LATE_EVENTS)
                .map(LateArrival::of)
                .name("late-events")
                .uid("late-events")
                .union(windowSummaries.getSideOutput(LATE_SUMMARY_INPUTS)
                        .map(LateArrival::of)
                        .name("late-files")
                        .uid("late-files"));

        DataStream<WindowSummary> summaries = windowSummaries
                .keyBy(summary -> summary.suite)
                .connect(lateArrivals.keyBy(arrival -> arrival.suite))
                .process(new LateArrivalCounter())
                .name("count-late-arrivals")
                .uid("count-late-arrivals")
                .keyBy(summary -> summary.suite)
                .process(new WindowChanges(CHANGE_RETENTION))
                .name("changes-since-previous-window")
                .uid("changes-since-previous-window");

        // Flink's unordered async mode never lets a result overtake a watermark: with event-time watermarks
        // flowing in, a window's built-in (busy) report would wait behind the slow LLM calls before it, the queue
        // would fill and the source would stall (bench --slow-llm measured 60-90 s stalls). Nothing after
        // narration works in event time, so the watermarks stop here (the end-of-input one still passes), and
        // the queue, larger than the LLM's in-flight limit, never holds more than the calls under way.
        DataStream<WindowSummary> toNarrate = summaries
                .assignTimestampsAndWatermarks(WatermarkStrategy.noWatermarks())
                .name("narrate-without-watermarks")
                .uid("narrate-without-watermarks");
        DataStream<Report> reports = AsyncDataStream
                .unorderedWait(toNarrate, new NarrateFunction(llm, PromptBuilder.DEFAULT_MAX_SERIES),
                        llm.totalBudget().toMillis(), TimeUnit.MILLISECONDS, llm.maxInFlight() * 4 + 16)
                .name("narrate")
                .uid("narrate");

        stats.sinkTo(sinks.stats()).name("stats-sink").uid("stats-sink");
        summaries.sinkTo(sinks.summaries()).name("summary-sink").uid("summary-sink");
        reports.sinkTo(sinks.reports()).name("report-sink").uid("report-sink");
        reports.sinkTo(sinks.reportDocuments()).name("report-document-sink").uid("report-document-sink");
        DataStream<DeadLetter> deadLetters = events.getSideOutput(SplitArtifactRecords.DEAD_LETTERS);
        deadLetters.sinkTo(sinks.deadLetters()).name("dead-letter-sink").uid("dead-letter-sink");
        alerts.sinkTo(sinks.alerts()).name("alert-sink").uid("alert-sink");
        if (kafka != null) {
            reports.sinkTo(kafka.reports()).name("kafka-reports").uid("kafka-reports");
            stats.sinkTo(kafka.stats()).name("kafka-stats").uid("kafka-stats");
            deadLetters.sinkTo(kafka.deadLetters()).name("kafka-dead-letters").uid("kafka-dead-letters");
            alerts.sinkTo(kafka.alerts()).name("kafka-alerts").uid("kafka-alerts");
        }
    }

    static WatermarkStrategy<ArtifactRecord> watermarks(Duration outOfOrderness, Duration flushTimeout) {
        return WatermarkStrategy
                .<ArtifactRecord>forGenerator(context ->
                        new FlushingWatermarkGenerator<>(outOfOrderness, flushTimeout, System::currentTimeMillis))
                .withTimestampAssigner((record, previous) -> record.eventTime());
    }
}
