package io.chimera.telemetry.bench;

import io.chimera.telemetry.parse.ArtifactFile;
import io.chimera.telemetry.parse.ArtifactFormat;
import java.nio.file.Path;

/** One artifact read into memory before measuring, described as the job's file source would describe it. */
public record LoadedArtifact(Path path, ArtifactFile file, ArtifactFormat format, byte[] content) {}
