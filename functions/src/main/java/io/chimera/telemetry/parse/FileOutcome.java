package io.chimera.telemetry.parse;

import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.DeadLetterKind;
import io.chimera.telemetry.records.MetricEvent;
import java.util.List;

/**
 * What became of one discovered file: parsed (with its events, possibly none) or a dead letter with a reason.
 * Never both, never neither.
 *
 * @param format the generic format the file was taken for (by its extension)
 * @param recogniser the name of the tool recogniser that claimed the file ({@code jmh-json}), or null when the
 *     generic parser of {@code format} read it
 * @param rows rows the file held (table rows, JSON objects), with or without numbers
 * @param failedRows rows that reported an error; their events carry the failed flag
 * @param deadLetterReason null when parsed
 * @param deadLetterKind what kind of trouble the reason tells of; null when parsed
 * @param ignoredReason why a file read whole gave nothing to measure and is no error either; null otherwise
 */
public record FileOutcome(
        ArtifactFile file,
        ArtifactFormat format,
        String recogniser,
        List<MetricEvent> events,
        int rows,
        int failedRows,
        String deadLetterReason,
        DeadLetterKind deadLetterKind,
        String ignoredReason) {

    /** Parsed by the generic parser of {@code format}. */
    public static FileOutcome parsed(
            ArtifactFile file, ArtifactFormat format, List<MetricEvent> events, int rows, int failedRows) {
        return parsed(file, format, null, events, rows, failedRows);
    }

    /** Parsed by the named recogniser, or by the generic parser when {@code recogniser} is null. */
    public static FileOutcome parsed(
            ArtifactFile file,
            ArtifactFormat format,
            String recogniser,
            List<MetricEvent> events,
            int rows,
            int failedRows) {
        return new FileOutcome(file, format, recogniser, List.copyOf(events), rows, failedRows, null, null, null);
    }

    /** A malformed file no recogniser had claimed. */
    public static FileOutcome deadLetter(ArtifactFile file, ArtifactFormat format, String reason) {
        return deadLetter(file, format, null, DeadLetterKind.MALFORMED, reason);
    }

    /** A dead letter of this kind no recogniser had claimed. */
    public static FileOutcome deadLetter(ArtifactFile file, ArtifactFormat format, DeadLetterKind kind, String reason) {
        return deadLetter(file, format, null, kind, reason);
    }

    /** A malformed file the named recogniser claimed (null: none did). */
    public static FileOutcome deadLetter(ArtifactFile file, ArtifactFormat format, String recogniser, String reason) {
        return deadLetter(file, format, recogniser, DeadLetterKind.MALFORMED, reason);
    }

    /** A dead letter of a file the named recogniser claimed (null: none did). */
    public static FileOutcome deadLetter(
            ArtifactFile file, ArtifactFormat format, String recogniser, DeadLetterKind kind, String reason) {
        return new FileOutcome(file, format, recogniser, List.of(), 0, 0, reason, kind, null);
    }

    /**
     * A file read whole that holds nothing to measure and is no error either (a log no recogniser claims): counted
     * in its window's inventory as ignored, with the reason, never a dead letter.
     */
    public static FileOutcome ignored(ArtifactFile file, ArtifactFormat format, String reason) {
        return new FileOutcome(file, format, null, List.of(), 0, 0, null, null, reason);
    }

    public boolean isIgnored() {
        return ignoredReason != null;
    }

    /** The file's format as events and listings name it: the recogniser's name, else the generic format's label. */
    public String label() {
        return recogniser != null ? recogniser : format.label();
    }

    public boolean isParsed() {
        return deadLetterReason == null;
    }

    public String status() {
        return !isParsed() ? "dead_letter" : isIgnored() ? "ignored" : "parsed";
    }

    public DeadLetter toDeadLetter() {
        if (isParsed()) {
            throw new IllegalStateException(file.sourcePath() + " was parsed; it is no dead letter");
        }
        return new DeadLetter(
                file.suite(), file.sourcePath(), format.label(), deadLetterReason, file.bytes(), file.modifiedTime());
    }
}
