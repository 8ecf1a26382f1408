package io.chimera.telemetry.parse.recognise;

import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.Timestamps;
import java.util.Map;
import java.util.Set;

/**
 * One llama-bench result, as its JSON, JSONL and CSV printers write it (the same field names in all three), to a
 * row: {@code avg_ts}/{@code stddev_ts} (tok/s) and {@code avg_ns}/{@code stddev_ns} (ns) are the metrics,
 * {@code test_time} the event time, the per-repetition {@code samples_*} are not read, and every other field is a
 * dimension: {@code model_type} as {@code model}, {@code backends} as {@code backend}, and the
 * {@code test} the Markdown table would show ({@code pp512}, {@code tg128}, {@code pp512+tg128},
 * {@code pp512 @ d4096}).
 */
final class LlamaBenchFields {

    static final Map<String, String> METRIC_UNITS =
            Map.of("avg_ts", "tok/s", "stddev_ts", "tok/s", "avg_ns", "ns", "stddev_ns", "ns");
    private static final Map<String, String> RENAMED = Map.of("model_type", "model", "backends", "backend");
    private static final Set<String> NOT_READ = Set.of("samples_ns", "samples_ts");

    private LlamaBenchFields() {}

    /**
     * @param fields the result's fields as written (numbers as their text); missing values as null
     * @param where prefixed to a malformed-result message ({@code line 3: })
     */
    static ParsedRow row(Map<String, String> fields, RowBuilder row, String where) throws MalformedArtifactException {
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String name = field.getKey();
            String value = field.getValue();
            if (value == null || NOT_READ.contains(name)) {
                continue;
            }
            if (name.equals("test_time")) {
                row.time(Timestamps.parse(value), "test_time");
            } else if (METRIC_UNITS.containsKey(name)) {
                row.metric(name, number(name, value, where), METRIC_UNITS.get(name));
            } else {
                row.dimension(RENAMED.getOrDefault(name, name), value);
            }
        }
        row.dimension("test", test(fields.get("n_prompt"), fields.get("n_gen"), fields.get("n_depth")));
        if (!row.hasMetric("avg_ts")) {
            throw new MalformedArtifactException(where + "no avg_ts");
        }
        return row.build();
    }

    /** What llama-bench's Markdown printer calls the test: {@code pp512}, {@code tg128}, {@code pp512 @ d512}. */
    static String test(String nPrompt, String nGen, String nDepth) {
        long prompt = count(nPrompt);
        long gen = count(nGen);
        long depth = count(nDepth);
        String test;
        if (prompt > 0 && gen > 0) {
            test = "pp" + prompt + "+tg" + gen;
        } else if (prompt > 0) {
            test = "pp" + prompt;
        } else if (gen > 0) {
            test = "tg" + gen;
        } else {
            return null;
        }
        return depth > 0 ? test + " @ d" + depth : test;
    }

    private static long count(String text) {
        if (text == null) {
            return 0;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static double number(String name, String value, String where) throws MalformedArtifactException {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new MalformedArtifactException(where + name + " is '" + value + "', not a number");
        }
    }
}
