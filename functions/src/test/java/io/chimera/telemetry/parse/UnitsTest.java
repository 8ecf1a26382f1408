package io.chimera.telemetry.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ttft_s            | s
            latency_ms        | ms
            t_msec            | ms
            t_millis          | ms
            p50_us            | us
            p50_usec          | us
            p50_micros        | us
            eval_duration_ns  | ns
            t_nanos           | ns
            duration_seconds  | s
            wall_secs         | s
            wall_sec          | s
            wall_minutes      | min
            size_bytes        | bytes
            disk_kb           | KB
            memory_mb         | MB
            ram_gb            | GB
            heap_kib          | KiB
            rss_mib           | MiB
            vram_gib          | GiB
            gpu_util_pct      | %
            cpu_percent       | %
            hit_percentage    | %
            """)
    void unitSuffixOfASnakeCaseName(String name, String unit) {
        assertEquals(unit, Units.fromName(name));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            tokens_per_second    | tok/s
            tokens_per_sec       | tok/s
            Tokens/s             | tok/s
            prompt_tokens_s      | tok/s
            eval_tps             | tok/s
            tps                  | tok/s
            requests_per_second  | req/s
            ops_s                | ops/s
            throughput_ops_s     | ops/s
            """)
    void rateNamesGiveRateUnitsNotSeconds(String name, String unit) {
        assertEquals(unit, Units.fromName(name));
    }

    @Test
    void unitInParenthesesAtTheEndOfAHeader() {
        assertEquals("ms", Units.fromName("Mean (ms)"));
        assertEquals("ms", Units.fromName("Latency ( ms )"));
        assertEquals("tok/s", Units.fromName("Throughput (tok/s)"));
    }

    @Test
    void percentSignAtTheEndOfAHeader() {
        assertEquals("%", Units.fromName("util%"));
        assertEquals("%", Units.fromName("GPU Util %"));
    }

    @Test
    void onlyTheLeafOfADottedNameCounts() {
        assertEquals("ms", Units.fromName("backends.eager.benchmark.mean_time_ms"));
        assertNull(Units.fromName("latency_ms.mean"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tokens", "model", "mean", "score", "time", "hits", "status", "steps", "gpus", "ms_total"})
    void namesWithoutAUnitSuffixHaveNoUnit(String name) {
        assertNull(Units.fromName(name));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            tokens/s  | tok/s
            tokens/sec| tok/s
            T/S       | tok/s
            tok/s     | tok/s
            sec       | s
            secs      | s
            seconds   | s
            \u00b5s   | us
            \u03bcs   | us
            mb        | MB
            Gb        | GB
            kib       | KiB
            GIB       | GiB
            w         | W
            °c        | °C
            ghz       | GHz
            ms        | ms
            %         | %
            """)
    void cellUnitsAreSpelledOneWayPerFamily(String written, String canonical) {
        assertEquals(canonical, Units.canonicalCellUnit(written));
    }
}
