package io.chimera.telemetry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chimera.telemetry.jobs.JobArguments;
import io.chimera.telemetry.jobs.JobSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine or Kubernetes runs where this is built, so the deployment files are checked against the build
 * instead: versions, entry class, jar name, job arguments, ports and the folders the job reads and writes.
 */
class DeploymentFilesTest {

    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String FLINK_IMAGE = "flink:" + System.getProperty("flink.version") + "-java17";
    private static final String JAR = "chimera-jobs-" + System.getProperty("project.version") + "-job.jar";
    private static final String ENTRY_CLASS = "io.chimera.telemetry.jobs.TelemetryJobMain";

    @Test
    void flinkConfigLoadsWithFlinksOwnParser() {
        Configuration config = GlobalConfiguration.loadConfiguration(
                PROJECT.resolve("deploy/flink").toString());

        assertEquals("EXACTLY_ONCE", config.getString("execution.checkpointing.mode", null));
        assertEquals("fixed-delay", config.getString("restart-strategy.type", null));
        assertEquals(
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
                config.getString("metrics.reporter.prom.factory.class", null));
        assertEquals("9249-9252", config.getString("metrics.reporter.prom.port", null));
        assertEquals("16", config.getString("source.reader.element.queue.capacity", null));
        // deploy/README.md resumes a cancelled or failed job from its last checkpoint.
        assertEquals(
                "RETAIN_ON_CANCELLATION",
                config.getString("execution.checkpointing.externalized-checkpoint-retention", null));
    }

    @Test
    void composeRunsTheProjectsFlinkAndKafkaVersions() throws IOException {
        JsonNode services = compose().get("services");

        assertEquals(
                "apache/kafka:" + System.getProperty("kafka.version"),
                services.get("kafka").get("image").asText());
        for (String flink : List.of("jobmanager", "taskmanager", "submit")) {
            assertEquals(FLINK_IMAGE, services.get(flink).get("image").asText(), flink);
        }
        assertTrue(ports(services.get("jobmanager")).contains("127.0.0.1:8081:8081"));
        assertTrue(ports(services.get("kafka")).contains("127.0.0.1:9092:9092"));
        assertTrue(ports(services.get("ollama")).contains("127.0.0.1:11434:11434"));
        assertTrue(ports(services.get("prometheus")).contains("127.0.0.1:9090:9090"));
    }

    @Test
    void composeSubmitsTheShadedJarWithArgumentsTheJobAccepts() throws Exception {
        JsonNode services = compose().get("services");
        List<String> command = strings(services.get("submit").get("command"));

        int entry = command.indexOf("-c");
        assertEquals(ENTRY_CLASS, command.get(entry + 1));
        String jarInContainer = command.get(entry + 2);
        assertTrue(
                strings(services.get("submit").get("volumes"))
                        .contains("./jobs/target/" + JAR + ":" + jarInContainer + ":ro"),
                "the built jar is mounted where it is run");
        JobSettings settings =
                JobArguments.parse(command.subList(entry + 3, command.size()).toArray(new String[0]));

        // The job reads and writes through the TaskManagers (and plans on the JobManager): both mount the folders.
        for (String flink : List.of("jobmanager", "taskmanager")) {
            List<String> mounts = containerPaths(services.get(flink).get("volumes"));
            assertTrue(mounts.contains(settings.inputs().get(0)), flink + " mounts the watched folder: " + mounts);
            assertTrue(mounts.contains(settings.output()), flink + " mounts the output folder: " + mounts);
        }
        assertEquals("kafka:9092", settings.kafka().bootstrapServers());
        assertEquals("http://ollama:11434", settings.llm().baseUrl());
        assertTrue(Class.forName(ENTRY_CLASS, false, getClass().getClassLoader()) != null);
    }

    @Test
    void prometheusScrapesTheReportersPorts() throws IOException {
        JsonNode prometheus = YAML.readTree(
                PROJECT.resolve("deploy/prometheus/prometheus.yml").toFile());
        List<String> targets = strings(prometheus
                .get("scrape_configs")
                .get(0)
                .get("static_configs")
                .get(0)
                .get("targets"));

        for (String target : targets) {
            int port = Integer.parseInt(target.substring(target.indexOf(':') + 1));
            assertTrue(port >= 9249 && port <= 9252, target + " is outside metrics.reporter.prom.port 9249-9252");
        }
        assertEquals(List.of("jobmanager:9249", "taskmanager:9250"), targets);
    }

    @Test
    void kubernetesDeploymentRunsTheEntryClassWithArgumentsTheJobAccepts() throws Exception {
        JsonNode deployment = YAML.readTree(
                PROJECT.resolve("deploy/k8s/flink-deployment.yaml").toFile());

        assertEquals("FlinkDeployment", deployment.get("kind").asText());
        String[] version = System.getProperty("flink.version").split("\\.");
        assertEquals(
                "v" + version[0] + "_" + version[1],
                deployment.get("spec").get("flinkVersion").asText());
        JsonNode job = deployment.get("spec").get("job");
        assertEquals(ENTRY_CLASS, job.get("entryClass").asText());
        assertEquals(
                "local:///opt/flink/usrlib/chimera-jobs-job.jar",
                job.get("jarURI").asText());
        assertEquals("savepoint", job.get("upgradeMode").asText(), "an upgrade carries the state over");
        JobSettings settings = JobArguments.parse(strings(job.get("args")).toArray(new String[0]));
        List<String> mounts = containerPaths(deployment
                .get("spec")
                .get("podTemplate")
                .get("spec")
                .get("containers")
                .get(0)
                .get("volumeMounts"));
        assertTrue(mounts.contains(settings.inputs().get(0)), mounts.toString());
        assertTrue(settings.output().startsWith("/flink-data/"), settings.output());
        assertNotNull(settings.kafka());
        JsonNode flinkConfiguration = deployment.get("spec").get("flinkConfiguration");
        assertEquals(
                "EXACTLY_ONCE",
                flinkConfiguration.get("execution.checkpointing.mode").asText());
        assertEquals("false", flinkConfiguration.get("web.submit.enable").asText(), "no jar uploads");
        assertEquals(
                "ClusterIP",
                flinkConfiguration.get("kubernetes.rest-service.exposed.type").asText(),
                "the REST API inside the cluster");
    }

    @Test
    void composePublishesEveryPortOnTheHostsLoopbackOnly() throws IOException {
        JsonNode services = compose().get("services");
        List<String> published = new ArrayList<>();
        services.forEach(service -> {
            if (service.has("ports")) {
                published.addAll(ports(service));
            }
        });

        assertTrue(published.size() >= 6, published.toString());
        assertTrue(published.stream().allMatch(port -> port.startsWith("127.0.0.1:")), published.toString());
    }

    private static JsonNode compose() throws IOException {
        return YAML.readTree(PROJECT.resolve("docker-compose.yml").toFile());
    }

    private static List<String> ports(JsonNode service) {
        return strings(service.get("ports"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** The container side of {@code host:container[:mode]} mounts, or {@code mountPath} entries. */
    private static List<String> containerPaths(JsonNode mounts) {
        List<String> paths = new ArrayList<>();
        for (JsonNode mount : mounts) {
            if (mount.isTextual()) {
                paths.add(mount.asText().split(":")[1]);
            } else {
                paths.add(mount.get("mountPath").asText());
            }
        }
        return paths;
    }

    static {
        // Fails loudly when run outside Maven, where the versions are not passed in.
        if (System.getProperty("flink.version") == null || !Files.exists(PROJECT.resolve("docker-compose.yml"))) {
            throw new IllegalStateException("run through Maven: flink.version and the project folder are needed");
        }
    }
}
