package io.chimera.telemetry.jobs;

import io.chimera.telemetry.aggregate.SeriesIdentity;
import io.chimera.telemetry.aggregate.SeriesStatsAggregate;
import io.chimera.telemetry.aggregate.SeriesStatsWindowFunction;
import io.chimera.telemetry.aggregate.SplitArtifactRecords;
import io.chimera.telemetry.aggregate.WindowSummaryFunction;
import io.chimera.telemetry.records.ArtifactRecord;
import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.MetricEvent;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.SummaryInput;
import io.chimera.telemetry.records.WindowSummary;
import java.time.Duration;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * The telemetry pipeline: artifacts in, per-series window statistics and per-suite window summaries out, with
 * dead letters on the side. It takes its source and sinks, so tests run the very same chain.
 */
public final class TelemetryJob {

    private final Source<ArtifactRecord, ?, ?> source;
    private final Sink<SeriesStats> statsSink;
    private final Sink<WindowSummary> summarySink;
    private final Sink<DeadLetter> deadLetterSink;
    private final Duration window;
    private final Duration outOfOrderness;

    public TelemetryJob(
            Source<ArtifactRecord, ?, ?> source,
            Sink<SeriesStats> statsSink,
            Sink<WindowSummary> summarySink,
            Sink<DeadLetter> deadLetterSink,
            Duration window,
            Duration outOfOrderness) {
        this.source = source;
        this.statsSink = statsSink;
        this.summarySink = summarySink;
        this.deadLetterSink = deadLetterSink;
        this.window = window;
        this.outOfOrderness = outOfOrderness;
    }

    public JobExecutionResult execute(StreamExecutionEnvironment env, String jobName) throws Exception {
        build(env);
        return env.execute(jobName);
    }

    /** Adds the pipeline to the environment without running it. */
    public void build(StreamExecutionEnvironment env) {
        WatermarkStrategy<ArtifactRecord> watermarks = WatermarkStrategy
                .<ArtifactRecord>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((record, previous) -> record.eventTime())
                .withIdleness(outOfOrderness.plusSeconds(1));

        SingleOutputStreamOperator<MetricEvent> events = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "artifacts")
                .uid("artifact-source")
                .assignTimestampsAndWatermarks(watermarks)
                .name("event-time")
                .uid("event-time")
                .process(new SplitArtifactRecords())
                .name("split-events-and-files")
                .uid("split-events-and-files");

        DataStream<SeriesStats> stats = events
                .keyBy(SeriesIdentity::keyString)
                .window(TumblingEventTimeWindows.of(window))
                .aggregate(new SeriesStatsAggregate(), new SeriesStatsWindowFunction())
                .name("series-statistics")
                .uid("series-statistics");

        DataStream<SummaryInput> statsForSummary = stats
                .map(SummaryInput::of)
                .returns(TypeInformation.of(SummaryInput.class))
                .name("stats-to-summary")
                .uid("stats-to-summary");
        DataStream<SummaryInput> filesForSummary = events
                .getSideOutput(SplitArtifactRecords.FILES)
                .map(SummaryInput::of)
                .returns(TypeInformation.of(SummaryInput.class))
                .name("files-to-summary")
                .uid("files-to-summary");

        DataStream<WindowSummary> summaries = statsForSummary
                .union(filesForSummary)
                .keyBy(SummaryInput::suite)
                .window(TumblingEventTimeWindows.of(window))
                .process(new WindowSummaryFunction())
                .name("window-summaries")
                .uid("window-summaries");

        stats.sinkTo(statsSink).name("stats-sink").uid("stats-sink");
        summaries.sinkTo(summarySink).name("summary-sink").uid("summary-sink");
        events.getSideOutput(SplitArtifactRecords.DEAD_LETTERS)
                .sinkTo(deadLetterSink)
                .name("dead-letter-sink")
                .uid("dead-letter-sink");
    }
}
