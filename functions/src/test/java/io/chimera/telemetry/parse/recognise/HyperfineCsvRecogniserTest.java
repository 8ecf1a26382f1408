package io.chimera.telemetry.parse.recognise;

import static io.chimera.telemetry.parse.recognise.RecognisedFiles.assertDeadLetterOf;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.event;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.metric;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.parsedBy;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.sampleOutcome;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.sampleText;
import static io.chimera.telemetry.parse.recognise.RecognisedFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.aggregate.SeriesIdentity;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.records.MetricEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperfineCsvRecogniserTest {

    private static final String NAME = "hyperfine-csv";
    private static final String SAMPLE = "hyperfine_parameter-scan.csv";

    @Test
    void eachCommandGivesItsStatisticsInSeconds() {
        FileOutcome outcome = parsedBy(sampleOutcome(SAMPLE), NAME);

        assertEquals(3, outcome.rows());
        MetricEvent mean = event(outcome, "reported_mean", Map.of("command", "xz -T 4 -k -f big.tar"));
        assertEquals(1.603912345, mean.value);
        assertEquals("s", mean.unit);
        assertEquals(5.80114, event(outcome, "reported_user", Map.of("command", "xz -T 4 -k -f big.tar")).value);
        assertEquals(4.8655, event(outcome, "reported_max", Map.of("command", "xz -T 1 -k -f big.tar")).value);
    }

    @Test
    void parameterColumnsNameTheSeries() {
        FileOutcome outcome = sampleOutcome(SAMPLE);

        MetricEvent one = event(outcome, "reported_mean", Map.of("param_threads", "1"));
        MetricEvent four = event(outcome, "reported_mean", Map.of("command", "xz -T 4 -k -f big.tar"));
        assertEquals(
                Map.of("command", "xz -T 1 -k -f big.tar", "param_threads", "1"), SeriesIdentity.rowDimensions(one));
        assertEquals("4", four.dimensions.get("param_threads"));
        assertNotEquals(SeriesIdentity.of(one), SeriesIdentity.of(four));
    }

    @Test
    void aQuotedCommandWithCommasAndAnEmptyStddevAreRead() {
        FileOutcome outcome = sampleOutcome(SAMPLE);

        Map<String, String> sort = Map.of("command", "sort -t, -k2 big.csv");
        assertEquals(0.75, event(outcome, "reported_median", sort).value);
        assertTrue(
                metric(outcome, "reported_stddev").stream()
                        .noneMatch(e ->
                                e.dimensions.equals(Map.of("command", "sort -t, -k2 big.csv", "param_threads", "4"))),
                "a single run has no stddev");
    }

    @Test
    void aStatisticThatIsNoNumberIsADeadLetterNamingTheRecogniser() {
        String text = sampleText(SAMPLE).replace("1.603912345", "1.6s");

        assertDeadLetterOf(text("bench.csv", text), NAME, NAME + ": line 3: mean is '1.6s', not a number");
    }

    @Test
    void anUnterminatedQuoteIsADeadLetterNamingTheRecogniser() {
        String text = sampleText(SAMPLE).replace("\"sort -t, -k2 big.csv\"", "\"sort -t, -k2 big.csv");

        FileOutcome outcome = text("bench.csv", text);

        assertFalse(outcome.isParsed());
        assertEquals(NAME, outcome.label());
        assertTrue(outcome.deadLetterReason().startsWith(NAME + ": "), outcome.deadLetterReason());
        assertTrue(outcome.deadLetterReason().contains("unterminated quoted field"), outcome.deadLetterReason());
    }

    @Test
    void aCsvThatMerelyStartsWithCommandIsNotClaimed() {
        HyperfineCsvRecogniser recogniser = new HyperfineCsvRecogniser();

        assertFalse(recogniser.recognises("x.csv", "command,mean,stddev\nls,1,0\n"));
        assertFalse(recogniser.recognises("x.csv", "command,mean,stddev,median,user,system,min,max,notes\n"));
        assertTrue(
                recogniser.recognises("x.csv", "command,mean,stddev,median,user,system,min,max\nls,1,0,1,1,0,1,1\n"));
    }
}
