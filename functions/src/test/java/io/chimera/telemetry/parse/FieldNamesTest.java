package io.chimera.telemetry.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.aggregate.SeriesIdentity;
import io.chimera.telemetry.records.MetricEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldNamesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "param_size",
                "parameter_threads",
                "Param: size",
                "param_computeType",
                "n_gpu_layers",
                "ngl",
                "n_batch",
                "n_threads",
                "n_prompt",
                "n_gen",
                "n_depth",
                "type_k",
                "flash_attn",
                "burstiness",
                "best_of"
            })
    void namedParametersAndLlamaBenchSettingsAreParameters(String name) {
        assertTrue(FieldNames.isParameter(name), name);
        assertTrue(SeriesIdentity.namesSeries(name), name + " names a series");
    }

    @Test
    void anIndexNamesASeriesOnlyWhenItNumbersAThingRatherThanARow() {
        java.util.Set<String> both = new java.util.TreeSet<>(FieldNames.INDEXES);
        both.retainAll(FieldNames.NAMING);

        assertEquals(java.util.Set.of("device"), both, "a GPU numbered 0 or 1 is not a metric and names a series");
        assertFalse(FieldNames.namesSeries("run_index"));
        assertTrue(FieldNames.namesSeries("device") && FieldNames.isIndex("device"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"param", "params", "parameter_", "parameters", "paramount", "n_gen_tokens_s"})
    void wordsThatOnlyStartLikeAParameterAreNot(String name) {
        assertFalse(FieldNames.isParameter(name), name);
    }

    @Test
    void theGenericCsvParserKeepsAParameterColumnAsADimension() {
        byte[] csv = "command,mean,parameter_threads\nxz,1.5,4\n".getBytes(StandardCharsets.UTF_8);
        ArtifactParser generic = new ArtifactParser(ParseSettings.defaults(), List.of());

        FileOutcome outcome = generic.parse(new ArtifactFile("b", "b/x.csv", csv.length, 0L), ArtifactFormat.CSV, csv);

        assertEquals(1, outcome.events().size());
        MetricEvent mean = outcome.events().get(0);
        assertEquals("mean", mean.metric);
        assertEquals(Map.of("command", "xz", "parameter_threads", "4"), mean.dimensions);
    }
}
