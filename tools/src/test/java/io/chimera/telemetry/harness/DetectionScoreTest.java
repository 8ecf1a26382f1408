package io.chimera.telemetry.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.generate.GroundTruth;
import io.chimera.telemetry.generate.GroundTruth.Change;
import io.chimera.telemetry.generate.GroundTruth.Event;
import io.chimera.telemetry.generate.GroundTruth.Metric;
import io.chimera.telemetry.generate.GroundTruth.Suite;
import io.chimera.telemetry.harness.DetectionScore.ObservedAlert;
import io.chimera.telemetry.harness.DetectionScore.Result;
import io.chimera.telemetry.harness.DetectionScore.Tally;
import io.chimera.telemetry.harness.DetectionScore.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DetectionScoreTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** A step down at run 40 in both metrics, a 5 % step at 40, and a quiet suite with an outlier at 25. */
    private static final GroundTruth TRUTH = new GroundTruth(
            1,
            80,
            START.toString(),
            "PT1M",
            "model",
            List.of(
                    new Suite(
                            "step-down",
                            "15 % down",
                            GroundTruth.ALERTS_EXPECTED,
                            List.of(
                                    metric(
                                            "tokens_s",
                                            "higher_is_better",
                                            List.of(change(40, -15, "regression", GroundTruth.STEP)),
                                            List.of()),
                                    metric(
                                            "latency_ms",
                                            "lower_is_better",
                                            List.of(change(40, 15, "regression", GroundTruth.STEP)),
                                            List.of()))),
                    new Suite(
                            "small-step",
                            "5 % down",
                            GroundTruth.ALERTS_OPTIONAL,
                            List.of(metric(
                                    "tokens_s",
                                    "higher_is_better",
                                    List.of(change(40, -5, "regression", GroundTruth.SMALL)),
                                    List.of()))),
                    new Suite(
                            "outliers",
                            "one value at 0.4 ×",
                            GroundTruth.ALERTS_NONE,
                            List.of(metric(
                                    "tokens_s",
                                    "higher_is_better",
                                    List.of(),
                                    List.of(new Event(25, 25, window(25), "one value at 0.4 ×")))))));

    @Test
    void anAlertInTheChangesWindowOrTheNextDetectsItWithItsDelay() {
        Result result = DetectionScore.score(
                TRUTH,
                List.of(
                        alert("step-down", "tokens_s", 40, "regression"),
                        alert("step-down", "latency_ms", 41, "regression")));

        Tally tally = result.patterns().get("step-down");
        assertEquals(2, tally.changes());
        assertEquals(2, tally.detections());
        assertEquals(0, tally.missed());
        assertEquals(1, tally.detectedAfter(0));
        assertEquals(1, tally.detectedAfter(1));
        assertEquals(0.5, tally.meanDelay());
        assertEquals(1.0, tally.precision());
        assertEquals(1.0, tally.recall());
        assertEquals(1.0, tally.f1());
        assertEquals(1.0, tally.alertsPerDetectedChange());
    }

    @Test
    void anAlertTwoWindowsLateIsAFalseAlarmAndTheChangeIsMissed() {
        Result result = DetectionScore.score(TRUTH, List.of(alert("step-down", "tokens_s", 42, "regression")));

        Tally tally = result.patterns().get("step-down");
        assertEquals(0, tally.detections());
        assertEquals(1, tally.falseAlarms());
        assertEquals(2, tally.missed());
        assertEquals(0.0, tally.precision());
        assertEquals(0.0, tally.f1());
        assertEquals(Verdict.FALSE_ALARM, result.alerts().get(0).verdict());
        assertEquals(
                "2 windows after the step regression at run 40",
                result.alerts().get(0).note());
    }

    @Test
    void theSecondAlertOnOneChangeIsADuplicateThatCostsPrecisionButNotRecall() {
        Result result = DetectionScore.score(
                TRUTH,
                List.of(
                        alert("step-down", "tokens_s", 41, "regression"),
                        alert("step-down", "tokens_s", 40, "regression"),
                        alert("step-down", "latency_ms", 40, "regression"),
                        alert("step-down", "latency_ms", 41, "regression")));

        Tally tally = result.patterns().get("step-down");
        assertEquals(2, tally.detections());
        assertEquals(2, tally.duplicates());
        assertEquals(2, tally.detectedAfter(0), "the first alert in window order is the detection");
        assertEquals(0.5, tally.precision());
        assertEquals(1.0, tally.recall());
        assertEquals(2.0 / 3, tally.f1(), 1e-12);
        assertEquals(2.0, tally.alertsPerDetectedChange());
        assertEquals(
                List.of(Verdict.DETECTION, Verdict.DETECTION, Verdict.DUPLICATE, Verdict.DUPLICATE),
                result.alerts().stream()
                        .map(DetectionScore.ScoredAlert::verdict)
                        .toList());
    }

    @Test
    void theWrongKindAtTheRightWindowIsAFalseAlarm() {
        Result result = DetectionScore.score(TRUTH, List.of(alert("step-down", "tokens_s", 40, "improvement")));

        Tally tally = result.patterns().get("step-down");
        assertEquals(0, tally.detections());
        assertEquals(1, tally.falseAlarms());
        assertTrue(
                result.alerts().get(0).note().contains("(improvement instead)"),
                result.alerts().get(0).note());
    }

    @Test
    void anAlertOnAQuietPatternIsAFalseAlarmNamingWhatHappenedThere() {
        Result result = DetectionScore.score(
                TRUTH,
                List.of(
                        alert("outliers", "tokens_s", 25, "regression"),
                        alert("nowhere", "tokens_s", 3, "regression")));

        assertEquals(1, result.patterns().get("outliers").falseAlarms());
        assertEquals("one value at 0.4 × in this run", result.alerts().get(1).note());
        assertEquals(1, result.patterns().get(DetectionScore.OTHER_SUITES).falseAlarms());
        Tally all = result.total(TRUTH, Set.of());
        assertEquals(2, all.falseAlarms());
        assertEquals(2, all.missed());
        assertEquals(0.0, all.f1());
    }

    @Test
    void alertsOnASmallChangeAreCountedApartFromPrecisionAndRecall() {
        Result result = DetectionScore.score(
                TRUTH,
                List.of(
                        alert("small-step", "tokens_s", 40, "regression"),
                        alert("small-step", "tokens_s", 41, "regression"),
                        alert("step-down", "tokens_s", 40, "regression"),
                        alert("step-down", "latency_ms", 40, "regression")));

        Tally all = result.total(TRUTH, Set.of());
        assertEquals(1, all.smallChanges());
        assertEquals(1, all.smallDetected());
        assertEquals(4, all.alerts());
        assertEquals(1.0, all.precision());
        assertEquals(1.0, all.recall());
        Tally steps = result.total(TRUTH, Set.of(GroundTruth.ALERTS_EXPECTED));
        assertEquals(2, steps.alerts());
        assertEquals(0, steps.smallChanges());
    }

    @Test
    void onlyTheHighestRevisionOfAnAlertCountsAndAWithdrawnOneIsNoAlert() {
        ObservedAlert first = alert("step-down", "tokens_s", 40, "regression");
        ObservedAlert withdrawn = revision(alert("step-down", "tokens_s", 40, "withdrawn"), 1);
        ObservedAlert quiet = alert("outliers", "tokens_s", 25, "regression");
        ObservedAlert quietAgain = revision(alert("outliers", "tokens_s", 25, "improvement"), 2);

        assertEquals(
                List.of(withdrawn, quietAgain),
                DetectionScore.latestRevisions(List.of(first, quietAgain, withdrawn, quiet)));
        Result result = DetectionScore.score(TRUTH, List.of(withdrawn, first, quiet, quietAgain));
        Tally stepDown = result.patterns().get("step-down");
        assertEquals(1, stepDown.withdrawn());
        assertEquals(0, stepDown.alerts());
        assertEquals(0, stepDown.detections());
        assertEquals(1, result.patterns().get("outliers").alerts());
        assertEquals("improvement", result.alerts().get(0).alert().kind());
    }

    @Test
    void aPatternWithNeitherChangesNorAlertsHasNoRatios() {
        Tally quiet = DetectionScore.score(TRUTH, List.of()).patterns().get("outliers");

        assertTrue(Double.isNaN(quiet.precision()));
        assertTrue(Double.isNaN(quiet.recall()));
        assertTrue(Double.isNaN(quiet.f1()));
        assertTrue(Double.isNaN(quiet.meanDelay()));
    }

    @Test
    void twoSeedsAddUp() {
        Tally one = DetectionScore.score(TRUTH, List.of(alert("step-down", "tokens_s", 40, "regression")))
                .patterns()
                .get("step-down");
        Tally other = DetectionScore.score(
                        TRUTH,
                        List.of(
                                alert("step-down", "tokens_s", 41, "regression"),
                                alert("step-down", "tokens_s", 42, "regression")))
                .patterns()
                .get("step-down");

        Tally sum = one.plus(other);
        assertEquals(4, sum.changes());
        assertEquals(2, sum.detections());
        assertEquals(1, sum.falseAlarms());
        assertEquals(1, sum.detectedAfter(0));
        assertEquals(1, sum.detectedAfter(1));
        assertEquals(2.0 / 3, sum.precision(), 1e-12);
        assertEquals(0.5, sum.recall());
    }

    private static Metric metric(String name, String direction, List<Change> changes, List<Event> events) {
        return new Metric(name, name.equals("tokens_s") ? "tok/s" : "ms", direction, 2.5, changes, events);
    }

    private static Change change(int run, double percent, String expected, String scored) {
        return new Change(run, window(run), percent, expected, scored);
    }

    private static String window(int run) {
        return START.plusSeconds(60L * run).toString();
    }

    private static ObservedAlert alert(String suite, String metric, int run, String kind) {
        return new ObservedAlert(
                suite,
                metric,
                metric.equals("tokens_s") ? "tok/s" : "ms",
                "{model=gemma3}",
                window(run),
                0,
                kind,
                -15,
                -9);
    }

    private static ObservedAlert revision(ObservedAlert alert, int revision) {
        return new ObservedAlert(
                alert.suite(),
                alert.metric(),
                alert.unit(),
                alert.series(),
                alert.windowStart(),
                revision,
                alert.kind(),
                alert.changePercent(),
                alert.zScore());
    }
}
