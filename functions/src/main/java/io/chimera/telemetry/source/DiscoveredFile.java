package io.chimera.telemetry.source;

import org.apache.flink.core.fs.Path;

/**
 * A file the source found: where it is (a Flink path URI, so any Flink file system works), how large it was and
 * when it was last modified, as listed.
 */
public record DiscoveredFile(String path, long size, long modifiedTime) {

    public Path flinkPath() {
        return new Path(path);
    }
}
