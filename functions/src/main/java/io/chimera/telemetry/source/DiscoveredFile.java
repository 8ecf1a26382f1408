package io.chimera.telemetry.source;

import java.net.URI;
import java.net.URISyntaxException;
import org.apache.flink.core.fs.Path;

/**
 * A file the source found: where it is (a URI, so that any Flink file system works and any name survives, a
 * backslash or a '%' included), how large it was and when it was last modified, as listed; and when it last
 * changed in any way, its arrival at this path included (the inode's change time, which a copy that keeps the
 * modification time, {@code cp -p}, cannot keep; the modification time where the file system does not say).
 */
public record DiscoveredFile(String path, long size, long modifiedTime, long changedTime) {

    /** A file whose change time is not known: its modification time stands for it. */
    public DiscoveredFile(String path, long size, long modifiedTime) {
        this(path, size, modifiedTime, modifiedTime);
    }

    public static DiscoveredFile of(URI uri, long size, long modifiedTime) {
        return of(uri, size, modifiedTime, modifiedTime);
    }

    /** One spelling per file, whoever listed it: scheme, authority and the decoded path, quoted again. */
    public static DiscoveredFile of(URI uri, long size, long modifiedTime, long changedTime) {
        try {
            String canonical = new URI(uri.getScheme(), uri.getAuthority(), uri.getPath(), null, null).toString();
            return new DiscoveredFile(canonical, size, modifiedTime, Math.max(modifiedTime, changedTime));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a file URI: " + uri, e);
        }
    }

    public Path flinkPath() {
        return new Path(URI.create(path));
    }
}
