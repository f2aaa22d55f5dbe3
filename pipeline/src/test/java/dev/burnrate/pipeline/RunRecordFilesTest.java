package dev.burnrate.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burnrate.core.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run records left empty or cut short (a power cut before records were written durably) are
 * skipped, not a reason to fail: the catch-up still finds the last good nightly, and the records
 * written in one process in one second do not overwrite each other.
 */
class RunRecordFilesTest {
  private static final LocalDate DAY = LocalDate.of(2026, 10, 20);

  @TempDir Path data;

  @Test
  void emptyAndCutShortRecordsAreSkippedAndTheGoodOnesCount() throws Exception {
    RunRecord nightly = new RunRecord("nightly", List.of(DAY));
    RunRecord.Data good = nightly.finish(data, ExitCode.OK, null);
    RunRecord failed = new RunRecord("nightly", List.of(DAY.plusDays(1)));
    failed.finish(data, ExitCode.BAD_INPUT, "bad file");
    Path dir = data.resolve(RunRecord.DIR);
    Files.writeString(dir.resolve("20261022T010000Z-nightly-1.json"), "");
    Files.writeString(
        dir.resolve("20261023T010000Z-nightly-2.json"), "{\"run_id\": \"20261023T0100");

    List<RunRecord.Data> all = RunRecord.all(data);

    assertEquals(2, all.size(), "the two readable records; the empty and cut-short ones skipped");
    assertEquals(good.runId(), all.get(0).runId());
    assertEquals(ExitCode.BAD_INPUT, all.get(1).exitCode());
    assertEquals(
        java.util.Optional.of(DAY),
        RunRecord.lastSuccessfulDay(data),
        "the catch-up starts after the last nightly that succeeded, not after a failed one");
  }
}
