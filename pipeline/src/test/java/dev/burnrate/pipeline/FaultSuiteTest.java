package dev.burnrate.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.demo.ChildJvm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Faults met through the spark-submit entry point ({@link IngestMain}), each asserting the exit
 * code, burnrate's one-line message without a stack trace, the lake unchanged or completed, and
 * nothing lost (issue 18's fault suite).
 *
 * <p>Figures, from the export {@link #export} writes: account acct-1 bills three rows of {@code
 * first} (1.25: 3.75), account acct-2 two rows of 2.50 (5.00) and one row in the currency 'MC',
 * which is no ISO code and is quarantined (2.00). So the first ingest reads 10.75, writes 8.75 and
 * quarantines 2.00. The restatement bills acct-1's rows at 1.50 (4.50): 11.50 read, 9.50 written,
 * 2.00 quarantined.
 */
class FaultSuiteTest {
  private static final String AS_OF = "2026-10-31";
  private static final BigDecimal FIRST_LAKE = new BigDecimal("8.75");
  private static final BigDecimal RESTATED_LAKE = new BigDecimal("9.50");

  @TempDir Path dir;
  private PipelineConfig cfg;

  @BeforeEach
  void conf() throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(
        conf.resolve("pipeline.yaml"),
        "reporting_currency: USD\ndata_dir: ..\nquarantine_max_share: 0.5\nsources:\n"
            + "  - name: focus\n    format: focus\n    path: landing/focus/**\n");
    cfg = PipelineConfig.load(conf);
  }

  /** The export, acct-1's three rows billed at {@code first} each. */
  private void export(String first) throws Exception {
    StringBuilder csv =
        new StringBuilder(
            "BillingAccountId,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,"
                + "ChargePeriodEnd,ChargeCategory,BilledCost,EffectiveCost,ProviderName,"
                + "ServiceName,ResourceId\n");
    for (int i = 1; i <= 3; i++) {
      csv.append(row("acct-1", "USD", first, "i-1" + i));
    }
    for (int i = 1; i <= 2; i++) {
      csv.append(row("acct-2", "USD", "2.50", "i-2" + i));
    }
    csv.append(row("acct-2", "MC", "2.00", "i-mc"));
    Path file = dir.resolve("landing/focus/2026-10/export.csv");
    Files.createDirectories(file.getParent());
    Files.writeString(file, csv);
  }

  private static String row(String account, String currency, String cost, String resource) {
    return String.join(
            ",",
            account,
            currency,
            "2026-10-01",
            "2026-11-01",
            "2026-10-05",
            "2026-10-06",
            "Usage",
            cost,
            cost,
            "AWS",
            "Amazon EC2",
            resource)
        + "\n";
  }

  /**
   * Disk full while the ingest writes Parquet (the restatement's run, 2,048 bytes in: its
   * quarantine file): exit 1, one line naming the full disk and what to do, a failed run record,
   * the lake as the first ingest left it (8.75), no staging left behind. The next run, with space
   * again, publishes the restatement (9.50) and reads 11.50 = 9.50 written + 2.00 quarantined.
   */
  @Test
  void aFullDiskWhileTheIngestWritesLeavesTheLakeAsItWasAndTheNextRunCompletes() throws Exception {
    export("1.25");
    assertEquals(ExitCode.OK, ingest().code, "first ingest");
    export("1.50");

    FaultyFileSystem.resetWritten();
    Run full = ingest(FaultyFileSystem.properties(FaultyFileSystem.DISK_BYTES, "2048"));

    assertEquals(ExitCode.FAILURE, full.code, full.err);
    assertOneLine(full.err, "no space left on device while writing below " + dir);
    assertEquals(0, FIRST_LAKE.compareTo(lakeCost()), "the lake is unchanged");
    assertEquals(List.of(), children(cfg.layout().lakeStaging()), "no staging left behind");
    assertEquals(List.of(0, 1), exitCodes());

    Run again = ingest();
    assertEquals(ExitCode.OK, again.code, again.err);
    assertEquals(0, RESTATED_LAKE.compareTo(lakeCost()));
    assertNothingLost(new BigDecimal("11.50"), RESTATED_LAKE, new BigDecimal("2.00"));
  }

  /**
   * A crash between the two moves of a replacement: the restatement's run moves acct-1's live unit
   * to lake/replaced, and the process dies (halted, no finally) as it moves the new unit in. The
   * lake then lacks acct-1 (5.00 left). The next run completes the publish from the journal: the
   * lake holds 9.50, replaced the 3.75 of the old unit, and nothing is lost.
   */
  @Test
  void aCrashBetweenTheTwoMovesOfAReplacementIsCompletedByTheNextRun() throws Exception {
    export("1.25");
    assertEquals(ExitCode.OK, ingest().code, "first ingest");
    export("1.50");

    int crashed =
        child(
            FaultyFileSystem.properties(
                FaultyFileSystem.HALT_RENAME_INTO, cfg.layout().lakeCost().toString()));

    assertEquals(FaultyFileSystem.HALTED, crashed, "halted in the publish");
    assertEquals(
        0, new BigDecimal("5.00").compareTo(lakeCost()), "acct-1 moved out, not yet back in");
    assertEquals(
        0, new BigDecimal("3.75").compareTo(sum(cfg.layout().lakeReplaced(), "BilledCost")));
    List<Path> staged = children(cfg.layout().lakeStaging());
    assertEquals(1, staged.size());
    assertTrue(Files.isRegularFile(staged.get(0).resolve("publish-journal.json")));

    Run next = ingest();
    assertEquals(ExitCode.OK, next.code, next.err);
    assertEquals("", next.err);
    assertEquals(0, RESTATED_LAKE.compareTo(lakeCost()));
    assertEquals(List.of(), children(cfg.layout().lakeStaging()));
    assertNothingLost(new BigDecimal("11.50"), RESTATED_LAKE, new BigDecimal("2.00"));
  }

  /**
   * Two ingests started together through the spark-submit entry point: one takes the lock and
   * ingests, the other exits 5 at once with one line naming the holder and no run record. The lake
   * is exactly one ingest's result: one run manifest, 8.75 in the lake.
   */
  @Test
  void twoIngestsRacingLeaveOneIngestsResultAndTheOtherExitsFive() throws Exception {
    export("1.25");
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Run>> runs = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        runs.add(
            pool.submit(
                () -> {
                  start.await();
                  return ingest();
                }));
      }
      start.countDown();
      List<Run> done = new ArrayList<>();
      for (Future<Run> f : runs) {
        done.add(f.get(10, TimeUnit.MINUTES));
      }
      done.sort((a, b) -> Integer.compare(a.code, b.code));

      assertEquals(ExitCode.OK, done.get(0).code, done.get(0).err);
      assertEquals(ExitCode.LOCKED, done.get(1).code, done.get(1).err);
      assertOneLine(done.get(1).err, "another burnrate run holds");
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of(0), exitCodes(), "the run that lost the race has no run record");
    assertEquals(1, children(cfg.layout().lakeRuns()).size(), "one ingest's manifest");
    assertEquals(0, FIRST_LAKE.compareTo(lakeCost()));
    assertNothingLost(new BigDecimal("10.75"), FIRST_LAKE, new BigDecimal("2.00"));
  }

  private record Run(int code, String err) {}

  /** The spark-submit entry point in this process, with {@code properties} set while it runs. */
  private Run ingest(Map<String, String> properties) {
    properties.forEach(System::setProperty);
    try {
      return ingest();
    } finally {
      properties.keySet().forEach(System::clearProperty);
    }
  }

  /** {@link IngestMain#execute}, with stderr of its own (two may run at once). */
  private Run ingest() {
    StringWriter err = new StringWriter();
    int code =
        Failures.withExitCodes(new CommandLine(new IngestMain()))
            .setErr(new PrintWriter(err, true))
            .execute("--conf", dir.resolve("conf").toString(), "--date", AS_OF);
    return new Run(code, err.toString());
  }

  /** The spark-submit entry point in a child process given {@code properties}; its exit code. */
  private int child(Map<String, String> properties) throws Exception {
    List<String> cmd =
        ChildJvm.command(
            properties,
            IngestMain.class,
            List.of("--conf", dir.resolve("conf").toString(), "--date", AS_OF));
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the child ingest did not end");
    return p.exitValue();
  }

  /** burnrate's message is one line holding {@code text}, without a stack trace. */
  private static void assertOneLine(String err, String text) {
    List<String> lines = err.lines().toList();
    assertEquals(1, lines.size(), err);
    assertTrue(lines.get(0).startsWith("burnrate: "), err);
    assertTrue(lines.get(0).contains(text), err);
    assertFalse(err.contains("\tat "), err);
  }

  /** The newest run manifest says cost in = written + quarantined, with the figures given. */
  private void assertNothingLost(BigDecimal in, BigDecimal written, BigDecimal quarantined)
      throws Exception {
    List<Path> manifests = children(cfg.layout().lakeRuns());
    JsonNode m = new ObjectMapper().readTree(manifests.get(manifests.size() - 1).toFile());
    assertEquals(0, in.compareTo(manifestSum(m, "cost_in")), m.toString());
    assertEquals(0, written.compareTo(manifestSum(m, "cost_written")), m.toString());
    assertEquals(0, quarantined.compareTo(manifestSum(m, "cost_quarantined")), m.toString());
  }

  private static BigDecimal manifestSum(JsonNode manifest, String field) {
    BigDecimal sum = BigDecimal.ZERO;
    for (JsonNode in : manifest.get("inputs")) {
      for (JsonNode c : in.get("cost")) {
        sum = sum.add(new BigDecimal(c.get(field).asText()));
      }
    }
    return sum;
  }

  private List<Integer> exitCodes() {
    return RunRecord.all(cfg.dataDir()).stream().map(RunRecord.Data::exitCode).toList();
  }

  private BigDecimal lakeCost() throws Exception {
    return sum(cfg.layout().lakeCost(), "BilledCost");
  }

  /** Sum of a column over the Parquet files below {@code folder}, read by DuckDB. */
  private static BigDecimal sum(Path folder, String column) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        ResultSet r =
            c.createStatement()
                .executeQuery(
                    "select coalesce(sum("
                        + column
                        + "), 0) from read_parquet('"
                        + folder
                        + "/**/*.parquet', hive_partitioning = false)")) {
      r.next();
      return r.getBigDecimal(1);
    }
  }

  private static List<Path> children(Path folder) throws Exception {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.sorted().toList();
    }
  }
}
