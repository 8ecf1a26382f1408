package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chimera.telemetry.records.MetricEvent;
import io.chimera.telemetry.records.SeriesKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeriesIdentityTest {

    private static MetricEvent event(String sourcePath, Map<String, String> dimensions) {
        return new MetricEvent(
                "baseline",
                sourcePath,
                "csv",
                dimensions,
                "tokens_s",
                42.0,
                "tok/s",
                1_759_181_419_392L,
                "timestamp",
                false,
                null);
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "model",
                "backend",
                "config_name",
                "test_name",
                "results.test_name",
                "num_ctx",
                "temperature",
                "Model Name",
                "results.config.backend"
            })
    void namingDimensionsNameASeries(String dimension) {
        assertTrue(SeriesIdentity.namesSeries(dimension), dimension + " should name a series");
    }

    @ParameterizedTest
    @ValueSource(strings = {"prompt", "prompt_index", "error", "response", "results.prompt", "note"})
    void freeTextAndRowIndexesDoNotNameASeries(String dimension) {
        assertFalse(SeriesIdentity.namesSeries(dimension), dimension + " should not name a series");
    }

    @Test
    void seriesKeepsOnlyTheNamingDimensions() {
        MetricEvent event = event(
                "baseline/run1.csv",
                ordered(
                        "model", "gemma3:latest",
                        "backend", "ollama",
                        "config_name", "ctx4k",
                        "results.test_name", "summarise",
                        "num_ctx", "4096",
                        "temperature", "0.7",
                        "prompt", "Explain quantum computing in one paragraph",
                        "prompt_index", "3",
                        "error", "connection refused"));

        SeriesKey key = SeriesIdentity.of(event);

        Map<String, String> expected = new TreeMap<>(Map.of(
                "model", "gemma3:latest",
                "backend", "ollama",
                "config_name", "ctx4k",
                "results.test_name", "summarise",
                "num_ctx", "4096",
                "temperature", "0.7",
                "file", "run"));
        assertEquals(expected, key.series);
        assertEquals("baseline", key.suite);
        assertEquals("tokens_s", key.metric);
        assertEquals("tok/s", key.unit);
    }

    @Test
    void promptsOfOneRunFallIntoOneSeries() {
        MetricEvent first =
                event("baseline/run1.csv", ordered("model", "llama3", "prompt", "What is 2+2?", "prompt_index", "0"));
        MetricEvent second = event(
                "baseline/run1.csv",
                ordered("model", "llama3", "prompt", "Write a haiku", "prompt_index", "1", "error", "timeout"));

        assertEquals(SeriesIdentity.of(first), SeriesIdentity.of(second));
        assertEquals(SeriesIdentity.keyString(first), SeriesIdentity.keyString(second));
    }

    @Test
    void differentModelsOrParametersAreDifferentSeries() {
        MetricEvent base = event("s/a.csv", ordered("model", "llama3", "num_ctx", "2048"));
        MetricEvent otherModel = event("s/a.csv", ordered("model", "mistral", "num_ctx", "2048"));
        MetricEvent otherContext = event("s/a.csv", ordered("model", "llama3", "num_ctx", "4096"));

        assertNotEquals(SeriesIdentity.keyString(base), SeriesIdentity.keyString(otherModel));
        assertNotEquals(SeriesIdentity.keyString(base), SeriesIdentity.keyString(otherContext));
    }

    @Test
    void sameValuesInAnotherUnitOrMetricAreAnotherSeries() {
        MetricEvent base = event("s/a.csv", ordered("model", "llama3"));
        MetricEvent otherUnit = event("s/a.csv", ordered("model", "llama3"));
        otherUnit.unit = "tok/min";
        MetricEvent otherMetric = event("s/a.csv", ordered("model", "llama3"));
        otherMetric.metric = "latency_ms";

        assertNotEquals(SeriesIdentity.keyString(base), SeriesIdentity.keyString(otherUnit));
        assertNotEquals(SeriesIdentity.keyString(base), SeriesIdentity.keyString(otherMetric));
    }

    @Test
    void theRunsOfOneBenchmarkAreOneSeriesAndTwoBenchmarksTwo() {
        MetricEvent run41 = event("baseline/run_041.csv", ordered("model", "llama3"));
        MetricEvent run42 = event("baseline/run_042.csv", ordered("model", "llama3"));
        MetricEvent sweep = event("baseline/param_tuning_1759186698.csv", ordered("model", "llama3"));

        assertEquals(SeriesIdentity.keyString(run41), SeriesIdentity.keyString(run42));
        assertNotEquals(SeriesIdentity.keyString(run41), SeriesIdentity.keyString(sweep));
        assertEquals(Map.of("model", "llama3", "file", "param_tuning"), SeriesIdentity.of(sweep).series);
    }

    @Test
    void theRowsNameTheModelWhereThePathNamesItToo() {
        MetricEvent event = event("baseline/gemma3_gpu80/results.csv", ordered("model", "gemma3:1b-it-qat"));

        assertEquals(
                Map.of("model", "gemma3:1b-it-qat", "gpu", "80", "file", "results"), SeriesIdentity.of(event).series);
        assertEquals(SeriesIdentity.of(event), SeriesIdentity.of(event, SeriesPath.of(event.sourcePath)));
    }

    @Test
    void eventNamingNothingIsIdentifiedByItsFileStem() {
        MetricEvent event =
                event("baseline/2025-09-30/summary.v2.json", ordered("prompt", "hello", "prompt_index", "4"));

        SeriesKey key = SeriesIdentity.of(event);

        assertEquals(Map.of(SeriesIdentity.FILE, "summary.v2"), key.series);
    }

    @Test
    void eventWithNoDimensionsAtAllIsIdentifiedByItsFoldersBelowTheSuiteAndItsStem() {
        assertEquals(Map.of("file", "results"), SeriesIdentity.of(event("results.csv", Map.of())).series);
        assertEquals(Map.of("file", "results"), SeriesIdentity.of(event("a/results.csv", Map.of())).series);
        assertEquals(Map.of("file", "b/results"), SeriesIdentity.of(event("a/b/results.csv", Map.of())).series);
    }

    @Test
    void keyHashIsTheSameForOneSeriesAndDiffersBetweenSeries() {
        MetricEvent first = event("s/run_1.csv", ordered("model", "llama3", "prompt", "x"));
        MetricEvent samePromptless = event("s/run_2.csv", ordered("prompt", "y", "model", "llama3"));
        MetricEvent other = event("s/a.csv", ordered("model", "mistral"));

        assertEquals(key(first), key(samePromptless));
        assertNotEquals(key(first), key(other));
    }

    private static org.apache.flink.api.java.tuple.Tuple2<Long, Long> key(MetricEvent event) {
        return SeriesIdentity.hash(SeriesIdentity.keyString(event));
    }

    @Test
    void keyHashesOfManyDistinctSeriesNeverCollide() {
        java.util.Set<org.apache.flink.api.java.tuple.Tuple2<Long, Long>> hashes = new java.util.HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            hashes.add(key(event("s/a.csv", ordered("model", "m" + i))));
        }

        assertEquals(100_000, hashes.size());
    }

    @Test
    void keyStringIgnoresDimensionInsertionOrder() {
        MetricEvent forwards =
                event("s/a.csv", ordered("model", "llama3", "backend", "cuda", "num_ctx", "2048", "prompt", "x"));
        MetricEvent backwards =
                event("s/a.csv", ordered("prompt", "y", "num_ctx", "2048", "backend", "cuda", "model", "llama3"));

        assertEquals(SeriesIdentity.keyString(forwards), SeriesIdentity.keyString(backwards));
    }

    @Test
    void encodeIgnoresTheOrderOfTheKeysMap() {
        Map<String, String> forwards = ordered("model", "a", "backend", "b");
        Map<String, String> backwards = ordered("backend", "b", "model", "a");
        SeriesKey one = new SeriesKey("s", forwards, "m", "ms");
        SeriesKey two = new SeriesKey("s", forwards, "m", "ms");
        two.series = backwards; // a plain (unsorted) map put there directly

        assertEquals(SeriesIdentity.encode(one), SeriesIdentity.encode(two));
    }

    @Test
    void encodeAndDecodeRoundTrip() {
        SeriesKey key = new SeriesKey(
                "suite \"quoted\"",
                ordered(
                        "model", "gemma3:latest",
                        "results.test_name", "a,b [c]",
                        "temperature", "0.7",
                        "note", "ünïcödé / slash"),
                "tokens_s",
                "tok/s");

        SeriesKey back = SeriesIdentity.decode(SeriesIdentity.encode(key));

        assertEquals(key, back);
        assertEquals(key.series, back.series);
        assertEquals("tok/s", back.unit);
    }

    @Test
    void missingUnitRoundTripsAsEmpty() {
        SeriesKey key = SeriesIdentity.of(new MetricEvent(
                "s", "s/a.csv", "csv", ordered("model", "x"), "score", 1.0, null, 0L, "file-modified", false, null));

        assertEquals("", key.unit);
        assertEquals(key, SeriesIdentity.decode(SeriesIdentity.encode(key)));
    }

    @Test
    void keyStringOfAnEventDecodesToItsSeries() {
        MetricEvent event = event("s/a.csv", ordered("model", "llama3", "backend", "cuda", "prompt", "x"));

        SeriesKey decoded = SeriesIdentity.decode(SeriesIdentity.keyString(event));

        assertEquals(SeriesIdentity.of(event), decoded);
    }

    /** Strings with quotes, backslashes, every control character, non-ASCII letters and surrogate pairs. */
    private static String awkward(java.util.Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append(random.nextBoolean() ? '"' : '\\');
                case 2 -> text.append("é漢");
                case 3 -> text.append("\uD83D\uDE00");
                default -> text.append((char) ('a' + random.nextInt(26)));
            }
        }
        return text.toString();
    }

    @Test
    void theKeyStringIsTheJsonJacksonWritesForTheSameArray() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.Random random = new java.util.Random(8);
        for (int trial = 0; trial < 2000; trial++) {
            java.util.TreeMap<String, String> series = new java.util.TreeMap<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                series.put(awkward(random), awkward(random));
            }
            SeriesKey key = new SeriesKey(awkward(random), series, awkward(random), awkward(random));
            com.fasterxml.jackson.databind.node.ArrayNode array = mapper.createArrayNode();
            array.add(key.suite);
            array.add(key.metric);
            array.add(key.unit);
            series.forEach((name, value) -> {
                array.add(name);
                array.add(value);
            });

            String encoded = SeriesIdentity.encode(key);

            assertEquals(mapper.writeValueAsString(array), encoded);
            assertEquals(key, SeriesIdentity.decode(encoded));
        }
    }

    @Test
    void aRowsEncodedDimensionsGiveEachOfItsMetricsItsKeyString() {
        MetricEvent event = event(
                "reports/gemma3/run_7/bench.csv",
                Map.of("model", "gemma3", "num_ctx", "4096", "prompt", "say \"hi\"\n"));
        SeriesPath path = SeriesPath.of(event.sourcePath);

        String part = SeriesIdentity.dimensionsPart(event.dimensions, path);

        assertEquals(
                SeriesIdentity.keyString(event, path),
                SeriesIdentity.keyString(event.suite, event.metric, event.unit, part));
        event.unit = null;
        assertEquals(
                SeriesIdentity.keyString(event, path),
                SeriesIdentity.keyString(event.suite, event.metric, event.unit, part));
    }
}
