package io.chimera.telemetry.records;

import java.util.ArrayList;
import java.util.List;

/**
 * A series' recent window means, oldest first, at most one per window: what a window is judged and compared
 * against. A revised window replaces its own entry, so no window counts twice.
 */
public class Baseline {

    public List<BaselineWindow> windows = new ArrayList<>();

    public Baseline() {}

    /** The entry of the window starting then, or null. */
    public BaselineWindow find(long windowStart) {
        for (BaselineWindow window : windows) {
            if (window.windowStart == windowStart) {
                return window;
            }
        }
        return null;
    }

    /** The windows before the one starting then, oldest first. */
    public List<BaselineWindow> windowsBefore(long windowStart) {
        List<BaselineWindow> before = new ArrayList<>();
        for (BaselineWindow window : windows) {
            if (window.windowStart < windowStart) {
                before.add(window);
            }
        }
        return before;
    }

    /** The latest window before the one starting then, or null. */
    public BaselineWindow previous(long windowStart) {
        BaselineWindow previous = null;
        for (BaselineWindow window : windows) {
            if (window.windowStart < windowStart) {
                previous = window;
            }
        }
        return previous;
    }

    /** Sets the window's mean, adding its entry in time order if it has none; keeps the newest {@code limit}. */
    public BaselineWindow put(long windowStart, double mean, int limit) {
        BaselineWindow entry = find(windowStart);
        if (entry == null) {
            entry = new BaselineWindow(windowStart, mean);
            int at = 0;
            while (at < windows.size() && windows.get(at).windowStart < windowStart) {
                at++;
            }
            windows.add(at, entry);
        }
        entry.mean = mean;
        while (windows.size() > limit) {
            windows.remove(0);
        }
        return entry;
    }
}
