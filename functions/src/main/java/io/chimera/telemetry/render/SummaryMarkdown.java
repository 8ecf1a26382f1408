package io.chimera.telemetry.render;

import io.chimera.telemetry.records.Inventory;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.TooLateTally;
import io.chimera.telemetry.records.WindowSummary;
import io.chimera.telemetry.text.Numbers;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A window summary as a plain Markdown report: the inventory, then a table of every series. Numbers only,
 * no narrative (that is the narrator's part).
 */
public final class SummaryMarkdown {

    private SummaryMarkdown() {}

    public static String render(WindowSummary summary) {
        StringBuilder md = new StringBuilder();
        md.append("# ")
                .append(summary.suite)
                .append(": ")
                .append(summary.windowStart)
                .append(" – ")
                .append(summary.windowEnd)
                .append(summary.revision == 0 ? "" : " (revision " + summary.revision + ")")
                .append("\n\n");
        md.append("## Data inventory\n\n");
        md.append(inventory(summary.inventory, summary.tooLate));
        md.append("\n## Series\n\n");
        md.append(table(summary.series));
        return md.toString();
    }

    /** The inventory as a bullet list. */
    public static String inventory(Inventory inventory, TooLateTally tooLate) {
        StringBuilder md = new StringBuilder();
        md.append("- Files: ").append(inventory.files);
        if (!inventory.filesByFormat.isEmpty()) {
            md.append(" (")
                    .append(inventory.filesByFormat.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")))
                    .append(")");
        }
        md.append("\n- Bytes: ").append(inventory.bytes).append('\n');
        md.append("- Latest modified: ")
                .append(inventory.latestModified == null ? "–" : inventory.latestModified)
                .append('\n');
        md.append("- Folders: ")
                .append(
                        inventory.folders.isEmpty()
                                ? "–"
                                : inventory.folders.stream()
                                        .map(f -> f.isEmpty() ? "(root)" : f)
                                        .collect(Collectors.joining(", ")))
                .append('\n');
        md.append("- Parsed: ")
                .append(inventory.parsed)
                .append(", dead letters: ")
                .append(inventory.deadLetters)
                .append(inventory.ignored == 0 ? "" : ", ignored (nothing to measure): " + inventory.ignored)
                .append('\n');
        md.append("- Rows: ")
                .append(inventory.rows)
                .append(", failed rows: ")
                .append(inventory.failedRows)
                .append(", metric events: ")
                .append(inventory.events)
                .append('\n');
        for (String reason : inventory.deadLetterReasons) {
            md.append("  - dead letter ").append(reason).append('\n');
        }
        if (!tooLate.isEmpty()) {
            md.append("- Too late to revise their windows, since the previous report: ")
                    .append(tooLate.values + tooLate.failedValues)
                    .append(" values from ")
                    .append(tooLate.sources.size())
                    .append(" files (")
                    .append(String.join(", ", tooLate.sources))
                    .append("), windows ")
                    .append(String.join(", ", tooLate.windows))
                    .append('\n');
        }
        return md.toString();
    }

    /** Every series of the window as one table. */
    public static String table(java.util.List<SeriesStats> series) {
        StringBuilder md = new StringBuilder();
        if (series.isEmpty()) {
            md.append("No metric events in this window.\n");
            return md.toString();
        }
        md.append("| series | metric | unit | count | failed | mean | min | max | stddev | p50 | p90 | p95 | p99 |\n");
        md.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (SeriesStats stats : series) {
            md.append("| ")
                    .append(escape(series(stats.series)))
                    .append(" | ")
                    .append(escape(stats.metric))
                    .append(" | ")
                    .append(stats.unit == null ? "" : escape(stats.unit))
                    .append(" | ")
                    .append(stats.count)
                    .append(" | ")
                    .append(stats.failed)
                    .append(" | ")
                    .append(number(stats.mean, stats.count))
                    .append(" | ")
                    .append(number(stats.min, stats.count))
                    .append(" | ")
                    .append(number(stats.max, stats.count))
                    .append(" | ")
                    .append(number(stats.stddev, stats.count))
                    .append(" | ")
                    .append(number(stats.p50, stats.count))
                    .append(" | ")
                    .append(number(stats.p90, stats.count))
                    .append(" | ")
                    .append(number(stats.p95, stats.count))
                    .append(" | ")
                    .append(number(stats.p99, stats.count))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String series(Map<String, String> series) {
        return series.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** About four significant digits, as the narratives write them; the JSON lines keep every digit. */
    static String number(double value, long count) {
        if (count == 0 || !Double.isFinite(value)) {
            return "–";
        }
        return Numbers.human(value);
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
