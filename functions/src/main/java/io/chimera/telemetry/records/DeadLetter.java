package io.chimera.telemetry.records;

import java.util.Objects;

/** A discovered file that yielded no metric events because it could not be read or parsed, and why. */
public class DeadLetter {

    public String suite;
    public String sourcePath;
    /** {@link io.chimera.telemetry.parse.ArtifactFormat} name the file was taken for. */
    public String format;
    /** For a person: what is wrong and where ({@code line 7: unterminated quoted field}). */
    public String reason;

    public long bytes;
    /** Epoch milliseconds. */
    public long modifiedTime;

    public DeadLetter() {}

    public DeadLetter(String suite, String sourcePath, String format, String reason, long bytes, long modifiedTime) {
        this.suite = suite;
        this.sourcePath = sourcePath;
        this.format = format;
        this.reason = reason;
        this.bytes = bytes;
        this.modifiedTime = modifiedTime;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeadLetter other)) {
            return false;
        }
        return bytes == other.bytes
                && modifiedTime == other.modifiedTime
                && Objects.equals(suite, other.suite)
                && Objects.equals(sourcePath, other.sourcePath)
                && Objects.equals(format, other.format)
                && Objects.equals(reason, other.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourcePath, reason, modifiedTime);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + sourcePath + ": " + reason + "}";
    }
}
