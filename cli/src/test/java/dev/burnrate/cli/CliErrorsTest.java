package dev.burnrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.testing.ConsoleRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad command line or --conf exits 2, a bad contract commitment file 3, with one clear line and
 * no stack trace.
 */
class CliErrorsTest {
  @TempDir Path dir;

  private static void oneLine(ConsoleRun run, int code, String expected) {
    assertEquals(code, run.exitCode(), run.err());
    assertTrue(run.err().contains(expected), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    assertTrue(run.err().strip().lines().count() <= 2, "one line (plus a hint): " + run.err());
  }

  private Path conf(String pipeline) throws IOException {
    Path c = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(c.resolve("pipeline.yaml"), pipeline);
    return c;
  }

  @Test
  void missingConfigurationFolder() {
    Path missing = dir.resolve("nowhere");
    oneLine(
        ConsoleRun.of(Burnrate::execute, "nightly", "--conf", missing.toString()),
        2,
        "burnrate: " + missing.resolve("pipeline.yaml") + ": file not found");
  }

  @Test
  void unknownKeyInPipelineYaml() throws IOException {
    Path c = conf("data_dir: ..\nreporting_curency: USD\n");
    oneLine(
        ConsoleRun.of(Burnrate::execute, "ingest", "--conf", c.toString()),
        2,
        "pipeline.yaml:2: unknown key 'reporting_curency'");
  }

  @Test
  void unknownSourceFormat() throws IOException {
    Path c = conf("data_dir: ..\nsources:\n  - {name: x, format: excel, path: 'a/**'}\n");
    oneLine(
        ConsoleRun.of(Burnrate::execute, "warehouse", "--conf", c.toString()),
        2,
        "source 'x': unknown format 'excel'");
  }

  @Test
  void badContractsYaml() throws IOException {
    Path c = conf("data_dir: ..\n");
    Files.writeString(
        c.resolve("contracts.yaml"),
        "contracts:\n  - contract_id: a\n    provider: Nowhere Cloud\n    currency: USD\n    period: {start: 2026-01-01, end: 2027-01-01}\n    commitments: []\n");
    // any provider is accepted now (issue 15); a contract without commitments still is not
    oneLine(
        ConsoleRun.of(Burnrate::execute, "report", "--conf", c.toString()),
        2,
        "contract 'a': has no commitments");
  }

  @Test
  void badContractCommitmentFileStopsTheWarehouseWithExit3() throws IOException {
    Path c =
        conf(
            "data_dir: ../data\nsources:\n  - {name: acme, format: focus-contract-commitments,"
                + " path: 'landing/acme/*.csv', options: {provider: Acme Co}}\n");
    Path file = Files.createDirectories(dir.resolve("data/landing/acme")).resolve("k.csv");
    Files.writeString(
        file,
        "ContractId,ContractCommitmentId,ContractCommitmentCategory,ContractCommitmentCost,"
            + "ContractCommitmentPeriodStart,ContractCommitmentPeriodEnd,ContractPeriodStart,"
            + "ContractPeriodEnd,BillingCurrency\n"
            + "k1,k1-y1,Spend,n/a,2026-01-01,2027-01-01,2026-01-01,2027-01-01,USD\n");
    oneLine(
        ConsoleRun.of(
            Burnrate::execute, "warehouse", "--conf", c.toString(), "--date", "2026-02-01"),
        3,
        file + ": line 2: column ContractCommitmentCost: 'n/a' is not a decimal number");
  }

  @Test
  void badUsage() {
    oneLine(
        ConsoleRun.of(Burnrate::execute, "nightly", "--date", "yesterday"),
        2,
        "burnrate: Invalid value for option '--date'");
    oneLine(ConsoleRun.of(Burnrate::execute, "frobnicate"), 2, "burnrate: Unmatched argument");
    oneLine(
        ConsoleRun.of(
            Burnrate::execute, "sql", "select 1", "--format", "xml", "--conf", dir.toString()),
        2,
        "--format must be table or csv");
  }

  @Test
  void sqlWithoutAWarehouseSaysWhatToRun() throws IOException {
    Path c = conf("data_dir: ..\n");
    oneLine(
        ConsoleRun.of(Burnrate::execute, "sql", "select 1", "--conf", c.toString()),
        2,
        "run 'burnrate warehouse' first");
  }

  /**
   * A conf folder whose data_dir holds a warehouse file with one table, {@code tags}: one row whose
   * value carries ESC [2J (clear the screen) and ESC ]0; (set the window title).
   */
  private Path confWithWarehouse() throws Exception {
    Path c = conf("data_dir: ..\n");
    Path file = Files.createDirectories(dir.resolve("warehouse")).resolve("burnrate.duckdb");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = db.createStatement()) {
      s.execute(
          "create table tags as select 'gpu' || chr(27) || '[2J' || chr(27) || ']0;pwned'"
              + " || chr(7) as team");
    }
    return c;
  }

  @Test
  void sqlRefusesASecondStatementAndLockedSettings() throws Exception {
    Path c = confWithWarehouse();
    oneLine(
        ConsoleRun.of(Burnrate::execute, "sql", "select 1; select 2", "--conf", c.toString()),
        2,
        "burnrate: burnrate sql runs one statement per call: the ';' at character 9 is followed"
            + " by another statement");
    oneLine(
        ConsoleRun.of(Burnrate::execute, "sql", "SET memory_limit='1GB'", "--conf", c.toString()),
        2,
        "the configuration has been locked");
    oneLine(
        ConsoleRun.of(
            Burnrate::execute, "sql", "SET enable_external_access=true", "--conf", c.toString()),
        2,
        "the configuration has been locked");
  }

  @Test
  void sqlStopsAQueryPastItsTimeout() throws Exception {
    Path c = confWithWarehouse();
    oneLine(
        ConsoleRun.of(
            Burnrate::execute,
            "sql",
            "select count(*) from range(1000000000000) a",
            "--timeout",
            "1",
            "--conf",
            c.toString()),
        2,
        "burnrate: the query ran longer than 1 seconds and was stopped");
    oneLine(
        ConsoleRun.of(
            Burnrate::execute, "sql", "select 1", "--timeout", "-1", "--conf", c.toString()),
        2,
        "--timeout must be 0 (no limit) or more seconds");
  }

  @Test
  void sqlPrintsControlCharactersEscaped() throws Exception {
    Path c = confWithWarehouse();
    for (String format : new String[] {"table", "csv"}) {
      ConsoleRun run =
          ConsoleRun.of(
              Burnrate::execute,
              "sql",
              "select team from tags",
              "--format",
              format,
              "--conf",
              c.toString());
      assertEquals(0, run.exitCode(), run.err());
      assertTrue(run.out().contains("gpu\\x1b[2J\\x1b]0;pwned\\x07"), run.out());
      assertFalse(run.out().contains("\u001b") || run.out().contains("\u0007"), run.out());
    }
  }

  @Test
  void everyCommandHasHelp() {
    for (String cmd :
        new String[] {
          "nightly", "pull", "ingest", "warehouse", "report", "sql", "runs", "gc", "retire"
        }) {
      ConsoleRun run = ConsoleRun.of(Burnrate::execute, cmd, "--help");
      assertEquals(0, run.exitCode(), cmd);
      assertTrue(run.out().contains("Usage: burnrate " + cmd), run.out());
    }
  }
}
