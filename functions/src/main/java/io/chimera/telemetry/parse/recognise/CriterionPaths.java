package io.chimera.telemetry.parse.recognise;

import java.util.Arrays;
import java.util.List;

/**
 * What criterion.rs's folders say of a file: {@code target/criterion/<benchmark id>/<set>/<file>}, where the id is
 * the group, function and parameter folders ({@code fib/20}) and the set is {@code new} (the latest run),
 * {@code base} (the one before it), a name given to {@code --save-baseline}, or {@code change} (the comparison of
 * the two). Without a {@code criterion} folder on the path the id is the one folder above the set.
 */
final class CriterionPaths {

    private static final String CRITERION = "criterion";

    private CriterionPaths() {}

    /** Adds {@code benchmark} and, unless {@code change}, {@code baseline} (the set): nothing when too shallow. */
    static void name(RowBuilder row, String path) {
        List<String> segments = Arrays.asList(path.replace('\\', '/').split("/"));
        int set = segments.size() - 2;
        if (set < 1) {
            return;
        }
        int criterion = segments.subList(0, set).lastIndexOf(CRITERION);
        List<String> id = criterion >= 0 ? segments.subList(criterion + 1, set) : segments.subList(set - 1, set);
        if (id.isEmpty() || segments.get(set).equals(CRITERION)) {
            return;
        }
        row.dimension("benchmark", String.join("/", id));
        if (!segments.get(set).equals("change")) {
            row.dimension("baseline", segments.get(set));
        }
    }
}
