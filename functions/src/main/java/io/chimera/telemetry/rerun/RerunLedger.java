package io.chimera.telemetry.rerun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What bounded runs over an output folder have emitted, so that running the same command again emits nothing twice:
 * one {@link LedgerEntry} per record, written beside the outputs ({@code <output>/.ledger/**.jsonl}) by a file sink
 * that commits with them. Only committed part files count (a hidden in-progress file never does), so a run that
 * failed before its outputs were committed left no entry either, and its records go out on the next run.
 */
public final class RerunLedger implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String FOLDER = ".ledger";

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final String folder;

    /** @param folder the ledger's folder, {@code <output>/.ledger} */
    public RerunLedger(String folder) {
        this.folder = folder;
    }

    public Path folder() {
        return Path.of(folder);
    }

    /** Whether an earlier bounded run left a ledger in the folder. */
    public static boolean isIn(Path output) {
        return !committedFiles(output.resolve(FOLDER)).isEmpty();
    }

    /** The latest entry of each record of a kind, by id. */
    public Map<String, LedgerEntry> latest(LedgerKind<?> kind) {
        Map<String, LedgerEntry> latest = new HashMap<>();
        for (Path file : committedFiles(folder())) {
            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                lines.filter(line -> !line.isBlank()).forEach(line -> {
                    LedgerEntry entry = read(line);
                    if (kind.name().equals(entry.kind)) {
                        latest.merge(entry.id, entry, (a, b) -> a.revision >= b.revision ? a : b);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the rerun ledger " + file, e);
            }
        }
        return latest;
    }

    /** The record's content without its revisions (its own and those of the records it holds), as a digest. */
    public static String digest(Object record) {
        JsonNode tree = JSON.valueToTree(record);
        withoutRevisions(tree);
        try {
            byte[] canonical = JSON.writeValueAsBytes(JSON.treeToValue(tree, Object.class));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical), 0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest " + record.getClass().getSimpleName(), e);
        }
    }

    private static void withoutRevisions(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("revision");
            object.forEach(RerunLedger::withoutRevisions);
        } else if (node instanceof ArrayNode array) {
            array.forEach(RerunLedger::withoutRevisions);
        }
    }

    private static LedgerEntry read(String line) {
        try {
            return JSON.readValue(line, LedgerEntry.class);
        } catch (IOException e) {
            throw new UncheckedIOException("a line of the rerun ledger that is not an entry: " + line, e);
        }
    }

    private static List<Path> committedFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the rerun ledger " + folder, e);
        }
    }
}
