package io.chimera.telemetry.parse;

import java.nio.file.Path;

/**
 * Where an artifact sits and what the file system says of it, independent of how its bytes are read (a local
 * {@link java.nio.file.Path} in the command line, a Flink file system stream in the job).
 *
 * @param suite first folder level under the watched root (the root's own name for files directly in it)
 * @param sourcePath path relative to the watched root, '/'-separated
 * @param bytes file size as listed
 * @param modifiedTime epoch milliseconds
 */
public record ArtifactFile(String suite, String sourcePath, long bytes, long modifiedTime) {

    public String fileName() {
        int slash = sourcePath.lastIndexOf('/');
        return slash < 0 ? sourcePath : sourcePath.substring(slash + 1);
    }

    /** The file name without its extension: what names a series when the artifact names no model or benchmark. */
    public String fileStem() {
        String name = fileName();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }

    /** Describes {@code file} as found under the watched {@code root}. */
    public static ArtifactFile under(String root, String file, long bytes, long modifiedTime) {
        String relative = relativize(root, file);
        return new ArtifactFile(suiteOf(root, relative), relative, bytes, modifiedTime);
    }

    public static ArtifactFile under(Path root, Path file, long bytes, long modifiedTime) {
        return under(root.toString(), file.toString(), bytes, modifiedTime);
    }

    static String relativize(String root, String file) {
        String normalRoot = trimTrailingSlashes(root.replace('\\', '/'));
        String normalFile = file.replace('\\', '/');
        if (!normalRoot.isEmpty() && normalFile.startsWith(normalRoot + "/")) {
            return normalFile.substring(normalRoot.length() + 1);
        }
        int slash = normalFile.lastIndexOf('/');
        return slash < 0 ? normalFile : normalFile.substring(slash + 1);
    }

    static String suiteOf(String root, String relative) {
        int slash = relative.indexOf('/');
        if (slash > 0) {
            return relative.substring(0, slash);
        }
        String normalRoot = trimTrailingSlashes(root.replace('\\', '/'));
        int lastSlash = normalRoot.lastIndexOf('/');
        String rootName = lastSlash < 0 ? normalRoot : normalRoot.substring(lastSlash + 1);
        return rootName.isEmpty() || rootName.equals(".") || rootName.equals("..") ? "default" : rootName;
    }

    private static String trimTrailingSlashes(String path) {
        String result = path;
        while (result.length() > 1 && result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
