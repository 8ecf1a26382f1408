package io.chimera.telemetry.cli;

import io.chimera.telemetry.aggregate.SeriesIdentity;
import io.chimera.telemetry.aggregate.SeriesNaming;
import io.chimera.telemetry.aggregate.SeriesPath;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.parse.ParseSettings;
import io.chimera.telemetry.records.MetricEvent;
import io.chimera.telemetry.render.JsonEncoding;
import io.chimera.telemetry.source.FileSelection;
import io.chimera.telemetry.source.LocalArtifacts;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code bin/chimera parse PATH...}: the parse layer on local files, without Flink. A folder is the watched root
 * of its files (its first level names the suite); a single file is taken with its parent folder as root.
 */
final class ParseCommand {

    private final PrintStream out;
    private final PrintStream err;

    ParseCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        boolean events = false;
        boolean verbose = false;
        ParseSettings settings = ParseSettings.defaults();
        SeriesNaming naming = SeriesNaming.automatic();
        List<Path> paths = new ArrayList<>();
        List<String> include = new ArrayList<>();
        List<String> exclude = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--include", "--exclude" -> {
                    if (i + 1 >= args.length) {
                        err.println(args[i] + " needs a glob, such as '*.json' or 'archive/**'");
                        return ChimeraCli.USAGE;
                    }
                    (args[i].equals("--include") ? include : exclude).add(args[++i]);
                }
                case "--events" -> events = true;
                case "--verbose", "-v" -> verbose = true;
                case "--max-file-bytes" -> {
                    if (i + 1 >= args.length) {
                        err.println("--max-file-bytes needs a number of bytes");
                        return ChimeraCli.USAGE;
                    }
                    try {
                        settings = settings.withMaxFileBytes(Long.parseLong(args[++i]));
                    } catch (IllegalArgumentException e) {
                        err.println("--max-file-bytes needs a positive number of bytes, got '" + args[i] + "'");
                        return ChimeraCli.USAGE;
                    }
                }
                case "--series-template" -> {
                    if (i + 1 >= args.length) {
                        err.println("--series-template needs a template, such as '{suite}/{model}/run_{run}/{file}'");
                        return ChimeraCli.USAGE;
                    }
                    try {
                        naming = SeriesNaming.template(args[++i]);
                    } catch (IllegalArgumentException e) {
                        err.println(e.getMessage());
                        return ChimeraCli.USAGE;
                    }
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        err.println("unknown option '" + args[i] + "' for parse");
                        return ChimeraCli.USAGE;
                    }
                    paths.add(Path.of(args[i]));
                }
            }
        }
        if (paths.isEmpty()) {
            err.println("parse needs at least one file or folder: bin/chimera parse PATH...");
            return ChimeraCli.USAGE;
        }
        for (Path path : paths) {
            if (!Files.exists(path)) {
                err.println("no such file or folder: " + path);
                return ChimeraCli.USAGE;
            }
        }
        FileSelection.Selector selection;
        try {
            selection = new FileSelection(include, exclude).selector();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ChimeraCli.USAGE;
        }
        ArtifactParser parser = new ArtifactParser(settings);
        for (Path path : paths) {
            Path root = Files.isDirectory(path) ? path : absoluteParent(path);
            for (Path file : filesUnder(path, selection, verbose)) {
                Optional<ArtifactFormat> format =
                        ArtifactParser.formatOf(file.getFileName().toString());
                if (format.isEmpty()) {
                    if (verbose) {
                        err.println("ignored: " + file + " (unknown extension '."
                                + ArtifactFormat.extensionOf(file.getFileName().toString()) + "')");
                    }
                    continue;
                }
                FileOutcome outcome = parser.parseLocal(root, file, format.get());
                if (verbose && outcome.isIgnored()) {
                    err.println("ignored: " + file + " (" + outcome.ignoredReason() + ")");
                }
                if (events) {
                    SeriesPath seriesPath = outcome.events().isEmpty()
                            ? null
                            : naming.of(outcome.events().get(0).sourcePath);
                    for (MetricEvent event : outcome.events()) {
                        out.println(JsonEncoding.metricEvent(
                                event, SeriesIdentity.of(event, seriesPath).series, seriesPath.run()));
                    }
                    if (!outcome.isParsed()) {
                        err.println("dead letter: " + file + ": " + outcome.deadLetterReason());
                    }
                } else {
                    out.println(JsonEncoding.fileOutcome(file.toString(), outcome));
                }
            }
        }
        out.flush();
        return ChimeraCli.OK;
    }

    private static Path absoluteParent(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent == null ? file.toAbsolutePath() : parent;
    }

    /**
     * Regular files under a path in a stable order, skipping names writers use for files in progress. Symbolic
     * links below the path are not followed, as the job does not follow them: a link to a file elsewhere would
     * otherwise be read here and never by the job. The user's globs choose among the files of a folder, as the job's
     * do; a file named on the command line is parsed whatever they say.
     */
    private List<Path> filesUnder(Path path, FileSelection.Selector selection, boolean verbose) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted().forEach(candidate -> {
                if (candidate.equals(path)) {
                    return;
                }
                if (Files.isSymbolicLink(candidate)) {
                    if (verbose) {
                        err.println("ignored: " + candidate + " (symbolic link: not followed, as the job does not)");
                    }
                    return;
                }
                if (!Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
                String skip = LocalArtifacts.skipReason(path, candidate);
                if (skip == null) {
                    skip = selection.leftOutBecause(path.relativize(candidate).toString());
                }
                if (skip != null) {
                    if (verbose) {
                        err.println("ignored: " + candidate + " (" + skip + ")");
                    }
                    return;
                }
                files.add(candidate);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
