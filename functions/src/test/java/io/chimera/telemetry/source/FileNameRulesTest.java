package io.chimera.telemetry.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileNameRulesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"run.csv", "results", "my_run.json", "report.tmp.csv", "partial.csv", "tmp", "swp.md", "v1.2"})
    void ordinaryNamesAreNotSkipped(String name) {
        assertNull(FileNameRules.skipReason(name), name);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                ".run.csv|hidden name (starts with '.'): a file still being written",
                "_run.csv|hidden name (starts with '_'): a file still being written",
                ".git|hidden name (starts with '.'): a file still being written"
            })
    void hiddenNamesAreSkipped(String name, String reason) {
        assertEquals(reason, FileNameRules.skipReason(name));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "run.csv.tmp|.tmp",
                "run.csv.part|.part",
                "run.json.inprogress|.inprogress",
                "run.csv.crdownload|.crdownload",
                "run.md.swp|.swp",
                "RUN.CSV.TMP|.tmp",
                "Run.Json.InProgress|.inprogress"
            })
    void inProgressNamesAreSkippedWhateverTheirCase(String name, String suffix) {
        assertEquals(
                "in-progress name (ends with " + suffix + "): a file still being written",
                FileNameRules.skipReason(name));
    }
}
