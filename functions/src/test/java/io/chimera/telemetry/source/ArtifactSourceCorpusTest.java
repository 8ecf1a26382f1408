package io.chimera.telemetry.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.parse.ParseSettings;
import io.chimera.telemetry.records.ArtifactRecord;
import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.testing.Corpus;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;

/** The source over the real corpus: every artifact once, each read as the parse layer reads it, restores included. */
class ArtifactSourceCorpusTest {

    private static final ArtifactParser PARSER = new ArtifactParser(ParseSettings.defaults());

    /** The corpus's artifacts by an independent walk: regular files of a known format, no skipped name on the way. */
    private static List<java.nio.file.Path> artifacts(java.nio.file.Path root) throws Exception {
        try (Stream<java.nio.file.Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> LocalArtifacts.skipReason(root, file) == null)
                    .filter(file -> ArtifactParser.formatOf(file.getFileName().toString())
                            .isPresent())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyCorpusArtifactIsHandedOutOnceAndReadAsTheParseLayerReadsItAcrossARestore() throws Throwable {
        java.nio.file.Path corpus = Corpus.root();
        Path root = new Path(corpus.toUri());
        Map<String, String> expected = new TreeMap<>();
        for (java.nio.file.Path file : artifacts(corpus)) {
            FileOutcome outcome = PARSER.parseLocal(
                    corpus,
                    file,
                    ArtifactParser.formatOf(file.getFileName().toString()).orElseThrow());
            expected.put(
                    outcome.file().sourcePath(),
                    outcome.status() + " " + outcome.events().size() + " " + outcome.deadLetterReason());
        }

        List<List<FileBatchSplit>> byReader = List.of(new ArrayList<>(), new ArrayList<>());
        try (var context = new MockSplitEnumeratorContext<FileBatchSplit>(2)) {
            context.registerReader(new ReaderInfo(0, "localhost"));
            context.registerReader(new ReaderInfo(1, "localhost"));
            ArtifactSplitEnumerator enumerator = new ArtifactSplitEnumerator(
                    context,
                    List.of(root),
                    DiscoverySettings.continuous(Duration.ofSeconds(1), Duration.ZERO, Duration.ofDays(36_500)),
                    DiscoveryState.empty());
            enumerator.start();
            context.runPeriodicCallable(0);
            for (int round = 0; round < 200; round++) {
                enumerator.handleSplitRequest(round % 2, "localhost");
            }
            context.runPeriodicCallable(0);
            enumerator.handleSplitRequest(0, "localhost");
            for (SplitsAssignment<FileBatchSplit> assignment : context.getSplitsAssignmentSequence()) {
                assignment
                        .assignment()
                        .forEach((reader, splits) -> byReader.get(reader).addAll(splits));
            }
        }

        Map<String, String> read = new TreeMap<>();
        List<String> landedTwice = new ArrayList<>();
        for (List<FileBatchSplit> splits : byReader) {
            ArtifactSourceReaderTest.Collected out = new ArtifactSourceReaderTest.Collected();
            ArtifactSourceReader first = new ArtifactSourceReader(
                    new ArtifactSourceReaderTest.Context(), new ArtifactFileReader(List.of(root), PARSER));
            first.addSplits(splits);
            for (int polls = 0; polls < 7; polls++) {
                first.pollNext(out);
            }
            // A checkpoint part-way, and a new reader restored from it, as after a lost TaskManager.
            ArtifactSourceReader restored = new ArtifactSourceReader(
                    new ArtifactSourceReaderTest.Context(), new ArtifactFileReader(List.of(root), PARSER));
            restored.addSplits(first.snapshotState(1));
            restored.notifyNoMoreSplits();
            ArtifactSourceReaderTest.drain(restored, out);
            for (ArtifactRecord record : out.all) {
                FileLanded landed = record.file;
                if (landed != null
                        && read.put(landed.sourcePath, landed.status + " " + landed.events + " " + landed.reason)
                                != null) {
                    landedTwice.add(landed.sourcePath);
                }
            }
        }

        assertEquals(List.of(), landedTwice, "no file read twice");
        assertEquals(expected, read, "every artifact once, with the parse layer's outcome");
        assertEquals(
                104,
                read.keySet().stream()
                        .filter(path -> path.startsWith("chimera/"))
                        .count(),
                "the Chimera tree's 104 files");
    }
}
