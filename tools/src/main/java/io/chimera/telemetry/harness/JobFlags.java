package io.chimera.telemetry.harness;

import io.chimera.telemetry.jobs.JobArguments;
import io.chimera.telemetry.jobs.JobSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A measurement's job settings: its own defaults, then any {@code bin/chimera run} flags given to the bench
 * (later flags win), then the folders the bench owns.
 */
final class JobFlags {

    private JobFlags() {}

    static JobSettings settings(
            List<String> defaults, List<String> given, Set<String> reserved, Path input, Path output) {
        for (String flag : given) {
            if (reserved.contains(flag)) {
                throw new IllegalArgumentException(flag + " is set by this measurement itself");
            }
        }
        List<String> flags = new ArrayList<>(defaults);
        flags.addAll(given);
        flags.addAll(List.of("--input", input.toString(), "--output", output.toString()));
        JobSettings settings = JobArguments.parse(flags.toArray(new String[0]));
        if (settings.bounded()) {
            throw new IllegalArgumentException("this measurement runs in continuous mode");
        }
        return settings;
    }

    static String seconds(java.time.Duration duration) {
        double s = duration.toMillis() / 1000.0;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + " s";
    }
}
