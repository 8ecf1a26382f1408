package io.chimera.telemetry.records;

import java.util.ArrayList;
import java.util.List;

/** How much of a narrative's numbers the statistics support. */
public class Grounding {

    /** Supported numbers / numbers in the narrative; 1 when it has none. */
    public double ratio = 1.0;

    public int numbers;
    /** The narrative's numbers that no fact given to the narrator supports, as written. */
    public List<String> unsupported = new ArrayList<>();
    /** Why each unsupported number is (same order): {@code 258.4 is a fact of eval_count, not of eval_s}. */
    public List<String> reasons = new ArrayList<>();
    /** Where each unsupported number starts in the narrative (same order), in UTF-16 characters. */
    public List<Integer> offsets = new ArrayList<>();

    public Grounding() {}
}
