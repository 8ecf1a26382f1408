package io.chimera.telemetry.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.parse.ParseSettings;
import io.chimera.telemetry.records.ArtifactRecord;
import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.records.MetricEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactFileReaderTest {

    private static final String CSV = "model,tokens_s,latency_ms\nllama3,50.5,12\nmistral,40,15\n";
    private static final long MODIFIED = Instant.parse("2025-09-30T10:15:00Z").toEpochMilli();

    @TempDir
    java.nio.file.Path root;

    private ArtifactFileReader reader() {
        return new ArtifactFileReader(List.of(new Path(root.toUri())), new ArtifactParser(ParseSettings.defaults()));
    }

    private DiscoveredFile file(String relative, String content) throws IOException {
        java.nio.file.Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.fromMillis(MODIFIED));
        return DiscoveredFile.of(file.toUri(), Files.size(file), MODIFIED);
    }

    /** One of the file's parts: its FileLanded or one of its events, in the order the record holds them. */
    private record Item(FileLanded file, MetricEvent event) {}

    private List<Item> read(DiscoveredFile file) {
        return items(reader().read(file));
    }

    private static List<Item> items(ArtifactRecord record) {
        List<Item> items = new java.util.ArrayList<>();
        items.add(new Item(record.file, null));
        record.events.forEach(event -> items.add(new Item(null, event)));
        return items;
    }

    /** A comparable description of a record: FileLanded has no equals of its own. */
    private static String describe(Item record) {
        if (record.event != null) {
            MetricEvent e = record.event;
            return "event " + e.sourcePath + " " + e.dimensions + " " + e.metric + "=" + e.value;
        }
        FileLanded f = record.file;
        return "file " + f.sourcePath + " " + f.status + " events=" + f.events;
    }

    @Test
    void fileLandedComesFirstThenTheFilesMetricEvents() throws IOException {
        DiscoveredFile discovered = file("baseline/run1/bench.csv", CSV);

        List<Item> records = read(discovered);

        assertEquals(5, records.size());
        FileLanded landed = records.get(0).file;
        assertNotNull(landed, "first record is the landed file");
        assertNull(records.get(0).event);
        assertEquals("baseline", landed.suite);
        assertEquals("baseline/run1/bench.csv", landed.sourcePath);
        assertEquals("csv", landed.format);
        assertEquals(CSV.length(), landed.bytes);
        assertEquals(MODIFIED, landed.modifiedTime);
        assertEquals("parsed", landed.status);
        assertNull(landed.reason);
        assertEquals(2, landed.rows);
        assertEquals(0, landed.failedRows);
        assertEquals(4, landed.events);
        assertEquals(MODIFIED, landed.eventTime, "no timestamps in the file: its modification time");

        List<String> events = records.subList(1, 5).stream()
                .map(ArtifactFileReaderTest::describe)
                .toList();
        assertEquals(
                List.of(
                        "event baseline/run1/bench.csv {model=llama3} tokens_s=50.5",
                        "event baseline/run1/bench.csv {model=llama3} latency_ms=12.0",
                        "event baseline/run1/bench.csv {model=mistral} tokens_s=40.0",
                        "event baseline/run1/bench.csv {model=mistral} latency_ms=15.0"),
                events);
        for (Item record : records.subList(1, 5)) {
            assertNull(record.file);
            assertEquals("baseline", record.event.suite);
            assertEquals("csv", record.event.format);
            assertEquals(MODIFIED, record.event.eventTime);
        }
    }

    @Test
    void fileDirectlyInTheRootBelongsToTheRootsSuite() throws IOException {
        List<Item> records = read(file("top.csv", CSV));

        assertEquals("top.csv", records.get(0).file.sourcePath);
        assertEquals(root.getFileName().toString(), records.get(0).file.suite);
        assertEquals(root.getFileName().toString(), records.get(1).event.suite);
    }

    @Test
    void rootGivenWithoutTrailingSlashGivesTheSameRelativePath() throws IOException {
        DiscoveredFile discovered = file("suiteB/x/run.csv", CSV);
        ArtifactFileReader reader = new ArtifactFileReader(
                List.of(new Path(root.toAbsolutePath().toString())), new ArtifactParser(ParseSettings.defaults()));

        List<Item> records = items(reader.read(discovered));

        assertEquals("suiteB/x/run.csv", records.get(0).file.sourcePath);
        assertEquals("suiteB", records.get(0).file.suite);
    }

    @Test
    void namesWithSpacesAndNonAsciiLettersKeepTheirRelativePath() throws IOException {
        List<Item> records = read(file("night runs/größe 1/run #2.csv", CSV));

        assertEquals("night runs/größe 1/run #2.csv", records.get(0).file.sourcePath);
        assertEquals("night runs", records.get(0).file.suite);
        assertEquals("parsed", records.get(0).file.status);
        assertEquals(5, records.size());
    }

    @Test
    void brokenFileYieldsExactlyOneDeadLetterRecord() throws IOException {
        List<Item> records = read(file("baseline/broken.csv", "a,b\n1,2\n3,\"oops\n4,5\n"));

        assertEquals(1, records.size());
        FileLanded landed = records.get(0).file;
        assertTrue(landed.isDeadLetter());
        assertEquals("dead_letter", landed.status);
        assertEquals("line 3: unterminated quoted field", landed.reason);
        assertEquals("baseline/broken.csv", landed.sourcePath);
        assertEquals(0, landed.events);
        assertEquals(MODIFIED, landed.eventTime);
    }

    @Test
    void eventsOfAToolsOutputCarryItsRecogniserAndTheLandedFileItsGenericFormat() throws IOException {
        List<Item> records = read(file(
                "jvm/jmh-result.csv",
                "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\"\n"
                        + "\"a.B.c\",\"avgt\",1,5,12.5,0.5,\"ns/op\"\n"));

        assertEquals(3, records.size());
        assertEquals("csv", records.get(0).file.format);
        assertEquals(2, records.get(0).file.events);
        MetricEvent score = records.get(1).event;
        assertEquals("jmh-csv", score.format);
        assertEquals("reported_score", score.metric);
        assertEquals(12.5, score.value);
        assertEquals("jmh-csv", records.get(2).event.format);
    }

    @Test
    void aToolsOutputItsRecogniserCannotReadIsOneDeadLetterNamingIt() throws IOException {
        List<Item> records = read(file(
                "jvm/broken-jmh.csv",
                "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\"\n"
                        + "\"a.B.c\",\"avgt\",1,5,quick,0.5,\"ns/op\"\n"));

        assertEquals(1, records.size());
        assertTrue(records.get(0).file.isDeadLetter());
        assertEquals("jmh-csv: line 2: Score is 'quick', not a number", records.get(0).file.reason);
    }

    @Test
    void emptyFileIsADeadLetterWithAReason() throws IOException {
        List<Item> records = read(file("baseline/empty.json", ""));

        assertEquals(1, records.size());
        assertTrue(records.get(0).file.isDeadLetter());
        assertEquals("json", records.get(0).file.format);
        assertFalse(records.get(0).file.reason.isBlank());
    }
}
