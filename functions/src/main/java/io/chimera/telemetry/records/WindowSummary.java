package io.chimera.telemetry.records;

import java.util.ArrayList;
import java.util.List;

/** One suite's window: what landed (the inventory) and the statistics of every series. The narrator's input. */
public class WindowSummary {

    public String suite;
    public String windowStart;
    public String windowEnd;
    public Inventory inventory = new Inventory();
    public List<SeriesStats> series = new ArrayList<>();
    /** Events and files that arrived after their window had closed, since the suite's previous summary. */
    public LateTally late = new LateTally();
    /** Series whose mean moved since their previous window, largest move first. */
    public List<SeriesChange> changes = new ArrayList<>();
    /** Regressions and improvements against each series' rolling baseline. */
    public List<Alert> alerts = new ArrayList<>();

    public WindowSummary() {}
}
