package io.chimera.telemetry.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLinesFormatParserTest {

    private static final RowInterpreter INTERPRETER = new RowInterpreter(ParseSettings.defaults());

    private static List<ParsedRow> parse(String jsonl) throws MalformedArtifactException {
        return new JsonLinesFormatParser().parse(jsonl, INTERPRETER);
    }

    private static String malformedMessage(String jsonl) {
        return assertThrows(MalformedArtifactException.class, () -> parse(jsonl))
                .getMessage();
    }

    private static ParsedRow.Measurement m(String metric, double value, String unit) {
        return new ParsedRow.Measurement(metric, value, unit);
    }

    @Test
    void eachLineIsOneValue() throws Exception {
        List<ParsedRow> rows = parse("{\"model\": \"a\", \"tokens_s\": 1.5}\n{\"model\": \"b\", \"tokens_s\": 2}\n");

        assertEquals(2, rows.size());
        assertEquals(Map.of("model", "a"), rows.get(0).dimensions());
        assertEquals(List.of(m("tokens_s", 1.5, "tok/s")), rows.get(0).measurements());
        assertEquals(Map.of("model", "b"), rows.get(1).dimensions());
        assertEquals(List.of(m("tokens_s", 2.0, "tok/s")), rows.get(1).measurements());
    }

    @Test
    void linesAreIndependentRows() throws Exception {
        List<ParsedRow> rows = parse("{\"model\": \"a\", \"timestamp\": 1700000000, \"score\": 1}\n{\"score\": 2}\n");

        assertEquals(Map.of(), rows.get(1).dimensions(), "no dimension carried over from the line before");
        assertEquals(null, rows.get(1).eventTime(), "no time carried over from the line before");
    }

    @Test
    void blankLinesAreSkipped() throws Exception {
        List<ParsedRow> rows = parse("\n{\"score\": 1}\n   \n\t\n{\"score\": 2}\n\n");

        assertEquals(2, rows.size());
        assertEquals(List.of(m("score", 1.0, null)), rows.get(0).measurements());
        assertEquals(List.of(m("score", 2.0, null)), rows.get(1).measurements());
    }

    @Test
    void crlfLinesAreRead() throws Exception {
        List<ParsedRow> rows = parse("{\"score\": 1}\r\n\r\n{\"score\": 2}\r\n");

        assertEquals(2, rows.size());
    }

    @Test
    void lineHoldingAnArrayYieldsOneRowPerObject() throws Exception {
        List<ParsedRow> rows = parse("[{\"score\": 1}, {\"score\": 2}]\n");

        assertEquals(2, rows.size());
        assertEquals(List.of(m("score", 2.0, null)), rows.get(1).measurements());
    }

    @Test
    void truncatedLineIsNamedWithItsLineNumber() {
        // line 2 is blank, line 3 is `{"a": ` (6 characters): the line ends before column 7
        String message = malformedMessage("{\"a\": 1}\n\n{\"a\": \n{\"a\": 3}\n");

        assertTrue(message.startsWith("line 3, column 7: "), message);
    }

    @Test
    void badLineAfterCrlfLinesIsNamedWithItsLineNumber() {
        String message = malformedMessage("{\"a\": 1}\r\n{\"a\": 2}\r\n{oops}\r\n");

        assertTrue(message.startsWith("line 3, column "), message);
    }

    @Test
    void twoValuesOnOneLineNameThatLine() {
        String message = malformedMessage("{\"a\": 1}\n{\"a\": 2} {\"a\": 3}\n");

        assertTrue(message.startsWith("line 2, column "), message);
    }

    @Test
    void loneScalarLineNamesThatLine() {
        assertEquals("line 2: a lone JSON number, not an object or array", malformedMessage("{\"a\": 1}\n42\n"));
    }
}
