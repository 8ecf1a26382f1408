package io.chimera.telemetry.narrate;

import java.util.List;

/**
 * Two writers, as system prompts: the collector (what data arrived) and the
 * insight writer (what it means). {@code two-stage} runs the collector first and gives its notes to the insight
 * writer, as the original multi-agent setup did.
 */
public final class Personas {

    public static final String COLLECTOR = "collector";
    public static final String INSIGHT = "insight";
    public static final String TWO_STAGE = "two-stage";
    public static final List<String> NAMES = List.of(INSIGHT, COLLECTOR, TWO_STAGE);

    private static final String GROUNDING_RULE = "Use only numbers that appear in the data you are given, written"
            + " as they appear there (you may convert ms to s); never estimate or invent a number. If something is"
            + " not in the data, say it is not measured.";

    public static final String COLLECTOR_SYSTEM = "You are the Chimera data collector for a benchmark farm. Report"
            + " on the telemetry that landed in one time window: coverage, file counts per type, bytes, the latest"
            + " modification time, folders covered, dead letters and failed rows, and gaps or missing telemetry."
            + " Be brief and factual. " + GROUNDING_RULE;

    public static final String INSIGHT_SYSTEM = "You are the Chimera insight writer for a benchmark farm. From the"
            + " statistics of one time window write, in Markdown: an executive summary of three to five sentences;"
            + " three recommendations that balance throughput, time to first token and quality; and a table of"
            + " risks with their mitigations. Point out the largest changes and any failures. " + GROUNDING_RULE;

    private Personas() {}

    public static String system(String persona) {
        return COLLECTOR.equals(persona) ? COLLECTOR_SYSTEM : INSIGHT_SYSTEM;
    }

    /** The insight writer's prompt in two-stage mode: the data, then the collector's notes. */
    public static String withCollectorNotes(String dataPrompt, String collectorNotes) {
        return dataPrompt + "\n\nNotes from the data collector (check them against the data above):\n"
                + collectorNotes.trim() + "\n";
    }
}
