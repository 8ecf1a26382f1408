package io.chimera.telemetry.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.time.TimeBasis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobArgumentsTest {

    @Test
    void defaultsAreContinuousBuiltInAndWithoutKafka() {
        JobSettings settings = JobArguments.parse(new String[] {"--input", "farm"});

        assertEquals(List.of("farm"), settings.inputs());
        assertEquals("chimera-out", settings.output());
        assertFalse(settings.bounded());
        assertEquals(Duration.ofMinutes(1), settings.window());
        assertEquals(Duration.ofSeconds(2), settings.discoveryInterval());
        assertEquals(Duration.ofSeconds(1), settings.settleTime());
        assertTrue(settings.llm().isBuiltin());
        assertNull(settings.kafka());
        assertEquals(TimeBasis.LANDED, settings.eventTime().basis(), "a file counts in the window it landed in");
        assertEquals(Duration.ofDays(7), settings.eventTime().revisionHorizon());
        assertEquals("127.0.0.1", settings.webUiBind(), "the dashboard on loopback unless opened on purpose");
        assertEquals(
                "0.0.0.0",
                JobArguments.parse(new String[] {"--input", "farm", "--web-ui-bind", "0.0.0.0"})
                        .webUiBind());
    }

    @Test
    void timeBasisAndRevisionHorizonAreChosenByFlags() {
        JobSettings settings =
                JobArguments.parse(new String[] {"--time-basis", "measured", "--revision-horizon", "2d"});

        assertEquals(TimeBasis.MEASURED, settings.eventTime().basis());
        assertEquals(Duration.ofDays(2), settings.eventTime().revisionHorizon());
        IllegalArgumentException bad = assertThrows(
                IllegalArgumentException.class, () -> JobArguments.parse(new String[] {"--time-basis", "arrival"}));
        assertEquals("--time-basis is landed or measured, got 'arrival'", bad.getMessage());
        IllegalArgumentException negative = assertThrows(
                IllegalArgumentException.class, () -> JobArguments.parse(new String[] {"--revision-horizon", "-PT1S"}));
        assertTrue(negative.getMessage().contains("--revision-horizon"), negative.getMessage());
    }

    @Test
    void readsDurationsInEveryWrittenForm() {
        assertEquals(Duration.ofMillis(500), JobArguments.duration("500ms", "--x"));
        assertEquals(Duration.ofSeconds(2), JobArguments.duration("2s", "--x"));
        assertEquals(Duration.ofMinutes(5), JobArguments.duration("5m", "--x"));
        assertEquals(Duration.ofHours(1), JobArguments.duration("1h", "--x"));
        assertEquals(Duration.ofDays(7), JobArguments.duration("7d", "--x"));
        assertEquals(Duration.ofSeconds(30), JobArguments.duration("PT30S", "--x"));
        IllegalArgumentException bad =
                assertThrows(IllegalArgumentException.class, () -> JobArguments.duration("soon", "--window"));
        assertTrue(bad.getMessage().contains("--window needs a duration"), bad.getMessage());
    }

    @Test
    void ollamaOptionsAsTheOriginalChimeraSweptThem() {
        JobSettings settings = JobArguments.parse(new String[] {
            "--llm",
            "ollama",
            "--num-gpu",
            "999",
            "--num-ctx",
            "4096",
            "--temperature",
            "0.3",
            "--top-p",
            "0.9",
            "--top-k",
            "40",
            "--repeat-penalty",
            "1.1",
            "--llm-option",
            "seed=7",
            "--persona",
            "two-stage",
            "--ollama-api",
            "chat"
        });

        assertEquals("ollama", settings.llm().backend());
        assertEquals("http://localhost:11434", settings.llm().baseUrl());
        assertEquals(
                Map.of(
                        "num_gpu",
                        "999",
                        "num_ctx",
                        "4096",
                        "temperature",
                        "0.3",
                        "top_p",
                        "0.9",
                        "top_k",
                        "40",
                        "repeat_penalty",
                        "1.1",
                        "seed",
                        "7"),
                settings.llm().options());
        assertEquals("two-stage", settings.llm().persona());
        assertEquals("chat", settings.llm().ollamaApi());
    }

    @Test
    void kafkaIsExactlyOnceUnlessAskedOtherwise() {
        JobSettings exactly = JobArguments.parse(new String[] {
            "--kafka-bootstrap",
            "k:9092",
            "--kafka-property",
            "security.protocol=SASL_SSL",
            "--kafka-topic-reports",
            "r",
            "--kafka-transactional-id-prefix",
            "farm1"
        });
        JobSettings atLeast =
                JobArguments.parse(new String[] {"--kafka-bootstrap", "k:9092", "--kafka-delivery", "at-least-once"});

        assertTrue(exactly.kafka().exactlyOnce());
        assertEquals("farm1", exactly.kafka().transactionalIdPrefix());
        assertEquals("r", exactly.kafka().reportsTopic());
        assertEquals("chimera.stats", exactly.kafka().statsTopic());
        assertEquals(Map.of("security.protocol", "SASL_SSL"), exactly.kafka().properties());
        assertEquals(Duration.ofMinutes(10), exactly.kafka().transactionTimeout());
        assertFalse(atLeast.kafka().exactlyOnce());
    }

    @Test
    void reportEventsFitTheProducersRequestSize() {
        JobSettings standard = JobArguments.parse(new String[] {"--kafka-bootstrap", "k:9092"});
        JobSettings raised = JobArguments.parse(
                new String[] {"--kafka-bootstrap", "k:9092", "--kafka-property", "max.request.size=4194304"});

        assertEquals((1 << 20) - 8192, standard.kafka().maxValueBytes());
        assertEquals(4194304 - 8192, raised.kafka().maxValueBytes());
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> JobArguments.parse(
                        new String[] {"--kafka-bootstrap", "k:9092", "--kafka-property", "max.request.size=4MB"}));
        assertTrue(refused.getMessage().contains("max.request.size"), refused.getMessage());
    }

    @Test
    void seriesAreNamedByTheRulesUnlessATemplateSaysHow() {
        JobSettings rules = JobArguments.parse(new String[] {});
        JobSettings template = JobArguments.parse(new String[] {"--series-template", "{suite}/{model}/{file}"});

        assertNull(rules.seriesNaming().template());
        assertEquals("{suite}/{model}/{file}", template.seriesNaming().template());
        assertEquals(
                Map.of("model", "qwen"),
                template.seriesNaming().of("llm/qwen/out.csv").dimensions());
        assertThrows(
                IllegalArgumentException.class,
                () -> JobArguments.parse(new String[] {"--series-template", "{suite}//{file}"}));
    }

    @Test
    void aMalformedKafkaPropertyIsRefusedWithoutRepeatingIt() {
        // A password pasted with ':' for '=' must not end up in a terminal's scrollback or a CI log.
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> JobArguments.parse(
                        new String[] {"--kafka-bootstrap", "k:9092", "--kafka-property", "ssl.key.password:hunter2"}));

        assertTrue(refused.getMessage().startsWith("--kafka-property needs key=value"), refused.getMessage());
        assertFalse(refused.getMessage().contains("hunter2"), refused.getMessage());
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThrows(
                IllegalArgumentException.class,
                () -> JobArguments.parse(
                        new String[] {"--kafka-bootstrap", "k:9092", "--kafka-transaction-timeout", "20m"}),
                "above the broker's 15 min maximum");
        assertThrows(IllegalArgumentException.class, () -> JobArguments.parse(new String[] {"--llm", "gpt"}));
        assertThrows(
                IllegalArgumentException.class, () -> JobArguments.parse(new String[] {"--llm-option", "num_beams=4"}));
        assertThrows(IllegalArgumentException.class, () -> JobArguments.parse(new String[] {"--window", "0s"}));
        assertThrows(IllegalArgumentException.class, () -> JobArguments.parse(new String[] {"--frobnicate"}));
        assertThrows(
                IllegalArgumentException.class, () -> JobArguments.parse(new String[] {"--kafka-delivery", "maybe"}));
    }

    @Test
    void aConfigFileNamesTheFlagsAndTheCommandLineWins(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("chimera.yaml");
        Files.writeString(config, """
                input: [farm-a, farm-b]
                output: /data/out
                window: 5m
                once: true
                llm: ollama
                num-ctx: 4096
                llm-option:
                  seed: 7
                regression-threshold: 15%
                """);

        JobSettings fromFile = JobArguments.parse(new String[] {"--config", config.toString()});
        JobSettings overridden = JobArguments.parse(
                new String[] {"--config", config.toString(), "--window", "30s", "--input", "farm-c"});

        assertEquals(List.of("farm-a", "farm-b"), fromFile.inputs());
        assertEquals("/data/out", fromFile.output());
        assertEquals(Duration.ofMinutes(5), fromFile.window());
        assertTrue(fromFile.bounded());
        assertEquals(Map.of("num_ctx", "4096", "seed", "7"), fromFile.llm().options());
        assertEquals(0.15, fromFile.regression().relativeThreshold(), 1e-12);
        assertEquals(Duration.ofSeconds(30), overridden.window());
        assertEquals(List.of("farm-c"), overridden.inputs(), "inputs on the command line replace the file's");
    }

    @Test
    void includeAndExcludeGlobsAreRepeatableOnTheCommandLineAndListsInTheConfigFile(@TempDir Path dir)
            throws IOException {
        JobSettings flags = JobArguments.parse(
                new String[] {"--include", "*.json", "--include", "*.csv", "--exclude", "*/archive/**"});
        Path config = dir.resolve("chimera.yaml");
        Files.writeString(config, """
                include: ["*.json"]
                exclude: ["**/base/*", "*/scratch/**"]
                """);
        JobSettings fromFile = JobArguments.parse(new String[] {"--config", config.toString()});

        assertEquals(List.of("*.json", "*.csv"), flags.selection().include());
        assertEquals(List.of("*/archive/**"), flags.selection().exclude());
        assertEquals("matches --exclude '*/archive/**'", flags.selection().leftOutBecause("farm/archive/a.json"));
        assertEquals(List.of("**/base/*", "*/scratch/**"), fromFile.selection().exclude());
        assertTrue(JobArguments.parse(new String[] {}).selection().selectsAll());
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> JobArguments.parse(new String[] {"--exclude", "runs/{a,b"}))
                .getMessage()
                .startsWith("--exclude 'runs/{a,b' is not a glob"));
    }

    @Test
    void badValuesAreRefusedWithAnErrorNamingTheFlag(@TempDir Path dir) throws IOException {
        assertEquals(
                "--llm-url 'localhost:11434' is not a URL such as http://localhost:11434",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> JobArguments.parse(
                                        new String[] {"--llm", "ollama", "--llm-url", "localhost:11434"}))
                        .getMessage());
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> JobArguments.parse(new String[] {"--persona", "poet"}))
                .getMessage()
                .startsWith("--persona must be one of"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> JobArguments.parse(new String[] {"--flush-timeout", "5 seconds"}))
                .getMessage()
                .startsWith("--flush-timeout needs a duration"));
        Path notYaml = dir.resolve("bad.yaml");
        Files.writeString(notYaml, "- just\n- a list\n");
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> JobArguments.parse(new String[] {"--config", notYaml.toString()}))
                .getMessage()
                .contains("must be a YAML map"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> JobArguments.parse(new String[] {
                            "--config", dir.resolve("missing.yaml").toString()
                        }))
                .getMessage()
                .contains("cannot be read"));
    }
}
