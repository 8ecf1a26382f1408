package io.chimera.telemetry.parse;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Units as artifacts state them: in a field's name ({@code ttft_s}, {@code Mean (ms)}) or after a number. */
public final class Units {

    /** Units accepted after a number in a cell; anything else makes the cell text, not a number. */
    static final String CELL_UNIT_ALTERNATION = String.join(
            "|",
            "tokens/s",
            "tokens/sec",
            "tok/s",
            "t/s",
            "ops/s",
            "ops/ms",
            "ops/us",
            "req/s",
            "it/s",
            "gb/s",
            "mb/s",
            "kb/s",
            "ms/op",
            "us/op",
            "ns/op",
            "s/op",
            "ms",
            "µs",
            "μs",
            "us",
            "ns",
            "sec",
            "secs",
            "seconds",
            "s",
            "min",
            "h",
            "%",
            "x",
            "kib",
            "mib",
            "gib",
            "kb",
            "mb",
            "gb",
            "tb",
            "w",
            "°c",
            "ghz",
            "mhz");

    private static final Pattern PARENTHESISED = Pattern.compile("\\(([^()]{1,16})\\)\\s*$");

    /** Name suffixes (normalised names) and the unit they mean, most specific first. */
    private static final List<Map.Entry<String, String>> SUFFIXES = List.of(
            Map.entry("tokens_per_second", "tok/s"),
            Map.entry("tokens_per_sec", "tok/s"),
            Map.entry("tokens_s", "tok/s"),
            Map.entry("tokens_sec", "tok/s"),
            Map.entry("tok_s", "tok/s"),
            Map.entry("tps", "tok/s"),
            Map.entry("requests_per_second", "req/s"),
            Map.entry("ops_s", "ops/s"),
            Map.entry("_ms", "ms"),
            Map.entry("_msec", "ms"),
            Map.entry("_millis", "ms"),
            Map.entry("_us", "us"),
            Map.entry("_usec", "us"),
            Map.entry("_micros", "us"),
            Map.entry("_ns", "ns"),
            Map.entry("_nanos", "ns"),
            Map.entry("_seconds", "s"),
            Map.entry("_secs", "s"),
            Map.entry("_sec", "s"),
            Map.entry("_s", "s"),
            Map.entry("_minutes", "min"),
            Map.entry("_bytes", "bytes"),
            Map.entry("_kb", "KB"),
            Map.entry("_mb", "MB"),
            Map.entry("_gb", "GB"),
            Map.entry("_kib", "KiB"),
            Map.entry("_mib", "MiB"),
            Map.entry("_gib", "GiB"),
            Map.entry("_percent", "%"),
            Map.entry("_percentage", "%"),
            Map.entry("_pct", "%"));

    private Units() {}

    /** The unit a field's name states, or null. Looks at the leaf of a dotted name only. */
    public static String fromName(String name) {
        // A column's name is read once per row: the answer is kept for the names seen (bounded, like normalise's).
        String cached = FROM_NAME.get(name);
        if (cached != null) {
            return cached == NONE ? null : cached;
        }
        String unit = unitOfName(name);
        if (FROM_NAME.size() < FROM_NAME_LIMIT) {
            FROM_NAME.put(name, unit == null ? NONE : unit);
        }
        return unit;
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, String> FROM_NAME =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int FROM_NAME_LIMIT = 50_000;
    /** Marks a name that has no unit, by identity. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String NONE = new String("");

    private static String unitOfName(String name) {
        int dot = name.lastIndexOf('.');
        String leaf = dot < 0 ? name : name.substring(dot + 1);
        Matcher parenthesised = PARENTHESISED.matcher(leaf);
        if (parenthesised.find()) {
            return canonicalCellUnit(parenthesised.group(1).trim());
        }
        if (leaf.endsWith("%")) {
            return "%";
        }
        String normalised = FieldNames.normalise(leaf);
        for (Map.Entry<String, String> suffix : SUFFIXES) {
            String key = suffix.getKey();
            if (normalised.endsWith(key)
                    && (key.startsWith("_") || normalised.equals(key) || normalised.endsWith("_" + key))) {
                return suffix.getValue();
            }
        }
        return null;
    }

    /** Spells a unit found after a number the way it was written, but with one spelling per unit family. */
    static String canonicalCellUnit(String unit) {
        String lower = unit.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "tokens/s", "tokens/sec", "tok/s", "t/s" -> "tok/s";
            case "sec", "secs", "seconds" -> "s";
            case "µs", "μs" -> "us";
            case "kb", "mb", "gb", "tb" -> lower.toUpperCase(Locale.ROOT);
            case "kib" -> "KiB";
            case "mib" -> "MiB";
            case "gib" -> "GiB";
            case "w" -> "W";
            case "ghz" -> "GHz";
            case "mhz" -> "MHz";
            case "°c" -> "°C";
            default -> unit;
        };
    }
}
