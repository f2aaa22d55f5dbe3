package dev.burnrate.etl.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery from a publish journal left in lake/_staging, on local folders without Spark: a whole
 * journal is completed, an empty one (a power cut before journals were written durably, issue 18)
 * stops the run with exit 3 and what to do, instead of exit 1 on every later run.
 */
class PublishJournalTest {
  @TempDir Path dir;

  private final LakePublisher publisher = new LakePublisher(new Configuration());

  @Test
  void aWholeJournalIsCompletedAndItsStagingRemoved() throws Exception {
    Path staging = dir.resolve("lake/_staging");
    Path run = Files.createDirectories(staging.resolve("20261020T010000Z-abcd"));
    Path staged = Files.createDirectories(run.resolve("cost/x_Source=a/x_Period=2026-10"));
    Files.writeString(staged.resolve("part-0.parquet"), "new");
    Path live = Files.createDirectories(dir.resolve("lake/cost/x_Source=a/x_Period=2026-10"));
    Files.writeString(live.resolve("part-0.parquet"), "old");
    Path aside = dir.resolve("lake/replaced/run=20261020T010000Z-abcd/x_Source=a/x_Period=2026-10");
    // the run died after its first move: the live unit is aside, the staged one not yet in
    Files.createDirectories(aside.getParent());
    Files.move(live, aside);
    publisher.write(
        new org.apache.hadoop.fs.Path(run.resolve(LakePublisher.JOURNAL).toUri()),
        List.of(
            new LakePublisher.Move(live.toUri().toString(), aside.toUri().toString()),
            new LakePublisher.Move(staged.toUri().toString(), live.toUri().toString())));

    publisher.recover(new org.apache.hadoop.fs.Path(staging.toUri()));

    assertEquals("new", Files.readString(live.resolve("part-0.parquet")));
    assertEquals("old", Files.readString(aside.resolve("part-0.parquet")));
    assertFalse(Files.exists(run), "the recovered run's staging is removed");
  }

  @Test
  void anEmptyJournalStopsWithExitThreeNamingItAndKeepsTheFolder() throws Exception {
    Path staging = dir.resolve("lake/_staging");
    Path run = Files.createDirectories(staging.resolve("20261020T010000Z-abcd"));
    Path journal = Files.write(run.resolve(LakePublisher.JOURNAL), new byte[0]);

    BurnrateException e =
        assertThrows(
            BurnrateException.class,
            () -> publisher.recover(new org.apache.hadoop.fs.Path(staging.toUri())));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().contains(journal.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("docs/operations.md"), e.getMessage());
    assertTrue(Files.isRegularFile(journal), "left for the operator to look at");
  }

  @Test
  void aUnitWhoseUnitFileIsEmptyIsPublishedAgainWithTheLiveVersionMovedAside() throws Exception {
    Path live = Files.createDirectories(dir.resolve("lake/cost/x_Source=a/x_Period=2026-10"));
    Files.write(live.resolve(LakePublisher.UNIT_FILE), new byte[0]);
    Path staged = Files.createDirectories(dir.resolve("lake/_staging/r/cost/a"));
    Path aside = dir.resolve("lake/replaced/run=r/a");
    UnitPlan plan = new UnitPlan(publisher);

    UnitPlan.Planned p =
        plan.fingerprinted(
            new org.apache.hadoop.fs.Path(staged.toUri()),
            new org.apache.hadoop.fs.Path(live.toUri()),
            new org.apache.hadoop.fs.Path(aside.toUri()),
            "r",
            "fp",
            List.of("export.csv"));

    assertEquals(UnitAction.REPLACED, p.action());
    assertEquals(null, p.previousRunId());
    assertEquals(2, plan.moves().size(), "the live version aside, then the staged one in");
  }
}
