package dev.burnrate.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull ledger or commit file left empty by a power cut (issue 18: it failed every later run with
 * exit 1 and a stack trace): the pull stops with exit 3, naming the file and how to start the
 * source over.
 */
class PullLedgerTest {
  @TempDir Path dir;

  @Test
  void anEmptyLedgerOrCommitFileIsBadInputThatSaysWhatToMoveAside() throws Exception {
    PullLedger ledger = new PullLedger(dir, "aws");
    Path file = Files.write(dir.resolve("aws.json"), new byte[0]);
    BurnrateException e = assertThrows(BurnrateException.class, () -> ledger.load("s3://b/p/"));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().startsWith(file + " is empty or cut short"), e.getMessage());
    assertTrue(e.getMessage().contains("landing folder aside"), e.getMessage());

    Path commit = Files.write(dir.resolve("aws.commit.json"), "{\"moves\": {".getBytes());
    BurnrateException c = assertThrows(BurnrateException.class, ledger::recover);
    assertEquals(ExitCode.BAD_INPUT, c.exitCode());
    assertTrue(c.getMessage().startsWith(commit + " is empty or cut short"), c.getMessage());
  }
}
