package io.chimera.telemetry.source;

import io.chimera.telemetry.records.ArtifactRecord;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The artifacts under the watched folders, each settled file once, as a {@link io.chimera.telemetry.records.FileLanded}
 * followed by its metric events. In place of Flink's FileSource: small files travel many to a split, and the
 * record of what was taken stays bounded (see {@link SeenFiles}).
 */
public final class ArtifactSource
        implements Source<ArtifactRecord, FileBatchSplit, DiscoveryState>, ResultTypeQueryable<ArtifactRecord> {

    private static final long serialVersionUID = 1L;

    private final List<String> roots;
    private final ArtifactFileReader reader;
    private final DiscoverySettings settings;

    public ArtifactSource(List<Path> roots, ArtifactFileReader reader, DiscoverySettings settings) {
        this.roots = roots.stream().map(Path::toString).toList();
        this.reader = reader;
        this.settings = settings;
    }

    @Override
    public Boundedness getBoundedness() {
        return settings.isBounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<ArtifactRecord, FileBatchSplit> createReader(SourceReaderContext context) {
        return new ArtifactSourceReader(context, reader);
    }

    @Override
    public SplitEnumerator<FileBatchSplit, DiscoveryState> createEnumerator(
            SplitEnumeratorContext<FileBatchSplit> context) {
        return restoreEnumerator(context, DiscoveryState.empty());
    }

    @Override
    public SplitEnumerator<FileBatchSplit, DiscoveryState> restoreEnumerator(
            SplitEnumeratorContext<FileBatchSplit> context, DiscoveryState state) {
        return new ArtifactSplitEnumerator(
                context, roots.stream().map(Path::new).toList(), settings, state);
    }

    @Override
    public SimpleVersionedSerializer<FileBatchSplit> getSplitSerializer() {
        return new SourceSerializers.Splits();
    }

    @Override
    public SimpleVersionedSerializer<DiscoveryState> getEnumeratorCheckpointSerializer() {
        return new SourceSerializers.State();
    }

    @Override
    public TypeInformation<ArtifactRecord> getProducedType() {
        return ArtifactRecordType.INSTANCE;
    }
}
