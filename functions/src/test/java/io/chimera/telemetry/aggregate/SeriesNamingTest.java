package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesNamingTest {

    private static final SeriesNaming TEMPLATE = SeriesNaming.template("{suite}/{model}/{config}/run_{run}/{file}");

    @Test
    void aTemplateNamesTheDimensionsTheRunAndTheFile() {
        SeriesPath path = TEMPLATE.of("llm/qwen2p5_7b/fast-decode/run_12/metrics_1759186698.json");

        assertEquals(Map.of("model", "qwen2p5_7b", "config", "fast-decode"), path.dimensions());
        assertEquals("12", path.run());
        assertEquals("metrics", path.file(), "run markers still leave the file's name");
    }

    @Test
    void literalTextAroundAPlaceholderMustMatch() {
        SeriesNaming naming = SeriesNaming.template("{suite}/gpu{gpu}_ctx{ctx}/{file}");

        assertEquals(
                Map.of("gpu", "80", "ctx", "512"),
                naming.of("llm/gpu80_ctx512/results.csv").dimensions());
        assertEquals("results", naming.of("llm/gpu80_ctx512/results.csv").file());
    }

    @Test
    void aPathTheTemplateDoesNotFitIsNamedByTheRules() {
        assertEquals(SeriesPath.of("llm/qwen2p5_7b/run_3.csv"), TEMPLATE.of("llm/qwen2p5_7b/run_3.csv"));
        assertEquals(SeriesPath.of("llm/a/b/c/d.csv"), TEMPLATE.of("llm/a/b/c/d.csv"));
    }

    @Test
    void anythingAndTheSuiteNameNothing() {
        SeriesNaming naming = SeriesNaming.template("{suite}/{_}/{file}");

        SeriesPath path = naming.of("llm/host-42/results.csv");

        assertEquals(Map.of(), path.dimensions());
        assertEquals("results", path.file());
    }

    @Test
    void aMalformedTemplateIsRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SeriesNaming.template("{suite}//{file}"))
                .getMessage()
                .contains("empty part"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SeriesNaming.template("{suite}/{model/x"))
                .getMessage()
                .contains("brace"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SeriesNaming.template("{suite}/{model}/{model}"))
                .getMessage()
                .contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SeriesNaming.template("{suite}/{a b}"))
                .getMessage()
                .contains("no name"));
    }

    @Test
    void theRulesAreTheDefault() {
        assertEquals(
                SeriesPath.of("llm/run_3/metrics.json"),
                SeriesNaming.automatic().of("llm/run_3/metrics.json"));
    }
}
