package io.chimera.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression alerts where, and only where, they belong: the job over the generated pattern farm (one CSV per
 * run, no naming column: the runs of a suite are one series only by their file names), scored against its truth.
 * Seed 1, default regression settings.
 */
class RegressionPatternsTest {

    @TempDir
    static Path work;

    private static String table;

    @BeforeAll
    static void runTheJobOverThePatternFarm() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ChimeraCli.run(
                new String[] {"bench", "--detection", "--seeds", "1", "--naming", "none", "--work", work.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        table = out.toString(StandardCharsets.UTF_8);
        assertEquals(ChimeraCli.OK, exit, table);
    }

    @ParameterizedTest(name = "{0}: every change once, nothing else")
    @ValueSource(strings = {"step-down", "step-up", "two-steps", "fixed-regression"})
    void aClearChangeIsAlertedOnceInItsWindowOrTheNext(String pattern) {
        Row row = row(pattern);

        assertEquals(row.changes, row.detected, "every change found: " + row.line);
        assertEquals(0, row.duplicates, "no change alerted twice: " + row.line);
        assertEquals(0, row.falseAlarms, "nothing but the changes: " + row.line);
    }

    @ParameterizedTest(name = "{0}: no alert")
    @ValueSource(strings = {"noise", "heavy-tailed-noise", "outliers", "drift", "small-step"})
    void noiseOutliersADriftAndASmallStepRaiseNoAlert(String pattern) {
        assertEquals(0, row(pattern).alerts, row(pattern).line);
    }

    @ParameterizedTest(name = "{0}: never twice")
    @ValueSource(strings = {"step-in-noise", "variance-change"})
    void aNoisySeriesMayMissAChangeButNeverAlertsOneTwice(String pattern) {
        assertEquals(0, row(pattern).duplicates, row(pattern).line);
    }

    private record Row(String line, int changes, int alerts, int detected, int duplicates, int falseAlarms) {}

    /** | pattern | alerts expected | changes | alerts | detected | duplicates | false alarms | missed | … */
    private static Row row(String pattern) {
        String line = table.lines()
                .filter(l -> l.startsWith("| " + pattern + " |"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(pattern + " in " + table));
        int[] numbers = Arrays.stream(line.split("\\|"))
                .skip(3)
                .limit(5)
                .map(String::trim)
                .mapToInt(Integer::parseInt)
                .toArray();
        return new Row(line, numbers[0], numbers[1], numbers[2], numbers[3], numbers[4]);
    }
}
