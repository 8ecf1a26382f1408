package io.chimera.telemetry.parse.recognise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void aKeyIsFoundWhereItsPatternFindsIt() {
        Json.Key key = Json.key("mean");
        java.util.regex.Pattern pattern = key.pattern();
        String[] pieces = {"\"mean\"", "\"mean", "mean\"", ":", " ", "\t", "\n", "\u000B", "\u0001", "\"", "x", "{", ","
        };
        Random random = new Random(21);
        int found = 0;
        for (int trial = 0; trial < 100_000; trial++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(10); i > 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            boolean expected = pattern.matcher(text).find();
            found += expected ? 1 : 0;
            assertEquals(expected, key.foundIn(text.toString()), "'" + text + "'");
        }
        assertTrue(found > 1_000 && found < 99_000, "both answers tried: " + found + " found");
    }
}
