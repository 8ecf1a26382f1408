package io.chimera.telemetry.parse;

import java.util.List;

/** Reads one artifact format into interpreted rows. Knows nothing of other formats, of files or of Flink. */
public interface FormatParser {

    /**
     * @param text the whole file, decoded, without a byte order mark
     * @throws MalformedArtifactException when the text is not valid in this format; the message says where
     */
    List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException;
}
