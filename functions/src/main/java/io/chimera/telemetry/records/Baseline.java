package io.chimera.telemetry.records;

import java.util.ArrayList;
import java.util.List;

/** The last window means of one series, oldest first: what a new window is judged against. */
public class Baseline {

    public List<Double> means = new ArrayList<>();
    public List<String> windowStarts = new ArrayList<>();

    public Baseline() {}
}
