package io.chimera.telemetry.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void theNewestCompleteSnapshotIsResumedWhetherSavepointOrCheckpoint(@TempDir Path out) throws Exception {
        try (RunFolder folder = RunFolder.open(out)) {
            assertEquals(Optional.empty(), folder.latest());
            Path savepoint = snapshot(folder.savepoints().resolve("savepoint-a"), T0);
            Path checkpoint = snapshot(folder.checkpoints().resolve("job1").resolve("chk-7"), T0.plusSeconds(10));
            // A checkpoint being written when the run was killed: no metadata yet, never resumed from.
            Files.createDirectories(folder.checkpoints().resolve("job1").resolve("chk-8"));
            Files.writeString(
                    folder.checkpoints().resolve("job1").resolve("chk-8").resolve("state"), "x");

            assertEquals(
                    new RunFolder.Snapshot(checkpoint, T0.plusSeconds(10), false),
                    folder.latest().orElseThrow());
            Path newer = snapshot(folder.savepoints().resolve("savepoint-b"), T0.plusSeconds(20));
            assertEquals(
                    new RunFolder.Snapshot(newer, T0.plusSeconds(20), true),
                    folder.latest().orElseThrow());
            assertTrue(Files.exists(savepoint));
        }
    }

    @Test
    void aSecondRunOnTheSameOutputIsRefusedWhileTheFirstHoldsIt(@TempDir Path out) throws Exception {
        try (RunFolder first = RunFolder.open(out)) {
            RunFolder.Busy busy = assertThrows(RunFolder.Busy.class, () -> RunFolder.open(out));
            assertTrue(busy.getMessage().contains("another run is using " + out.toAbsolutePath()), busy.getMessage());
            assertTrue(
                    busy.getMessage()
                            .contains("process " + ProcessHandle.current().pid()),
                    busy.getMessage());
        }
        RunFolder.open(out).close();
    }

    @Test
    void resumingFromASavepointDropsEveryCheckpointAndOlderSavepoints(@TempDir Path out) throws Exception {
        try (RunFolder folder = RunFolder.open(out)) {
            Path old = snapshot(folder.savepoints().resolve("savepoint-old"), T0);
            Path unfinished = Files.createDirectories(folder.savepoints().resolve("savepoint-unfinished"));
            Files.writeString(unfinished.resolve("part"), "x");
            snapshot(folder.checkpoints().resolve("job1").resolve("chk-3"), T0.plusSeconds(5));
            Path latest = snapshot(folder.savepoints().resolve("savepoint-new"), T0.plusSeconds(9));
            Files.createDirectories(folder.workingState().resolve("job_1_op_x"));

            folder.tidy(folder.latest());

            assertTrue(Files.exists(latest.resolve("_metadata")));
            assertFalse(Files.exists(old), "older savepoint");
            assertFalse(Files.exists(unfinished), "a savepoint never completed");
            assertFalse(Files.exists(folder.checkpoints().resolve("job1")), "checkpoints: a savepoint needs none");
            assertFalse(Files.exists(folder.workingState()), "RocksDB files of a killed run");
        }
    }

    @Test
    void resumingFromACheckpointKeepsTheFoldersItsIncrementalFilesMayBeIn(@TempDir Path out) throws Exception {
        try (RunFolder folder = RunFolder.open(out)) {
            // job1 was restored by job2, whose incremental checkpoint may name files in job1/shared.
            Path sharedOfJob1 =
                    Files.createDirectories(folder.checkpoints().resolve("job1").resolve("shared"));
            Files.writeString(sharedOfJob1.resolve("000042.sst"), "x");
            Path finishedJob =
                    Files.createDirectories(folder.checkpoints().resolve("job0").resolve("taskowned"));
            Path checkpoint = snapshot(folder.checkpoints().resolve("job2").resolve("chk-12"), T0.plusSeconds(5));
            Path olderSavepoint = snapshot(folder.savepoints().resolve("savepoint-a"), T0);

            folder.tidy(folder.latest());

            assertTrue(Files.exists(checkpoint.resolve("_metadata")));
            assertTrue(Files.exists(sharedOfJob1.resolve("000042.sst")));
            assertFalse(Files.exists(finishedJob.getParent()), "a finished job's empty folders");
            assertFalse(Files.exists(olderSavepoint));
        }
    }

    @Test
    void freshMovesEarlierStateAndOutputsAsideAndLosesNoFile(@TempDir Path out) throws Exception {
        try (RunFolder folder = RunFolder.open(out)) {
            snapshot(folder.savepoints().resolve("savepoint-a"), T0);
            Files.createDirectories(out.resolve("stats").resolve("2026-12-01--10"));
            Files.writeString(out.resolve("stats").resolve("2026-12-01--10").resolve("stats-0.jsonl"), "{}\n");
            Files.createDirectories(out.resolve("reports").resolve("suite"));
            Files.writeString(out.resolve("reports").resolve("suite").resolve("w.md"), "# report\n");
            Files.writeString(out.resolve("notes.txt"), "the user's own file");
            Files.createDirectories(out.resolve(".ledger"));
            Files.writeString(out.resolve(".ledger").resolve("ledger-0.jsonl"), "{}\n");

            Path aside = folder.setAside(T0).orElseThrow();

            assertEquals(out.toAbsolutePath().resolve("previous").resolve("20261201T100000Z"), aside);
            assertEquals(Optional.empty(), folder.latest());
            assertFalse(Files.exists(out.resolve("stats")));
            assertEquals("{}\n", Files.readString(aside.resolve("stats/2026-12-01--10/stats-0.jsonl")));
            assertEquals("# report\n", Files.readString(aside.resolve("reports/suite/w.md")));
            assertTrue(Files.exists(
                    aside.resolve(RunFolder.SAVEPOINTS).resolve("savepoint-a").resolve("_metadata")));
            assertEquals("{}\n", Files.readString(aside.resolve(".ledger/ledger-0.jsonl")), "the rerun ledger");
            assertEquals("the user's own file", Files.readString(out.resolve("notes.txt")));
            assertEquals(Optional.empty(), folder.setAside(T0.plusSeconds(1)), "nothing left to move");
        }
    }

    private static Path snapshot(Path folder, Instant taken) throws Exception {
        Files.createDirectories(folder);
        Path metadata = Files.writeString(folder.resolve("_metadata"), "metadata");
        Files.setLastModifiedTime(metadata, FileTime.from(taken));
        return folder;
    }
}
