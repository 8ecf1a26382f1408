package io.chimera.telemetry.narrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chimera.telemetry.records.Grounding;
import io.chimera.telemetry.records.WindowSummary;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The case this guards: a revision's prompt says "Revision 1 of this window's report: late files added 1 files and 5
 * values". The grounding check insists that a number followed by "files" is the window's whole inventory count, so an
 * LLM that repeats the prompt's own revision line gets its "1 files" marked unsupported (⚠) in the report.
 */
class RevisionGroundingTest {

    @Test
    void aNarrativeThatRepeatsTheRevisionLineOfItsPromptIsGrounded() {
        WindowSummary summary = new WindowSummary();
        summary.suite = "llm";
        summary.windowStart = "2026-11-20T09:00:00Z";
        summary.windowEnd = "2026-11-20T09:01:00Z";
        summary.revision = 1;
        summary.revisionAdded.files = 1;
        summary.revisionAdded.values = 5;
        summary.revisionAdded.addSource("llm/late.csv");
        summary.inventory.files = 3;
        summary.inventory.parsed = 3;
        summary.inventory.filesByFormat = new TreeMap<>(Map.of("csv", 3));
        Prompt prompt = PromptBuilder.build(summary, 40);

        Grounding grounding = GroundingCheck.check(
                "Late files added 1 files and 5 values since the previous revision.", prompt.data(), summary.inventory);

        assertEquals(List.of(), grounding.unsupported, "the prompt says exactly that:\n" + prompt.data());
    }
}
