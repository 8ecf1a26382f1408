package io.chimera.telemetry.parse;

import io.chimera.telemetry.records.DeadLetterKind;

/** The artifact cannot be read as its format; the message is the dead letter's reason, written for a person. */
public class MalformedArtifactException extends Exception {

    private final DeadLetterKind kind;

    public MalformedArtifactException(String reason) {
        this(DeadLetterKind.MALFORMED, reason);
    }

    public MalformedArtifactException(DeadLetterKind kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    public DeadLetterKind kind() {
        return kind;
    }
}
