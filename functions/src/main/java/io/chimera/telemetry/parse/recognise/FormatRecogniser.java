package io.chimera.telemetry.parse.recognise;

import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.ParsedRow;
import io.chimera.telemetry.parse.RowInterpreter;
import java.io.Serializable;
import java.util.List;

/**
 * Recognises the output of one standard benchmark tool by its content and reads it into rows with the tool's
 * series dimensions, metric names and units, where the generic parser of its format would only see numbers.
 * Knows nothing of other recognisers, of files or of Flink; stateless.
 */
public interface FormatRecogniser extends Serializable {

    /** Names the tool and its output flavour ({@code google-benchmark-json}): the format label of its events. */
    String name();

    /** The generic format of the files it may claim (by their extension). */
    ArtifactFormat genericFormat();

    /**
     * A cheap look at the text for what only this tool writes (its keys, its header). Must not claim the files
     * of other tools or generic files: a claimed file that {@link #parse} cannot read becomes a dead letter.
     *
     * @param path the file's path below its watched folder, folders separated by {@code /}, its name last
     * @param text the whole file, decoded
     */
    boolean recognises(String path, String text);

    /**
     * @throws MalformedArtifactException when the text is not what the tool writes; the message says where
     */
    List<ParsedRow> parse(String text, RowInterpreter interpreter) throws MalformedArtifactException;

    /**
     * Reads a file whose folders say what it holds (criterion keeps a benchmark's name in its folder only); the
     * others need only the text.
     *
     * @param path as for {@link #recognises}
     */
    default List<ParsedRow> parse(String path, String text, RowInterpreter interpreter)
            throws MalformedArtifactException {
        return parse(text, interpreter);
    }
}
