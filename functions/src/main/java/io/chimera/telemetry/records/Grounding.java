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

    public Grounding() {}
}
