package io.chimera.telemetry.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The report event of one suite's closed window: the numbers, the narrative, and how far to trust it. */
public class Report {

    public int schemaVersion = io.chimera.telemetry.render.JsonEncoding.SCHEMA_VERSION;
    public String suite;
    public String windowStart;
    public String windowEnd;
    /**
     * The report's revision: a consumer keeps the highest per suite and window. Each revision of the window's data
     * ({@link #dataRevision}) has two: {@code 2 × dataRevision} while the LLM's narrative is pending (built-in
     * narrative, status {@code narration_pending}), and {@code 2 × dataRevision + 1} once the narrative is final.
     */
    public int revision;
    /** The window's data revision: 0 when it closed, one more each time late files revised it. */
    public int dataRevision;
    /** What this data revision added to the one before it; empty for data revision 0. */
    public RevisionDelta revisionAdded = new RevisionDelta();

    public Inventory inventory = new Inventory();
    public List<SeriesStats> statistics = new ArrayList<>();
    public List<SeriesChange> changes = new ArrayList<>();
    public List<Alert> alerts = new ArrayList<>();
    /** What the statistics say about the window's configurations: best, worst, effects, failures, alerts. */
    public List<Finding> findings = new ArrayList<>();

    public TooLateTally tooLate = new TooLateTally();
    public String narrative;
    /** {@code builtin}, or the backend and model ({@code ollama:gemma3:latest}). */
    public String narrator;
    /** The LLM options the narrative was generated with (num_ctx, temperature, …); empty for the built-in. */
    public Map<String, String> options = new TreeMap<>();

    public LlmMetrics llmMetrics = new LlmMetrics();
    public Grounding grounding = new Grounding();
    /** {@code ok}, or why the built-in narrative stands in: {@code llm_timeout}, {@code llm_error: HTTP 503}, … */
    public String status = ReportStatus.OK.text();

    public Report() {}

    /** How many series the window has: on Kafka, where each series' statistics are a record of their own, only this. */
    public int getStatisticsCount() {
        return statistics.size();
    }

    /** The revision of a report whose narrative is final. */
    public static int finalRevision(int dataRevision) {
        return 2 * dataRevision + 1;
    }

    /** The revision of a report that stands in while the LLM's narrative is pending. */
    public static int pendingRevision(int dataRevision) {
        return 2 * dataRevision;
    }

    /** A report of a summary's window, before narration: its revision is that of a final narrative. */
    public static Report of(WindowSummary summary) {
        Report report = new Report();
        report.suite = summary.suite;
        report.windowStart = summary.windowStart;
        report.windowEnd = summary.windowEnd;
        report.dataRevision = summary.revision;
        report.revision = finalRevision(summary.revision);
        report.revisionAdded = summary.revisionAdded;
        report.inventory = summary.inventory;
        report.statistics = summary.series;
        report.changes = summary.changes;
        report.alerts = summary.alerts;
        report.findings = summary.findings;
        report.tooLate = summary.tooLate;
        return report;
    }

    /** The summary a report was made from. */
    public WindowSummary summary() {
        WindowSummary summary = new WindowSummary();
        summary.suite = suite;
        summary.windowStart = windowStart;
        summary.windowEnd = windowEnd;
        summary.revision = dataRevision;
        summary.revisionAdded = revisionAdded;
        summary.inventory = inventory;
        summary.series = statistics;
        summary.changes = changes;
        summary.alerts = alerts;
        summary.findings = findings;
        summary.tooLate = tooLate;
        return summary;
    }
}
