package io.chimera.telemetry.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumberCellsTest {

    private static void assertReads(String cell, double value, String unit) {
        NumberCells.Reading reading = NumberCells.read(cell);
        assertEquals(new NumberCells.Reading(value, unit), reading, "reading of \"" + cell + "\"");
    }

    @Test
    void plainNumbersAreRead() {
        assertReads("42", 42.0, null);
        assertReads("3.5", 3.5, null);
        assertReads("  7  ", 7.0, null);
    }

    @Test
    void signsLeadingDotsAndExponentsAreRead() {
        assertReads("-3.5", -3.5, null);
        assertReads("+2", 2.0, null);
        assertReads(".5", 0.5, null);
        assertReads("5.", 5.0, null);
        assertReads("1e3", 1000.0, null);
        assertReads("2.5E-3", 0.0025, null);
    }

    @Test
    void unitAfterTheNumberIsKept() {
        assertReads("12 ms", 12.0, "ms");
        assertReads("12ms", 12.0, "ms");
        assertReads("0.5 s", 0.5, "s");
        assertReads("45%", 45.0, "%");
        assertReads("2.5x", 2.5, "x");
        assertReads("1.5e-3 s", 0.0015, "s");
    }

    @Test
    void unitAfterTheNumberIsSpelledOneWayPerFamily() {
        assertReads("102.85 tokens/s", 102.85, "tok/s");
        assertReads("20 tokens/sec", 20.0, "tok/s");
        assertReads("20 t/s", 20.0, "tok/s");
        assertReads("3 seconds", 3.0, "s");
        assertReads("3 secs", 3.0, "s");
        assertReads("250 \u00b5s", 250.0, "us"); // micro sign
        assertReads("250 \u03bcs", 250.0, "us"); // Greek small mu
        assertReads("3.2 gb", 3.2, "GB");
        assertReads("512 MiB", 512.0, "MiB");
        assertReads("300 w", 300.0, "W");
    }

    @Test
    void plusMinusErrorKeepsTheMean() {
        assertReads("3.812 ± 0.9", 3.812, null);
        assertReads("3.812±0.9", 3.812, null);
        assertReads("3.812 +/- 0.9", 3.812, null);
        assertReads("3.812 +- 0.9", 3.812, null);
        assertReads("12 ms ± 1.5 ms", 12.0, "ms");
    }

    @Test
    void unitAfterThePlusMinusErrorIsTheUnitOfTheMean() {
        assertReads("3.812 ± 0.9 ms", 3.812, "ms");
        assertReads("102.85 ± 3.1 tokens/s", 102.85, "tok/s");
    }

    @Test
    void parenthesisedNoteAfterTheNumberIsIgnored() {
        assertReads("0.55s (first prompt: 2.32s)", 0.55, "s");
        assertReads("12 (warm)", 12.0, null);
        assertReads("3.8 ms ± 0.2 ms (n=5)", 3.8, "ms");
    }

    @Test
    void westernDigitGroupingIsRemoved() {
        assertReads("3,503", 3503.0, null);
        assertReads("1,234,567.5", 1234567.5, null);
        assertReads("-12,000", -12000.0, null);
    }

    @Test
    void indianDigitGroupingIsRemoved() {
        assertReads("12,34,567", 1234567.0, null);
        assertReads("1,00,000", 100000.0, null);
        assertReads("1,23,45,678.9", 12345678.9, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,2345", "12,34", "1,23", "1,,234", ",123"})
    void commasThatAreNoDigitGroupingMakeText(String cell) {
        assertNull(NumberCells.read(cell));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-10-02", "10/02/2025", "2025-10-02T21:08:57Z", "21:08", "21:08:57"})
    void datesAndTimesOfDayAreNotNumbers(String cell) {
        assertNull(NumberCells.read(cell));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"12 apples", "about 12", "12 ms later", "v1.2", "1.2.3", "llama3", "3B", "0x1F", "12 ms ± fast"})
    void cellsWithOtherWordsAreText(String cell) {
        assertNull(NumberCells.read(cell));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "N/A", "nan", "inf", "-inf", "1e999"})
    void missingAndNonFiniteCellsAreNoNumber(String cell) {
        assertNull(NumberCells.read(cell));
    }

    @Test
    void overlongCellIsText() {
        assertNull(NumberCells.read("1".repeat(121)));
        assertReads("1".repeat(120), Double.parseDouble("1".repeat(120)), null);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "  ",
                "N/A",
                "n/a",
                "NA",
                "nan",
                "NaN",
                "-nan",
                "null",
                "None",
                "nil",
                "-",
                "--",
                "—",
                "–",
                "?",
                "inf",
                "-Infinity"
            })
    void placeholdersMeanMissing(String cell) {
        assertTrue(NumberCells.isMissing(cell));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "n", "x", "none yet", "-1"})
    void realValuesAreNotMissing(String cell) {
        assertFalse(NumberCells.isMissing(cell));
    }

    @org.junit.jupiter.api.Test
    void theShortCutForPlainNumbersReadsWhatThePatternReads() {
        java.util.Random random = new java.util.Random(12);
        String alphabet = "0123456789.-+eE,x ";
        int plain = 0;
        for (int trial = 0; trial < 200_000; trial++) {
            String text = randomCell(random, alphabet, 8);
            if (text.isEmpty() || !NumberCells.isPlainNumber(text)) {
                continue;
            }
            plain++;
            assertEquals(NumberCells.readByPattern(text), NumberCells.read(text), "'" + text + "'");
        }
        assertTrue(plain > 10_000, "plain numbers tried: " + plain);
        for (String text : new String[] {"1,234", "3.812 ± 0.9", "1e", "-", ".", "+.e1", "12ms", "1.5.2"}) {
            assertEquals(false, NumberCells.isPlainNumber(text), text);
        }
    }

    @org.junit.jupiter.api.Test
    void theShortCutForANumberAndItsErrorReadsWhatThePatternReads() {
        java.util.Random random = new java.util.Random(13);
        String alphabet = "0123456789.-+eE,x ±\t\u0001";
        int read = 0;
        for (int trial = 0; trial < 200_000; trial++) {
            String text = randomCell(random, alphabet, 12);
            if (text.isEmpty()) {
                continue;
            }
            NumberCells.Reading shortCut = NumberCells.readPlainWithError(text);
            if (shortCut == null) {
                continue;
            }
            read++;
            assertEquals(NumberCells.readByPattern(text), shortCut, "'" + text + "'");
        }
        assertTrue(read > 1_000, "numbers with errors tried: " + read);
        for (String text : new String[] {"548.5 ± 3.1", "548.5±3.1", "1e3 ± 2"}) {
            assertEquals(NumberCells.readByPattern(text), NumberCells.readPlainWithError(text), text);
            assertTrue(NumberCells.readPlainWithError(text) != null, text);
        }
    }

    /** 1 to {@code longest} characters of {@code alphabet}, trimmed. */
    private static String randomCell(java.util.Random random, String alphabet, int longest) {
        StringBuilder cell = new StringBuilder();
        for (int i = 1 + random.nextInt(longest); i > 0; i--) {
            cell.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return cell.toString().trim();
    }
}
