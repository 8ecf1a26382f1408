package io.chimera.telemetry.parse;

import java.util.Locale;
import java.util.Optional;

/** The artifact formats the parse layer reads, recognised by file name extension. */
public enum ArtifactFormat {
    CSV("csv"),
    TSV("tsv"),
    JSON("json"),
    JSON_LINES("jsonl", "ndjson"),
    MARKDOWN("md", "markdown"),
    /** Logs and saved stdout: read as Markdown is (tables, key-value lines) and by the tools' recognisers. */
    TEXT("txt", "log");

    private final String[] extensions;

    ArtifactFormat(String... extensions) {
        this.extensions = extensions;
    }

    /**
     * The format for a file name, or empty when its extension is not one the parse layer reads.
     * github-action-benchmark's {@code data.js} is JSON behind one line of JavaScript; other {@code .js} files are
     * code.
     */
    public static Optional<ArtifactFormat> ofFileName(String fileName) {
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        if (fileName.substring(slash + 1).equalsIgnoreCase("data.js")) {
            return Optional.of(JSON);
        }
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return Optional.empty();
        }
        String extension = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (ArtifactFormat format : values()) {
            for (String candidate : format.extensions) {
                if (candidate.equals(extension)) {
                    return Optional.of(format);
                }
            }
        }
        return Optional.empty();
    }

    /** The extension of a file name, lower-cased, or an empty string when it has none. */
    public static String extensionOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
