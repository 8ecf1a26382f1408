package io.chimera.telemetry.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each option is declared once, and the command line, the YAML file, the cluster's settings and --help agree. */
class JobOptionsTest {

    @Test
    void helpListsEveryOptionWithItsDescriptionAndDefault() {
        String help = JobOptions.help("");

        for (JobOptions.Option<?> option : JobOptions.all()) {
            String flag = option.config() == JobOptions.STREAM ? "--no-stream" : option.flag();
            assertTrue(help.contains(flag), flag + " is not in --help");
            String firstWords = String.join(
                    " ",
                    List.of(option.description().split(" "))
                            .subList(0, Math.min(3, option.description().split(" ").length)));
            assertTrue(help.replaceAll("\\s+", " ").contains(firstWords), flag + ": " + firstWords);
        }
        assertTrue(help.contains("--window 1m") && help.contains("(default 1m)"), help);
        assertTrue(help.contains("(default 10%)"), "the threshold as it is written");
        for (String alias : JobOptions.aliases().keySet()) {
            assertTrue(help.contains(alias), alias + " is not in --help");
        }
    }

    @Test
    void everyValueThatIsNotWhatItsOptionTakesIsRefusedNamingTheFlag() {
        for (JobOptions.Option<?> option : JobOptions.all()) {
            Object type = option.config().hasDefaultValue() ? option.config().defaultValue() : null;
            boolean typed = type instanceof Duration
                    || type instanceof Integer
                    || type instanceof Long
                    || type instanceof Double
                    || option.config() == JobOptions.LLM_TIMEOUT
                    || option.config() == JobOptions.LLM_RETRIES
                    || option.config() == JobOptions.LLM_MAX_IN_FLIGHT;
            if (option.form() != JobOptions.Form.VALUE || !typed) {
                continue;
            }
            IllegalArgumentException refused = assertThrows(
                    IllegalArgumentException.class,
                    () -> JobArguments.parse(new String[] {option.flag(), "lots"}),
                    option.flag());
            assertTrue(refused.getMessage().startsWith(option.flag() + " needs"), refused.getMessage());
        }
    }

    @Test
    void theCommandLineTheYamlFileAndTheClustersSettingsAgree(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("chimera.yaml");
        Files.writeString(yaml, """
                window: 5m
                once: true
                stream: false
                regression-rule: ["ttft*=15%,4,lower"]
                kafka-bootstrap: broker:9092
                kafka-property: {acks: all}
                """);
        Configuration cluster = Configuration.fromMap(Map.of(
                "chimera.window",
                "5m",
                "chimera.once",
                "true",
                "chimera.stream",
                "false",
                "chimera.regression-rule",
                "ttft*=15%,4,lower",
                "chimera.kafka-bootstrap",
                "broker:9092",
                "chimera.kafka-property",
                "acks:all"));

        JobSettings flags = JobArguments.parse(new String[] {
            "--window",
            "5m",
            "--once",
            "--no-stream",
            "--regression-rule",
            "ttft*=15%,4,lower",
            "--kafka-bootstrap",
            "broker:9092",
            "--kafka-property",
            "acks=all"
        });
        JobSettings file = JobArguments.parse(new String[] {"--config", yaml.toString()});
        JobSettings fromCluster = JobSettings.from(JobArguments.configuration(new String[0], cluster));

        for (JobSettings settings : List.of(file, fromCluster)) {
            assertEquals(flags.window(), settings.window());
            assertEquals(flags.bounded(), settings.bounded());
            assertEquals(flags.llm().stream(), settings.llm().stream());
            assertEquals(flags.regression(), settings.regression());
            assertEquals(flags.kafka(), settings.kafka());
        }
        assertEquals(Duration.ofMinutes(5), flags.window());
        assertEquals(Map.of("acks", "all"), flags.kafka().properties());
    }

    @Test
    void theCommandLineWinsOverTheClustersSettings() {
        Configuration cluster = Configuration.fromMap(Map.of("chimera.window", "5m", "chimera.input", "farm-a;farm-b"));

        JobSettings settings = JobSettings.from(JobArguments.configuration(new String[] {"--window", "30s"}, cluster));

        assertEquals(Duration.ofSeconds(30), settings.window());
        assertEquals(List.of("farm-a", "farm-b"), settings.inputs());
        assertThrows(
                IllegalArgumentException.class,
                () -> JobArguments.configuration(new String[0], Configuration.fromMap(Map.of("chimera.windw", "5m"))),
                "an unknown chimera.* key is refused");
    }

    @Test
    void switchesTakeAValueAfterAnEqualsSignAndAYamlSwitchThatIsOffSetsNothing(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("chimera.yaml");
        Files.writeString(yaml, "once: false\nwatch: false\nno-stream: false\n");

        JobSettings settings = JobArguments.parse(new String[] {"--config", yaml.toString()});

        assertTrue(!settings.bounded() && settings.llm().stream());
        assertTrue(JobArguments.parse(new String[] {"--once=true"}).bounded());
        assertEquals(
                Duration.ofSeconds(30),
                JobArguments.parse(new String[] {"--window=30s"}).window());
    }
}
