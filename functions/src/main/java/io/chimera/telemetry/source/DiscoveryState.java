package io.chimera.telemetry.source;

import java.util.List;
import java.util.Map;

/**
 * The enumerator's checkpoint: what the continuous source has taken ({@link SeenFiles}: a horizon and the paths
 * since), the files found but not yet handed to a reader, and the next split number. Its size follows the
 * lookback and the backlog, not the farm's history.
 */
public record DiscoveryState(
        long horizon, long newest, Map<String, Long> recent, List<DiscoveredFile> pending, long nextSplit) {

    public DiscoveryState {
        recent = Map.copyOf(recent);
        pending = List.copyOf(pending);
    }

    public static DiscoveryState empty() {
        return new DiscoveryState(Long.MIN_VALUE, Long.MIN_VALUE, Map.of(), List.of(), 0);
    }
}
