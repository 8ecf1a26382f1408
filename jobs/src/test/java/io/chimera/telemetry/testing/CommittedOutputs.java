package io.chimera.telemetry.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What a reader of a job's JSON-lines outputs sees: the lines of the committed part files, oldest file first. */
public final class CommittedOutputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CommittedOutputs() {}

    /** The records of {@code <out>/<kind>/**.jsonl}; in-progress part files are hidden (names start with '.'). */
    public static List<JsonNode> read(Path out, String kind) {
        Path folder = out.resolve(kind);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            List<JsonNode> records = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(CommittedOutputs::modified).thenComparing(Comparator.naturalOrder()))
                    .toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    records.add(JSON.readTree(line));
                }
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
