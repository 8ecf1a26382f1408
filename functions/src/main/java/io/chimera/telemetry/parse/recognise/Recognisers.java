package io.chimera.telemetry.parse.recognise;

import io.chimera.telemetry.parse.ArtifactFormat;
import java.util.List;
import java.util.Optional;

/** The standard tool recognisers, in the order they are asked. */
public final class Recognisers {

    private static final List<FormatRecogniser> ALL = List.of(
            new GoogleBenchmarkJsonRecogniser(),
            new JmhJsonRecogniser(),
            new JmhCsvRecogniser(),
            new PytestBenchmarkJsonRecogniser(),
            new HyperfineJsonRecogniser(),
            new HyperfineCsvRecogniser(),
            new CriterionChangeRecogniser(),
            new CriterionEstimatesRecogniser(),
            new CriterionSampleRecogniser(),
            new CriterionTukeyRecogniser(),
            new CriterionRawCsvRecogniser(),
            new CriterionBenchmarkRecogniser(),
            new CargoCriterionRecogniser(ArtifactFormat.JSON_LINES),
            new CargoCriterionRecogniser(ArtifactFormat.JSON),
            new VllmServingRecogniser(),
            new VllmThroughputRecogniser(),
            new VllmLatencyRecogniser(),
            new OllamaVerboseRecogniser(),
            new LlamaBenchJsonRecogniser(ArtifactFormat.JSON),
            new LlamaBenchJsonRecogniser(ArtifactFormat.JSON_LINES),
            new LlamaBenchCsvRecogniser(),
            new LlamaBenchMarkdownRecogniser(),
            new MlperfSummaryRecogniser(),
            new MlperfDetailRecogniser(),
            new GithubActionBenchmarkRecogniser());

    private Recognisers() {}

    public static List<FormatRecogniser> all() {
        return ALL;
    }

    /** The first of {@code recognisers} for {@code format} that recognises the text, if any. */
    public static Optional<FormatRecogniser> first(
            List<FormatRecogniser> recognisers, ArtifactFormat format, String path, String text) {
        for (FormatRecogniser recogniser : recognisers) {
            boolean readsFormat = recogniser.genericFormat() == format
                    || format == ArtifactFormat.TEXT && recogniser.genericFormat() == ArtifactFormat.MARKDOWN;
            if (readsFormat && recogniser.recognises(path, text)) {
                return Optional.of(recogniser);
            }
        }
        return Optional.empty();
    }
}
