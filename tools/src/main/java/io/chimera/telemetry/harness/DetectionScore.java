package io.chimera.telemetry.harness;

import io.chimera.telemetry.generate.GroundTruth;
import io.chimera.telemetry.generate.GroundTruth.Change;
import io.chimera.telemetry.generate.GroundTruth.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores a detector's alerts against a {@link GroundTruth}. An alert <em>matches</em> a change when it is on the
 * change's suite and metric, of the kind the change calls for (regression or improvement), and in the change's
 * window or up to {@value #TOLERANCE_WINDOWS} window after it. A change's first matching alert is a detection
 * (a true positive; its delay is the windows between change and alert), every further one a duplicate; an alert
 * that matches nothing is a false alarm. Precision counts duplicates against the detector, as the change-point
 * F1 of van den Burg and Williams (TCPDBench) does: each change should be alerted once. Changes scored
 * {@link GroundTruth#SMALL} are kept apart: their alerts are neither detections nor false alarms, and a missed
 * one is no miss. Pure: no files, no Flink.
 */
public final class DetectionScore {

    /** How many windows after its change an alert still counts as reporting it. */
    public static final int TOLERANCE_WINDOWS = 1;
    /** Alerts on a suite the truth does not know are counted under this name. */
    public static final String OTHER_SUITES = "(suites not in the truth)";

    private DetectionScore() {}

    /**
     * One alert record as the job wrote it.
     *
     * @param series the series' naming dimensions, in a canonical text form: part of the key
     */
    public record ObservedAlert(
            String suite,
            String metric,
            String unit,
            String series,
            String windowStart,
            int revision,
            String kind,
            double changePercent,
            double zScore) {

        String key() {
            return String.join("\u0000", suite, windowStart, metric, String.valueOf(unit), series);
        }

        boolean withdrawn() {
            return "withdrawn".equals(kind);
        }
    }

    /** What an alert was judged to be. */
    public enum Verdict {
        DETECTION,
        DUPLICATE,
        FALSE_ALARM,
        SMALL_CHANGE
    }

    /**
     * One alert's verdict.
     *
     * @param change the change it matched, or null
     * @param note for a false alarm, what the values do there (a change nearby, an outlier, a drift), if anything
     */
    public record ScoredAlert(ObservedAlert alert, long run, Verdict verdict, Change change, String note) {}

    /** Counts for one pattern, or several added up. */
    public static final class Tally {

        /** The changes a detector should report ({@link GroundTruth#STEP}). */
        int changes;
        /** Every alert judged (withdrawn ones are not). */
        int alerts;

        int detections;
        int duplicates;
        int falseAlarms;
        int withdrawn;
        int smallChanges;
        int smallDetected;
        /** How many detections came how many windows after their change (index = delay). */
        final int[] delays = new int[TOLERANCE_WINDOWS + 1];

        public Tally plus(Tally other) {
            Tally sum = new Tally();
            for (Tally tally : List.of(this, other)) {
                sum.changes += tally.changes;
                sum.alerts += tally.alerts;
                sum.detections += tally.detections;
                sum.duplicates += tally.duplicates;
                sum.falseAlarms += tally.falseAlarms;
                sum.withdrawn += tally.withdrawn;
                sum.smallChanges += tally.smallChanges;
                sum.smallDetected += tally.smallDetected;
                for (int i = 0; i < delays.length; i++) {
                    sum.delays[i] += tally.delays[i];
                }
            }
            return sum;
        }

        public int changes() {
            return changes;
        }

        public int alerts() {
            return alerts;
        }

        public int detections() {
            return detections;
        }

        public int duplicates() {
            return duplicates;
        }

        public int falseAlarms() {
            return falseAlarms;
        }

        public int withdrawn() {
            return withdrawn;
        }

        public int smallChanges() {
            return smallChanges;
        }

        public int smallDetected() {
            return smallDetected;
        }

        /** Detections that came {@code delay} windows after their change. */
        public int detectedAfter(int delay) {
            return delays[delay];
        }

        public int missed() {
            return changes - detections;
        }

        /** Detections over the alerts that bear on the scored changes; NaN without any. */
        public double precision() {
            int judged = detections + duplicates + falseAlarms;
            return judged == 0 ? Double.NaN : (double) detections / judged;
        }

        /** Detections over changes; NaN without changes. */
        public double recall() {
            return changes == 0 ? Double.NaN : (double) detections / changes;
        }

        /** 2 TP / (2 TP + FP + FN), duplicates among the false positives; NaN when all are zero. */
        public double f1() {
            int denominator = 2 * detections + duplicates + falseAlarms + missed();
            return denominator == 0 ? Double.NaN : 2.0 * detections / denominator;
        }

        /** Alerts matched to a detected change, per detected change: 1 when each change is alerted once. */
        public double alertsPerDetectedChange() {
            return detections == 0 ? Double.NaN : (double) (detections + duplicates) / detections;
        }

        /** Mean windows from a change to its first alert; NaN without detections. */
        public double meanDelay() {
            long sum = 0;
            for (int delay = 0; delay < delays.length; delay++) {
                sum += (long) delay * delays[delay];
            }
            return detections == 0 ? Double.NaN : (double) sum / detections;
        }
    }

    /** Per pattern (in the truth's order; {@link #OTHER_SUITES} last, if it has alerts), every alert's verdict. */
    public record Result(Map<String, Tally> patterns, List<ScoredAlert> alerts) {

        /** The patterns' tallies added up, over the suites with these alert expectations (all when empty). */
        public Tally total(GroundTruth truth, Set<String> expectations) {
            Map<String, String> expected = new HashMap<>();
            truth.suites().forEach(suite -> expected.put(suite.suite(), suite.alerts()));
            Tally total = new Tally();
            for (Map.Entry<String, Tally> pattern : patterns.entrySet()) {
                String alerts = expected.getOrDefault(pattern.getKey(), GroundTruth.ALERTS_NONE);
                if (expectations.isEmpty() || expectations.contains(alerts)) {
                    total = total.plus(pattern.getValue());
                }
            }
            return total;
        }
    }

    /** Of all records of each alert (suite, window, metric, unit, series), the one of the highest revision. */
    public static List<ObservedAlert> latestRevisions(Collection<ObservedAlert> records) {
        Map<String, ObservedAlert> latest = new LinkedHashMap<>();
        for (ObservedAlert record : records) {
            latest.merge(record.key(), record, (a, b) -> b.revision() > a.revision() ? b : a);
        }
        return new ArrayList<>(latest.values());
    }

    /** Scores the latest revision of each alert; withdrawn ones are counted, not judged. */
    public static Result score(GroundTruth truth, Collection<ObservedAlert> records) {
        Map<String, GroundTruth.Suite> suites = new LinkedHashMap<>();
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (GroundTruth.Suite suite : truth.suites()) {
            suites.put(suite.suite(), suite);
            Tally tally = new Tally();
            for (GroundTruth.Metric metric : suite.metrics()) {
                for (Change change : metric.changes()) {
                    if (GroundTruth.STEP.equals(change.scored())) {
                        tally.changes++;
                    } else {
                        tally.smallChanges++;
                    }
                }
            }
            tallies.put(suite.suite(), tally);
        }
        List<ObservedAlert> ordered = new ArrayList<>(latestRevisions(records));
        ordered.sort(Comparator.comparing((ObservedAlert a) -> Instant.parse(a.windowStart()))
                .thenComparing(ObservedAlert::suite)
                .thenComparing(ObservedAlert::metric)
                .thenComparing(ObservedAlert::series));
        Set<AlertedChange> alerted = new HashSet<>();
        List<ScoredAlert> scored = new ArrayList<>();
        for (ObservedAlert alert : ordered) {
            GroundTruth.Suite suite = suites.get(alert.suite());
            Tally tally = tallies.computeIfAbsent(suite == null ? OTHER_SUITES : suite.suite(), name -> new Tally());
            long run = truth.runOf(Instant.parse(alert.windowStart()));
            if (alert.withdrawn()) {
                tally.withdrawn++;
                continue;
            }
            tally.alerts++;
            GroundTruth.Metric metric = suite == null
                    ? null
                    : suite.metrics().stream()
                            .filter(m -> m.metric().equals(alert.metric()))
                            .findFirst()
                            .orElse(null);
            Change change = metric == null ? null : matching(metric, alert.kind(), run);
            boolean first = change != null && alerted.add(new AlertedChange(suite.suite(), metric.metric(), change));
            Verdict verdict;
            if (change == null) {
                verdict = Verdict.FALSE_ALARM;
                tally.falseAlarms++;
            } else if (GroundTruth.SMALL.equals(change.scored())) {
                verdict = Verdict.SMALL_CHANGE;
                tally.smallDetected += first ? 1 : 0;
            } else if (first) {
                verdict = Verdict.DETECTION;
                tally.detections++;
                tally.delays[(int) (run - change.run())]++;
            } else {
                verdict = Verdict.DUPLICATE;
                tally.duplicates++;
            }
            scored.add(new ScoredAlert(
                    alert,
                    run,
                    verdict,
                    change,
                    verdict == Verdict.FALSE_ALARM ? note(metric, alert.kind(), run) : ""));
        }
        return new Result(tallies, scored);
    }

    /** Equal changes can happen in two suites, or to both metrics of one. */
    private record AlertedChange(String suite, String metric, Change change) {}

    /** The latest change this alert reports, if any: same kind, at most the tolerance before it. */
    private static Change matching(GroundTruth.Metric metric, String kind, long run) {
        Change match = null;
        for (Change change : metric.changes()) {
            if (change.expected().equals(kind)
                    && change.run() <= run
                    && run - change.run() <= TOLERANCE_WINDOWS
                    && (match == null || change.run() > match.run())) {
                match = change;
            }
        }
        return match;
    }

    /** What the values do at or shortly before a false alarm, so that its cause can be read off the list. */
    private static String note(GroundTruth.Metric metric, String kind, long run) {
        if (metric == null) {
            return "a metric or suite the truth does not know";
        }
        List<String> notes = new ArrayList<>();
        for (Change change : metric.changes()) {
            long after = run - change.run();
            if (after >= 0 && after <= 3 * (TOLERANCE_WINDOWS + 1)) {
                notes.add(after + " window" + (after == 1 ? "" : "s") + " after the " + change.scored() + " "
                        + change.expected() + " at run " + change.run()
                        + (change.expected().equals(kind) ? "" : " (" + kind + " instead)"));
            }
        }
        for (Event event : metric.events()) {
            if (event.run() <= run && run <= event.lastRun()) {
                notes.add(event.what()
                        + (event.run() == event.lastRun() ? " in this run" : " (from run " + event.run() + ")"));
            }
        }
        return String.join("; ", notes);
    }
}
