package io.chimera.telemetry.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FileSelectionTest {

    private static FileSelection selection(List<String> include, List<String> exclude) {
        return new FileSelection(include, exclude);
    }

    @Test
    void withoutGlobsEveryFileIsRead() {
        assertTrue(FileSelection.ALL.selectsAll());
        assertNull(FileSelection.ALL.leftOutBecause("suite/run_1/stdout.log"));
    }

    @Test
    void aGlobWithoutASlashMatchesTheFileNameAtAnyDepth() {
        FileSelection onlyJson = selection(List.of("*.json"), List.of());

        assertNull(onlyJson.leftOutBecause("results.json"));
        assertNull(onlyJson.leftOutBecause("suite/a/b/results.json"));
        assertEquals("matches no --include (*.json)", onlyJson.leftOutBecause("suite/a/b/results.csv"));
    }

    @Test
    void aGlobWithASlashMatchesThePathBelowTheWatchedFolder() {
        FileSelection noArchive = selection(List.of(), List.of("*/archive/**"));

        assertEquals("matches --exclude '*/archive/**'", noArchive.leftOutBecause("suite/archive/2024/run.csv"));
        assertNull(noArchive.leftOutBecause("suite/runs/archive.csv"), "a name, not the folder");
        assertNull(noArchive.leftOutBecause("archive/run.csv"), "the glob's first * needs a folder above");
    }

    @Test
    void anExcludeWinsOverAnInclude() {
        FileSelection criterionLatest = selection(List.of("**/criterion/**"), List.of("**/base/*", "*.svg"));

        assertNull(criterionLatest.leftOutBecause("rust/target/criterion/fib/new/sample.json"));
        assertEquals(
                "matches --exclude '**/base/*'",
                criterionLatest.leftOutBecause("rust/target/criterion/fib/base/sample.json"));
        assertEquals("matches no --include (**/criterion/**)", criterionLatest.leftOutBecause("rust/bench.json"));
    }

    @Test
    void bracesAndWindowsSeparatorsWork() {
        FileSelection tools = selection(List.of("mlperf_log_{summary,detail}.txt"), List.of());

        assertNull(tools.leftOutBecause("suite\\Offline\\mlperf_log_detail.txt"));
        assertEquals(
                "matches no --include (mlperf_log_{summary,detail}.txt)",
                tools.leftOutBecause("suite/Offline/mlperf_log_accuracy.json"));
    }

    @Test
    void aBadGlobIsRefusedNamingTheFlag() {
        IllegalArgumentException unclosed =
                assertThrows(IllegalArgumentException.class, () -> selection(List.of(), List.of("runs/{a,b")));
        assertTrue(unclosed.getMessage().startsWith("--exclude 'runs/{a,b' is not a glob: "), unclosed.getMessage());
        IllegalArgumentException blank =
                assertThrows(IllegalArgumentException.class, () -> selection(List.of(" "), List.of()));
        assertEquals("--include needs a glob such as '*.json' or 'archive/**'", blank.getMessage());
    }
}
