package io.chimera.telemetry.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The jar a cluster runs, as this build packaged it: the job, and nothing a user runs on a machine. */
class JobJarIT {

    private static Path jobJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().matches("chimera-jobs-.*-job\\.jar"))
                    .toList();
            assertEquals(1, jars.size(), "one job jar in target/: " + jars);
            return jars.get(0);
        }
    }

    @Test
    void theJobJarStartsTheJobAndHoldsNoToolClasses() throws IOException {
        try (JarFile jar = new JarFile(jobJar().toFile())) {
            assertEquals(
                    TelemetryJobMain.class.getName(),
                    jar.getManifest().getMainAttributes().getValue("Main-Class"));
            List<String> tools = jar.stream()
                    .map(entry -> entry.getName())
                    .filter(name -> name.startsWith("io/chimera/telemetry/cli/")
                            || name.startsWith("io/chimera/telemetry/generate/")
                            || name.startsWith("io/chimera/telemetry/harness/")
                            || name.startsWith("io/chimera/telemetry/bench/")
                            || name.equals("log4j2.properties"))
                    .toList();
            assertEquals(List.of(), tools, "the command line, generator and bench harness live in tools/");
            assertTrue(jar.getEntry(TelemetryJob.class.getName().replace('.', '/') + ".class") != null);
            assertTrue(
                    jar.getEntry("io/chimera/telemetry/parse/ArtifactParser.class") != null,
                    "the functions are shaded in");
        }
    }
}
