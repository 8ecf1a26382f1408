package io.chimera.telemetry.narrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.Grounding;
import io.chimera.telemetry.records.Inventory;
import io.chimera.telemetry.records.SeriesStats;
import io.chimera.telemetry.records.WindowSummary;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GroundingCheckTest {

    /** A window with 2 CSV files and a TTFT series whose numbers are nowhere near 15.58 s. */
    private static WindowSummary window() {
        WindowSummary summary = new WindowSummary();
        summary.suite = "gemma3";
        summary.windowStart = "2025-10-02T19:12:00Z";
        summary.windowEnd = "2025-10-02T19:13:00Z";
        Inventory inventory = summary.inventory;
        inventory.files = 3;
        inventory.filesByFormat = new TreeMap<>(Map.of("csv", 2, "json", 1));
        inventory.bytes = 8479;
        inventory.parsed = 3;
        inventory.rows = 10;
        inventory.failedRows = 0;
        inventory.events = 40;
        inventory.folders = List.of("gemma3");
        summary.series = List.of(
                stats("ttft_s", "s", 5, 0.5467, 0.1258889, 2.3189992),
                stats("tokens_s", "tok/s", 5, 182.87119781352473, 181.96533720183703, 184.2363135373321));
        return summary;
    }

    private static SeriesStats stats(String metric, String unit, long count, double mean, double min, double max) {
        SeriesStats s = new SeriesStats();
        s.suite = "gemma3";
        s.series = new TreeMap<>(Map.of("model", "gemma3:latest"));
        s.metric = metric;
        s.unit = unit;
        s.count = count;
        s.mean = mean;
        s.min = min;
        s.max = max;
        s.p50 = mean;
        s.p95 = max;
        s.p99 = max;
        return s;
    }

    private static Grounding check(String narrative) {
        WindowSummary summary = window();
        return GroundingCheck.check(
                narrative, PromptBuilder.build(summary, 40).data(), summary.inventory, Set.of("ttft_s", "tokens_s"));
    }

    @Test
    void flagsInventedFileCountsAndLatencies() {
        Grounding grounding = check("The collector found 5 CSV files. Mean TTFT was 15.58 s, throughput 182.9 tok/s.");

        assertEquals(List.of("5", "15.58 s"), grounding.unsupported);
        assertEquals(3, grounding.numbers);
        assertEquals(1.0 / 3.0, grounding.ratio, 1e-12);
    }

    @Test
    void acceptsTheDataAsWrittenRoundedOrConvertedBetweenMillisecondsAndSeconds() {
        Grounding grounding = check("2 CSV files and 3 files in all; throughput 182.9 tok/s, about 183 tok/s,"
                + " peaking at 184.2; TTFT averaged 0.5467 s, i.e. 546.7 ms, at most 2.319 s.");

        assertEquals(List.of(), grounding.unsupported);
        assertEquals(1.0, grounding.ratio);
        assertEquals(8, grounding.numbers);
    }

    @Test
    void aFileCountMustMatchTheInventoryEvenIfTheNumberAppearsElsewhere() {
        // 5 is a fact (each series has count 5), but not the number of files.
        Grounding grounding = check("Each series has 5 values; 5 files arrived.");

        assertEquals(List.of("5"), grounding.unsupported);
        assertEquals(2, grounding.numbers);
    }

    @Test
    void ignoresDatesTimesListMarkersAndNumbersInsideNames() {
        Grounding grounding = check("""
                1. On 2025-10-02 at 19:12 gemma3:latest and llama3.1:8b ran; p95 and p99 are above.
                2. Compare q4_0 with g60_c2048_t0.8.
                """);

        assertEquals(0, grounding.numbers, grounding.unsupported.toString());
        assertEquals(1.0, grounding.ratio);
    }

    @Test
    void aRoundingTooCoarseIsNotSupport() {
        Grounding grounding = check("Throughput was about 180 tok/s.");

        assertEquals(List.of("180 tok/s"), grounding.unsupported);
    }

    @Test
    void theBuiltInNarrativeIsFullyGrounded() {
        WindowSummary summary = window();
        Prompt prompt = PromptBuilder.build(summary, 40);

        Grounding grounding = GroundingCheck.check(
                BuiltinNarrator.narrate(summary, prompt),
                prompt.data(),
                summary.inventory,
                Set.of("ttft_s", "tokens_s"));

        assertEquals(List.of(), grounding.unsupported);
        assertTrue(grounding.numbers >= 10, "the narrative states the window's numbers: " + grounding.numbers);
    }

    @Test
    void aNumberOfOneMetricSaidOfAnotherIsFlaggedWithItsOwner() {
        // 182.9 is tokens_s's mean: said of TTFT, it is a fact of the wrong metric.
        String narrative = "Mean TTFT was 182.9 s, throughput 0.5467 tok/s.";
        Grounding grounding = check(narrative);

        assertEquals(List.of("182.9 s", "0.5467 tok/s"), grounding.unsupported);
        assertEquals(
                List.of(
                        "182.9 s is a fact of tokens_s, not of ttft_s",
                        "0.5467 tok/s is a fact of ttft_s, not of tokens_s"),
                grounding.reasons);
        assertEquals(
                List.of(narrative.indexOf("182.9"), narrative.indexOf("0.5467")),
                grounding.offsets,
                "where the numbers start in the narrative");
    }

    @Test
    void aNumberNamedByNoMetricMayMatchAnyFact() {
        Grounding grounding = check("Most runs were close to 182.9 and 0.5467.");

        assertEquals(List.of(), grounding.unsupported);
        assertEquals(2, grounding.numbers);
    }

    @Test
    void aSeriesNamedByItsDimensionsNarrowsTheFactsToIt() {
        WindowSummary summary = window();
        SeriesStats other = stats("tokens_s", "tok/s", 5, 150.5, 140.1, 160.2);
        other.series = new TreeMap<>(Map.of("model", "llama3"));
        summary.series = List.of(summary.series.get(1), other);
        String facts = PromptBuilder.build(summary, 40).data();
        Set<String> metrics = Set.of("tokens_s");

        assertEquals(
                List.of(),
                GroundingCheck.check(
                                "For model=llama3, tokens_s averaged 150.5 tok/s.", facts, summary.inventory, metrics)
                        .unsupported);
        assertEquals(
                List.of("182.9 tok/s"),
                GroundingCheck.check(
                                "For model=llama3, tokens_s averaged 182.9 tok/s.", facts, summary.inventory, metrics)
                        .unsupported,
                "182.9 is gemma3's mean, not llama3's");
        assertEquals(
                List.of("7"),
                GroundingCheck.check("For model=llama3, num_gpu=7 gave 150.5 tok/s.", facts, summary.inventory, metrics)
                        .unsupported,
                "no series has num_gpu=7");
    }

    @Test
    void aDimensionWhoseValueHoldsPairsIsReadAsTheFactsWriteIt() {
        WindowSummary summary = window();
        SeriesStats config = stats("tokens_s", "tok/s", 5, 150.5, 140.1, 160.2);
        config.series = new TreeMap<>(Map.of("Config", "gpu=60, ctx=512"));
        summary.series = List.of(config);
        String facts = PromptBuilder.build(summary, 40).data();

        assertEquals(
                List.of(),
                GroundingCheck.check(
                                "tokens_s {Config=gpu=60, ctx=512} averaged 150.5 tok/s.",
                                facts,
                                summary.inventory,
                                Set.of("tokens_s"))
                        .unsupported);
        assertEquals(
                List.of("80"),
                GroundingCheck.check(
                                "tokens_s {Config=gpu=80, ctx=512} averaged 150.5 tok/s.",
                                facts,
                                summary.inventory,
                                Set.of("tokens_s"))
                        .unsupported);
    }

    @Test
    void theBuiltInNarrativesOfTheRealSweepsAreFullyGrounded() {
        java.nio.file.Path root = io.chimera.telemetry.testing.Corpus.chimera();
        for (String sweep : List.of(
                "gemma3_1b-it-qat_param_tuning.csv", "gemma3_270m_param_tuning.csv", "gemma3_param_tuning.csv")) {
            WindowSummary summary = io.chimera.telemetry.aggregate.CorpusWindows.of(
                    root, List.of(root.resolve("reports/gemma3").resolve(sweep)));
            Prompt prompt = PromptBuilder.build(summary, 40);
            String narrative = BuiltinNarrator.narrate(summary, prompt);
            Set<String> metrics = new java.util.TreeSet<>();
            summary.series.forEach(s -> metrics.add(s.metric));

            Grounding grounding = GroundingCheck.check(narrative, prompt.data(), summary.inventory, metrics);

            assertEquals(List.of(), grounding.reasons, sweep + ":\n" + narrative);
            assertTrue(
                    narrative.contains("**Key findings.**\n- best tokens_s [tok/s] (highest): {num_ctx="),
                    "the narrative leads with the fastest configuration, named by its parameters:\n" + narrative);
            assertTrue(grounding.numbers > 50, sweep + ": " + grounding.numbers);
        }
    }
}
