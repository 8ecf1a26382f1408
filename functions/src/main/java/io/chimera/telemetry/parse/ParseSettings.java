package io.chimera.telemetry.parse;

import java.io.Serializable;

/**
 * Limits of the parse layer.
 *
 * @param maxFileBytes files larger than this become dead letters instead of being read into memory
 * @param maxDimensionLength longer text (responses, stack traces) is not kept as a dimension
 */
public record ParseSettings(long maxFileBytes, int maxDimensionLength) implements Serializable {

    public static final long DEFAULT_MAX_FILE_BYTES = 32L * 1024 * 1024;
    public static final int DEFAULT_MAX_DIMENSION_LENGTH = 200;

    public ParseSettings {
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be positive, was " + maxFileBytes);
        }
        if (maxDimensionLength <= 0) {
            throw new IllegalArgumentException("maxDimensionLength must be positive, was " + maxDimensionLength);
        }
    }

    public static ParseSettings defaults() {
        return new ParseSettings(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_DIMENSION_LENGTH);
    }

    public ParseSettings withMaxFileBytes(long bytes) {
        return new ParseSettings(bytes, maxDimensionLength);
    }
}
