package io.chimera.telemetry.source;

import java.util.List;
import java.util.Map;

/**
 * The enumerator's checkpoint: what the continuous source has handed out ({@link SeenFiles}: a horizon and the
 * paths since, an arrival floor and the arrivals since), the files of failed readers' batches waiting to be handed
 * out again, and the next split number. Files found but not yet handed out are not in it: they are not marked as
 * handed out, so the first listing after a restore finds them again. Its size follows the lookback, not the farm's
 * history nor the backlog.
 */
public record DiscoveryState(
        long horizon,
        long newest,
        Map<String, Long> recent,
        long arrivalFloor,
        Map<String, Long> arrivals,
        List<DiscoveredFile> returned,
        long nextSplit) {

    public DiscoveryState {
        recent = Map.copyOf(recent);
        arrivals = Map.copyOf(arrivals);
        returned = List.copyOf(returned);
    }

    public static DiscoveryState empty() {
        return new DiscoveryState(Long.MIN_VALUE, Long.MIN_VALUE, Map.of(), Long.MAX_VALUE, Map.of(), List.of(), 0);
    }
}
