package io.chimera.telemetry.records;

import java.util.ArrayList;
import java.util.List;

/**
 * One suite's window: what landed (the inventory) and the statistics of every series. The narrator's input.
 * Emitted when the window closes (revision 0) and again, whole, each time late files revise it.
 */
public class WindowSummary {

    public String suite;
    public String windowStart;
    public String windowEnd;
    /** 0 when the window closed; one more each time late files revised it. */
    public int revision;
    /** What this revision added to the one before it; empty for revision 0. */
    public RevisionDelta revisionAdded = new RevisionDelta();

    public Inventory inventory = new Inventory();
    public List<SeriesStats> series = new ArrayList<>();
    /** Values too late to revise their windows (beyond the revision horizon), since the suite's previous summary. */
    public TooLateTally tooLate = new TooLateTally();
    /** Series whose mean moved since their previous window, largest move first. */
    public List<SeriesChange> changes = new ArrayList<>();
    /** Regressions and improvements against each series' rolling baseline. */
    public List<Alert> alerts = new ArrayList<>();
    /** What the statistics say about the window's configurations: best, worst, effects, failures, alerts. */
    public List<Finding> findings = new ArrayList<>();

    public WindowSummary() {}
}
