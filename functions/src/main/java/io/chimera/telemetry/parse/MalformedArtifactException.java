package io.chimera.telemetry.parse;

/** The artifact cannot be read as its format; the message is the dead letter's reason, written for a person. */
public class MalformedArtifactException extends Exception {

    public MalformedArtifactException(String reason) {
        super(reason);
    }
}
