package io.chimera.telemetry.source;

import io.chimera.telemetry.parse.ArtifactFile;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.records.ArtifactRecord;
import io.chimera.telemetry.records.DeadLetterKind;
import io.chimera.telemetry.records.FileLanded;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Reads a discovered file whole and hands it to the parse layer: one record with the file's {@link FileLanded}
 * and its metric events. Never throws for bad content or an unreadable file: that is a dead letter.
 */
public final class ArtifactFileReader implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> roots;
    private final ArtifactParser parser;

    /** @param roots the watched folders, as Flink paths: a file's suite and relative path are taken against them */
    public ArtifactFileReader(List<Path> roots, ArtifactParser parser) {
        this.roots = roots.stream().map(root -> root.toUri().getPath()).toList();
        this.parser = parser;
    }

    /** The file as one record: what became of it and its metric events. */
    public ArtifactRecord read(DiscoveredFile discovered) {
        Path flinkPath = discovered.flinkPath();
        String path = flinkPath.toUri().getPath();
        String root = rootOf(path);
        ArtifactFile file = ArtifactFile.under(root, path, discovered.size(), discovered.modifiedTime());
        ArtifactFormat format = ArtifactFormat.ofFileName(file.fileName()).orElse(null);
        FileOutcome outcome;
        if (format == null) {
            // The file filter keeps unknown kinds out; a file that gets here anyway is accounted for.
            outcome = FileOutcome.deadLetter(
                    file,
                    ArtifactFormat.CSV,
                    "unknown extension '." + ArtifactFormat.extensionOf(file.fileName()) + "'");
        } else if (discovered.size() > parser.settings().maxFileBytes()) {
            outcome = parser.tooLarge(file, format);
        } else {
            outcome = readAndParse(flinkPath, file, format);
        }
        return toRecord(outcome);
    }

    private FileOutcome readAndParse(Path path, ArtifactFile file, ArtifactFormat format) {
        byte[] content;
        try {
            FileSystem fs = path.getFileSystem();
            try (FSDataInputStream in = fs.open(path)) {
                content = readAtMost(in, parser.settings().maxFileBytes() + 1);
            }
        } catch (IOException | RuntimeException e) {
            return FileOutcome.deadLetter(
                    file,
                    format,
                    DeadLetterKind.UNREADABLE,
                    "cannot read the file: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return parser.parse(file, format, content);
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit));
    }

    /** A file's outcome as the source emits it: for a source of any kind (a test's in-memory one too). */
    public static ArtifactRecord toRecord(FileOutcome outcome) {
        ArtifactFile file = outcome.file();
        FileLanded landed = new FileLanded();
        landed.suite = file.suite();
        landed.sourcePath = file.sourcePath();
        landed.format = outcome.format().label();
        landed.bytes = file.bytes();
        landed.modifiedTime = file.modifiedTime();
        landed.status = outcome.status();
        landed.reason = outcome.isIgnored() ? outcome.ignoredReason() : outcome.deadLetterReason();
        landed.deadLetterKind = outcome.deadLetterKind();
        landed.rows = outcome.rows();
        landed.failedRows = outcome.failedRows();
        landed.events = outcome.events().size();
        landed.eventTime =
                outcome.events().stream().mapToLong(e -> e.eventTime).max().orElse(file.modifiedTime());
        return ArtifactRecord.of(landed, new ArrayList<>(outcome.events()));
    }

    private String rootOf(String path) {
        String best = null;
        for (String root : roots) {
            String prefix = root.endsWith("/") ? root : root + "/";
            if (path.startsWith(prefix) && (best == null || root.length() > best.length())) {
                best = root;
            }
        }
        if (best != null) {
            return best;
        }
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
