package io.chimera.telemetry.harness;

import io.chimera.telemetry.jobs.JobOptions;
import io.chimera.telemetry.jobs.JobSettings;
import io.chimera.telemetry.jobs.Pipelines;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The yardstick for the whole job: a plain Flink job over the same farm with the stock {@link FileSource} (one
 * split per file, handed out by the enumerator) reading every line and discarding it, on the same local
 * environment as the telemetry job's bounded run. What the framework's default costs before any of our work.
 */
public final class FileSourceBaseline {

    public static final String LINES_ACCUMULATOR = "baseline-lines";

    private FileSourceBaseline() {}

    /** Runs the plain job over the farm to its end; its result holds the lines read. */
    public static JobExecutionResult run(Path farm, int parallelism) throws Exception {
        Configuration options = new Configuration();
        options.set(JobOptions.INPUT, List.of(farm.toString()));
        options.set(JobOptions.ONCE, true);
        options.set(JobOptions.PARALLELISM, parallelism);
        JobSettings settings = JobSettings.from(options);
        StreamExecutionEnvironment env = Pipelines.localEnvironment(settings);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        FileSource<String> source = FileSource.forRecordStreamFormat(
                        new TextLineInputFormat(), new org.apache.flink.core.fs.Path(farm.toUri()))
                .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "file-source")
                .map(new CountLines())
                .name("count-lines")
                .sinkTo(new DiscardingSink<>())
                .name("discard");
        return env.execute("file-source-baseline");
    }

    public static long lines(JobExecutionResult result) {
        Object lines = result.getAccumulatorResult(LINES_ACCUMULATOR);
        return lines instanceof Number number ? number.longValue() : 0;
    }

    private static final class CountLines extends RichMapFunction<String, Integer> {
        private transient LongCounter lines;

        @Override
        public void open(OpenContext context) {
            lines = getRuntimeContext().getLongCounter(LINES_ACCUMULATOR);
        }

        @Override
        public Integer map(String line) {
            lines.add(1);
            return line.length();
        }
    }
}
