package io.chimera.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.chimera.telemetry.harness.SlowOllamaServer;
import io.chimera.telemetry.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The HTML reports in a real headless browser (Debian's chromium, which .ci/run installs): they load without
 * console errors, each series has its chart, and screenshots land in tools/target for people to look at.
 */
class ReportBrowserIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
    private static final Path TARGET = Path.of("target").toAbsolutePath();

    @Test
    void reportsOfTheSampleFarmRenderWithTheirChartsAndNoConsoleErrors() throws Exception {
        String chromium = chromium();
        Path out = TARGET.resolve("browser-reports");
        run(
                List.of(
                        "bash",
                        PROJECT.resolve("bin/chimera").toString(),
                        "run",
                        "--once",
                        "--input",
                        PROJECT.resolve("samples").toString(),
                        "--output",
                        out.toString()),
                null);
        Path reports = out.resolve("reports");
        List<Path> pages;
        try (Stream<Path> files = Files.walk(reports)) {
            pages = files.filter(p -> p.toString().endsWith(".html")
                            && !p.getFileName().toString().equals("index.html"))
                    .sorted()
                    .toList();
        }
        assertEquals(3, pages.size(), "one report per sample suite and window: " + pages);

        for (Path page : pages) {
            String source = Files.readString(page);
            int seriesRows = count(source, "<tr class=\"series");
            Result dom = browse(chromium, page, "--dump-dom");
            assertEquals(seriesRows, count(dom.stdout, "<svg class=\"range\""), page + ": one chart per series");
            assertTrue(seriesRows > 0, page.toString());
            assertTrue(consoleErrors(dom.stderr).isEmpty(), page + ": " + consoleErrors(dom.stderr));
        }
        Result index = browse(chromium, reports.resolve("index.html"), "--dump-dom");
        assertEquals(3, count(index.stdout, "<li><a href="), "the index lists every report");

        Path screenshot = TARGET.resolve("report-screenshot.png");
        Files.deleteIfExists(screenshot);
        browse(chromium, pages.get(pages.size() - 1), "--screenshot=" + screenshot, "--window-size=1280,900");
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot with something on it: " + Files.size(screenshot));
    }

    /**
     * A real sweep (36 configurations of num_gpu × num_ctx × temperature) narrated by an Ollama-speaking server
     * whose narrative has one true number, one of another metric and one invented: the comparison charts, the
     * sweep lines and the heat map render, and the two false numbers are marked ⚠ with their reasons under a banner.
     */
    @Test
    void aSweepsReportComparesItsConfigurationsAndMarksTheLlmsUnsupportedNumbers() throws Exception {
        String chromium = chromium();
        Path in = TARGET.resolve("browser-sweep/in");
        Path out = TARGET.resolve("browser-sweep/out");
        deleteRecursively(TARGET.resolve("browser-sweep"));
        Files.createDirectories(in);
        Files.copy(
                Corpus.chimera().resolve("reports/gemma3/gemma3_1b-it-qat_param_tuning.csv"),
                in.resolve("gemma3_1b-it-qat_param_tuning.csv"));
        String narrative = "The fastest configuration reached 187.2 tok/s. The mean ttft_s was 183.9 s, and load_s"
                + " averaged 42.0 s.";
        try (SlowOllamaServer llm = SlowOllamaServer.start(Duration.ZERO, narrative)) {
            run(
                    List.of(
                            "bash",
                            PROJECT.resolve("bin/chimera").toString(),
                            "run",
                            "--once",
                            "--input",
                            in.toString(),
                            "--output",
                            out.toString(),
                            "--llm",
                            "ollama",
                            "--llm-url",
                            llm.baseUrl()),
                    null);
        }
        Path page;
        try (Stream<Path> files = Files.walk(out.resolve("reports"))) {
            page = files.filter(p -> p.toString().endsWith(".html")
                            && !p.getFileName().toString().equals("index.html"))
                    .findFirst()
                    .orElseThrow();
        }
        Result dom = browse(chromium, page, "--dump-dom");
        assertTrue(consoleErrors(dom.stderr).isEmpty(), page + ": " + consoleErrors(dom.stderr));
        assertEquals(6, count(dom.stdout, "<svg class=\"compare\""), "one chart per metric across its 36 series");
        assertEquals(18, count(dom.stdout, "<svg class=\"sweep\""), "3 parameters × 6 metrics");
        assertEquals(5, count(dom.stdout, "<table class=\"heatmap\">"), "one per ranked metric");
        assertTrue(
                dom.stdout.contains(
                        "<g class=\"bar best\"><title>{num_ctx=1024, num_gpu=60, temperature=0.4}: mean" + " 187.2"),
                "the fastest configuration of the file is highlighted first");
        assertEquals(2, count(dom.stdout, "<mark class=\"unsupported\""), dom.stdout);
        assertTrue(
                dom.stdout.contains("title=\"183.9 s is a fact of tokens_s, not of ttft_s\">183.9 s ⚠</mark>"),
                "a number of another metric, with why");
        assertTrue(dom.stdout.contains("title=\"no fact of load_s is 42.0 s\">42.0 s ⚠</mark>"), "an invented one");
        assertTrue(dom.stdout.contains("⚠ 2 numbers of 3 in this narrative are not supported"), "the banner");

        Path screenshot = TARGET.resolve("sweep-report-screenshot.png");
        Files.deleteIfExists(screenshot);
        browse(chromium, page, "--screenshot=" + screenshot, "--window-size=1280,1500");
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot with something on it: " + Files.size(screenshot));
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private record Result(String stdout, String stderr) {}

    private static Result browse(String chromium, Path page, String... extra) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--enable-logging=stderr",
                "--v=1",
                "--user-data-dir=" + profile));
        command.addAll(List.of(extra));
        command.add(page.toUri().toString());
        return run(command, TARGET);
    }

    private static Result run(List<String> command, Path directory) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("out", ".txt");
        Path stderr = Files.createTempFile("err", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().put("CHIMERA_SKIP_BUILD", "1");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 120 s");
        }
        Result result = new Result(
                Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + result.stderr);
        return result;
    }

    /** Chromium logs a page's console messages as {@code CONSOLE(line)}; errors say so or are uncaught. */
    private static List<String> consoleErrors(String log) {
        return log.lines()
                .filter(line -> line.contains("CONSOLE") && (line.contains("ERROR") || line.contains("Uncaught")))
                .toList();
    }

    private static String chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        String message = "chromium is not installed (.ci/run installs Debian's chromium): browser test skipped";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
        return null;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
