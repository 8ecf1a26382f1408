package io.chimera.telemetry.testing;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;

/**
 * A real single-node KRaft broker for measurements that need one (bench --latency --kafka-bootstrap): the same
 * broker the tests start, as a process of its own, with the job's four default topics. Prints its bootstrap
 * address, then runs until stopped (SIGTERM).
 *
 * <pre>
 * mvn -q -pl jobs dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java -cp jobs/target/test-classes:$(cat jobs/target/test-classpath.txt) io.chimera.telemetry.testing.KafkaBrokerMain
 * </pre>
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {}

    public static void main(String[] args) throws Exception {
        KafkaClusterTestKit kafka = KafkaTopics.startBroker();
        Properties admin = new Properties();
        admin.put("bootstrap.servers", kafka.bootstrapServers());
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(
                            new NewTopic("chimera.reports", 1, (short) 1),
                            new NewTopic("chimera.stats", 1, (short) 1),
                            new NewTopic("chimera.dead-letters", 1, (short) 1),
                            new NewTopic("chimera.alerts", 1, (short) 1)))
                    .all()
                    .get();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                kafka.close();
            } catch (Exception closing) {
                // The process is ending anyway.
            }
        }));
        System.out.println(kafka.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }
}
