package io.chimera.telemetry.parse;

import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.MetricEvent;
import java.util.List;

/**
 * What became of one discovered file: parsed (with its events, possibly none) or a dead letter with a reason.
 * Never both, never neither.
 *
 * @param format the format the file was taken for
 * @param rows rows the file held (table rows, JSON objects), with or without numbers
 * @param failedRows rows that reported an error; their events carry the failed flag
 * @param deadLetterReason null when parsed
 */
public record FileOutcome(
        ArtifactFile file,
        ArtifactFormat format,
        List<MetricEvent> events,
        int rows,
        int failedRows,
        String deadLetterReason) {

    public static FileOutcome parsed(
            ArtifactFile file, ArtifactFormat format, List<MetricEvent> events, int rows, int failedRows) {
        return new FileOutcome(file, format, List.copyOf(events), rows, failedRows, null);
    }

    public static FileOutcome deadLetter(ArtifactFile file, ArtifactFormat format, String reason) {
        return new FileOutcome(file, format, List.of(), 0, 0, reason);
    }

    public boolean isParsed() {
        return deadLetterReason == null;
    }

    public String status() {
        return isParsed() ? "parsed" : "dead_letter";
    }

    public DeadLetter toDeadLetter() {
        if (isParsed()) {
            throw new IllegalStateException(file.sourcePath() + " was parsed; it is no dead letter");
        }
        return new DeadLetter(file.suite(), file.sourcePath(), format.label(), deadLetterReason, file.bytes(),
                file.modifiedTime());
    }
}
