package io.chimera.telemetry.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * One way to write a statistic for people, used by the prompt, the built-in narrator and the reports alike, so
 * that a number a narrative repeats can be found again in what the narrator was given.
 */
public final class Numbers {

    private Numbers() {}

    /** 15421, 182.9, 14.59, 2.319, 0.07279: about four significant digits, never scientific notation. */
    public static String human(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        String written = format(value);
        double rounded = Double.parseDouble(written);
        // 99.995 rounds to 100.00: write it as the hundred it became.
        return rounded != 0 && magnitudeClass(rounded) != magnitudeClass(value) ? format(rounded) : written;
    }

    private static int magnitudeClass(double value) {
        double magnitude = Math.abs(value);
        return magnitude >= 1000 ? 4 : magnitude >= 100 ? 3 : magnitude >= 10 ? 2 : magnitude >= 1 ? 1 : 0;
    }

    private static String format(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 1000) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        if (magnitude >= 1 || magnitude == 0) {
            return String.format(Locale.ROOT, "%.3f", value);
        }
        return new BigDecimal(value)
                .round(new MathContext(4))
                .stripTrailingZeros()
                .toPlainString();
    }

    /** A signed percentage with two decimals: {@code +7.29%}, {@code -12.50%}. */
    public static String percent(double value) {
        return String.format(Locale.ROOT, "%+.2f%%", value);
    }
}
