package io.chimera.telemetry.source;

import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * Many small files handed to a reader at once: one split request per batch instead of one per file, which is what
 * capped Flink's own file source near 4k small files a second. A checkpointed split holds only the files not yet
 * read, since a reader finishes a file before it can be checkpointed.
 */
public record FileBatchSplit(String splitId, List<DiscoveredFile> files) implements SourceSplit {

    public FileBatchSplit {
        files = List.copyOf(files);
    }

    /** The files from {@code index} on, under the same id. */
    public FileBatchSplit from(int index) {
        return new FileBatchSplit(splitId, files.subList(index, files.size()));
    }
}
