package io.chimera.telemetry.records;

import java.util.Locale;

/**
 * What kind of trouble made a file a dead letter: a small fixed set, so that the dashboard's dead-letter counter
 * has one series per kind however many reasons there are. The reason itself says the rest, for a person.
 */
public enum DeadLetterKind {
    /** No bytes, or white space only. */
    EMPTY,
    /** Text in an encoding that cannot be read as such (UTF-16 without its byte order mark). */
    ENCODING,
    /** Not text at all. */
    BINARY,
    /** Over the size limit. */
    TOO_LARGE,
    /** The file system would not give its bytes. */
    UNREADABLE,
    /** Text that is not what its format (or the tool that claimed it) writes. */
    MALFORMED;

    /** As the counter's label says it: {@code too_large}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
