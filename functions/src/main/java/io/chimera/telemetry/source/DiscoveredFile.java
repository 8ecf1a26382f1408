package io.chimera.telemetry.source;

import java.net.URI;
import java.net.URISyntaxException;
import org.apache.flink.core.fs.Path;

/**
 * A file the source found: where it is (a URI, so that any Flink file system works and any name survives, a
 * backslash or a '%' included), how large it was and when it was last modified, as listed.
 */
public record DiscoveredFile(String path, long size, long modifiedTime) {

    /** One spelling per file, whoever listed it: scheme, authority and the decoded path, quoted again. */
    public static DiscoveredFile of(URI uri, long size, long modifiedTime) {
        try {
            String canonical = new URI(uri.getScheme(), uri.getAuthority(), uri.getPath(), null, null).toString();
            return new DiscoveredFile(canonical, size, modifiedTime);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a file URI: " + uri, e);
        }
    }

    public Path flinkPath() {
        return new Path(URI.create(path));
    }
}
