package io.chimera.telemetry.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricDirectionTest {

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                "tokens_s, tok/s, HIGHER_IS_BETTER",
                "score, ops/s, HIGHER_IS_BETTER",
                "score, ns/op, LOWER_IS_BETTER",
                "Mean (ms), ms, LOWER_IS_BETTER",
                "ttft_s, s, LOWER_IS_BETTER",
                "request_throughput, null, HIGHER_IS_BETTER",
                "mean_ttft_ms, null, LOWER_IS_BETTER",
                "Avg Speedup, x, HIGHER_IS_BETTER",
                "peak_memory, null, LOWER_IS_BETTER",
                "eval_count, null, UNKNOWN",
                "Model Size Bytes, null, LOWER_IS_BETTER"
            })
    void readsTheDirectionFromUnitThenName(String metric, String unit, MetricDirection expected) {
        assertEquals(expected, MetricDirection.of(metric, unit));
    }
}
