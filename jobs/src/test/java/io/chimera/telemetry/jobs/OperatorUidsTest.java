package io.chimera.telemetry.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint finds each operator's state by the operator's uid. A generated one is a hash of the topology, so any
 * change to the job would strand the state of a savepoint taken before it (deploy/README.md, "Stopping, upgrading
 * and resuming on a cluster").
 */
class OperatorUidsTest {

    @Test
    void everyOperatorOfTheClusterJobHasAUidOfItsOwn(@TempDir Path dir) {
        JobSettings settings = JobArguments.parse(new String[] {
            "--input",
            dir.toString(),
            "--output",
            dir.resolve("out").toString(),
            "--kafka-bootstrap",
            "127.0.0.1:9092",
            "--kafka-transactional-id-prefix",
            "uids"
        });
        Configuration noGeneratedUids = new Configuration();
        // With this off, Flink refuses to build the graph when an operator has no uid, and names the operator.
        noGeneratedUids.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(noGeneratedUids);
        Pipelines.configure(env, settings);
        Pipelines.telemetryJob(settings).build(env);
        StreamGraph graph = env.getStreamGraph();
        graph.getJobGraph();

        List<String> uids = graph.getStreamNodes().stream()
                .map(StreamNode::getTransformationUID)
                .toList();
        // A sink's committer (the Kafka transactions and files a savepoint holds) takes its uid from the sink's.
        assertTrue(uids.containsAll(List.of("kafka-reports", "Sink Committer: kafka-reports")), uids.toString());
        assertEquals(uids.size(), uids.stream().distinct().count(), uids.toString());
    }
}
