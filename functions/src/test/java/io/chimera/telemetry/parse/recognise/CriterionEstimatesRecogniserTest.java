package io.chimera.telemetry.parse.recognise;

import static io.chimera.telemetry.parse.recognise.RecognisedFiles.assertDeadLetterOf;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.corpus;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.corpusText;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.metric;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.parsedBy;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.single;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.records.MetricEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CriterionEstimatesRecogniserTest {

    private static final String NAME = "criterion-estimates-json";
    private static final String ESTIMATES = "criterion/dougch-criterion_gettingstarted_new_estimates.json";

    @Test
    void eachEstimateIsAMetricInNanosecondsWithItsErrorAndBounds() {
        FileOutcome outcome = parsedBy(corpus(ESTIMATES), NAME);

        assertEquals(1, outcome.rows());
        assertEquals(20, outcome.events().size(), "five estimates with standard error and two bounds each");
        MetricEvent mean = single(outcome, "mean");
        assertEquals(4.8576958822770795, mean.value);
        assertEquals("ns", mean.unit);
        assertEquals(4.846644743947527, single(outcome, "median").value);
        assertEquals(0.11908295457380802, single(outcome, "median_abs_dev").value);
        assertEquals(4.87280730269562, single(outcome, "slope").value);
        assertEquals(0.12795598518845974, single(outcome, "std_dev").value);
        assertEquals(0.012745410417897621, single(outcome, "mean_standard_error").value);
        assertEquals(4.833180588679826, single(outcome, "mean_lower_bound").value);
        assertEquals(4.8831753414836, single(outcome, "mean_upper_bound").value);
        assertEquals("ns", single(outcome, "std_dev_upper_bound").unit);
        assertEquals(Map.of("confidence_level", "0.95"), mean.dimensions);
    }

    @Test
    void aNullSlopeOfFlatSamplingIsLeftOut() {
        String text = corpusText(ESTIMATES);
        String flat = text.substring(0, text.indexOf("\"slope\":")) + "\"slope\":null,"
                + text.substring(text.indexOf("\"std_dev\":"));

        FileOutcome outcome = parsedBy(text("estimates.json", flat), NAME);

        assertTrue(metric(outcome, "slope").isEmpty());
        assertEquals(16, outcome.events().size());
    }

    @Test
    void truncatedEstimatesAreADeadLetterNamingTheRecogniser() {
        String text = corpusText(ESTIMATES);

        FileOutcome outcome = text("estimates.json", text.substring(0, text.indexOf("\"std_dev\"") + 30));

        assertFalse(outcome.isParsed());
        assertEquals(NAME, outcome.label());
        assertTrue(outcome.deadLetterReason().startsWith(NAME + ": line 1, column "), outcome.deadLetterReason());
    }

    @Test
    void anEstimateWithoutPointEstimateIsADeadLetterNamingTheRecogniser() {
        String text =
                corpusText(ESTIMATES).replace("\"point_estimate\":4.8576958822770795", "\"point_estimate\":\"?\"");

        assertDeadLetterOf(text("estimates.json", text), NAME, NAME + ": mean.point_estimate is not a number");
    }
}
