package io.chimera.telemetry.parse.recognise;

import static io.chimera.telemetry.parse.recognise.RecognisedFiles.INTERPRETER;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.assertDeadLetterOf;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.corpus;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.corpusText;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.parsedBy;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CriterionBenchmarkRecogniserTest {

    private static final String NAME = "criterion-benchmark-json";
    private static final String BENCHMARK = "criterion/dougch-criterion_gettingstarted_new_benchmark.json";

    @Test
    void benchmarkJsonIsParsedMetadataWithoutEvents() {
        FileOutcome outcome = parsedBy(corpus(BENCHMARK), NAME);

        assertTrue(outcome.events().isEmpty());
        assertEquals(0, outcome.rows(), "a row without numbers is no row of measurements");
        assertEquals(0, outcome.failedRows());
    }

    @Test
    void itsRowNamesTheBenchmarkByCriterionsIds() throws MalformedArtifactException {
        List<ParsedRow> rows = new CriterionBenchmarkRecogniser().parse(corpusText(BENCHMARK), INTERPRETER);

        assertEquals(1, rows.size());
        assertEquals(
                Map.of(
                        "group_id",
                        "fib 20 - fast",
                        "full_id",
                        "fib 20 - fast",
                        "directory_name",
                        "fib 20 - fast",
                        "title",
                        "fib 20 - fast"),
                rows.get(0).dimensions());
        assertTrue(rows.get(0).measurements().isEmpty());
    }

    @Test
    void functionValueAndThroughputAreDimensions() throws MalformedArtifactException {
        List<ParsedRow> rows = new CriterionBenchmarkRecogniser().parse("""
                {"group_id":"parse","function_id":"json","value_str":"1024","throughput":{"Bytes":1024},
                 "full_id":"parse/json/1024","directory_name":"parse/json/1024","title":"parse/json/1024"}
                """, INTERPRETER);

        Map<String, String> dimensions = rows.get(0).dimensions();
        assertEquals("json", dimensions.get("function_id"));
        assertEquals("1024", dimensions.get("value_str"));
        assertEquals("1024", dimensions.get("throughput.Bytes"));
    }

    @Test
    void truncatedBenchmarkJsonIsADeadLetterNamingTheRecogniser() {
        String text = corpusText(BENCHMARK);

        FileOutcome outcome = text("benchmark.json", text.substring(0, text.indexOf("\"title\"")));

        assertFalse(outcome.isParsed());
        assertEquals(NAME, outcome.label());
        assertTrue(outcome.deadLetterReason().startsWith(NAME + ": line 1, column "), outcome.deadLetterReason());
    }

    @Test
    void withoutAGroupIdItIsADeadLetterNamingTheRecogniser() {
        String text = corpusText(BENCHMARK).replace("\"group_id\":\"fib 20 - fast\"", "\"group_id\":null");

        assertDeadLetterOf(text("benchmark.json", text), NAME, NAME + ": group_id: missing");
    }
}
