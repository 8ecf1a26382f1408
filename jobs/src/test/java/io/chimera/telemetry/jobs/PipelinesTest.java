package io.chimera.telemetry.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelinesTest {

    @Test
    void aLocalContinuousRunCheckpointsToDiskBesideItsOutputs(@TempDir Path root) {
        JobSettings settings = JobSettings.defaults(List.of(root.toString()), root.resolve("out").toString());

        StreamExecutionEnvironment env = Pipelines.localEnvironment(
                new JobSettings(settings.inputs(), settings.output(), false, settings.discoveryInterval(),
                        settings.eventTime(), settings.settleTime(), settings.discoveryLookback(),
                        settings.checkpointInterval(), 1, 0, settings.maxFileBytes(), settings.llm(), null,
                        settings.regression()));

        // The JobManager's in-memory storage would refuse revisable windows' state past 5 MB.
        assertEquals("filesystem", env.getConfiguration().get(CheckpointingOptions.CHECKPOINT_STORAGE));
        assertEquals(root.resolve("out").resolve(Pipelines.CHECKPOINTS).toUri().toString(),
                env.getConfiguration().get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
        assertTrue(env.getCheckpointConfig().isCheckpointingEnabled());
        // Days of revisable windows: on disk, and each checkpoint writes only what changed.
        assertEquals("rocksdb", env.getConfiguration().get(StateBackendOptions.STATE_BACKEND));
        assertTrue(env.getConfiguration().get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS));
    }
}
