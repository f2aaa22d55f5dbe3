package dev.burnrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.ExitCode;
import dev.burnrate.core.testing.ConsoleRun;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the SRE relies on: a SIGKILL in the middle of any stage followed by a rerun gives the same
 * warehouse as an uninterrupted run; two concurrent runs: one works, the other exits 5; a 3-day
 * backfill equals 3 single-day runs.
 */
class NightlyOperationsTest {
  static final LocalDate DAY = LocalDate.of(2026, 10, 20);
  @TempDir static Path shared;
  private static Path original;
  private static Path ingested;
  private static String reference;

  @BeforeAll
  static void referenceRun() {
    reference = SmallPipeline.numbers(ingested());
  }

  /**
   * The reference data folder, made once per JVM: twelve generated days of AWS and Azure FOCUS
   * ending {@link #DAY}, after an uninterrupted nightly for that day (every file ingested). Tests
   * copy it; none changes it.
   */
  static synchronized Path ingested() {
    if (ingested == null) {
      try {
        Path root = Files.createTempDirectory("burnrate-nightly-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> SmallPipeline.delete(root)));
        original = SmallPipeline.create(root.resolve("original"), DAY, 12);
        Path ref = SmallPipeline.copy(original, root.resolve("reference"));
        ConsoleRun run = nightly(ref, DAY);
        assertEquals(0, run.exitCode(), run.err());
        ingested = ref;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return ingested;
  }

  @Test
  void sigkillDuringIngestThenRerunGivesTheSameWarehouse() throws Exception {
    Path data = SmallPipeline.copy(original, shared.resolve("killed-ingest"));
    killedThenRerun(data, "ingest", "source azure-focus: reading", 1500, "nightly");
  }

  /**
   * The killed process runs the warehouse stage alone ({@code burnrate warehouse}: the same stage
   * code, lock and run record as a nightly's) from the folder as a nightly's ingest leaves it, so
   * it starts without Spark; the rerun is a whole nightly.
   */
  @Test
  void sigkillDuringWarehouseThenRerunGivesTheSameWarehouse() throws Exception {
    Path data = referenceWithout("killed-warehouse", "warehouse", "reports");
    killedThenRerun(data, "warehouse", "model focus_cost", 0, "warehouse");
  }

  /** As for the warehouse: the report stage alone, from the folder a nightly's warehouse leaves. */
  @Test
  void sigkillDuringReportThenRerunGivesTheSameWarehouse() throws Exception {
    Path data = referenceWithout("killed-report", "reports");
    killedThenRerun(data, "report", "stage report", 300, "report");
  }

  /**
   * A copy of the reference folder without the given folders (and the released lock file): the
   * folder as the reference nightly left it before the stages that write them.
   */
  private static Path referenceWithout(String name, String... folders) throws IOException {
    Path data = SmallPipeline.copy(ingested(), shared.resolve(name));
    for (String folder : folders) {
      SmallPipeline.delete(data.resolve(folder));
    }
    Files.deleteIfExists(data.resolve(".burnrate.lock"));
    return data;
  }

  private void killedThenRerun(Path data, String name, String line, long delayMs, String command)
      throws Exception {
    Path log = shared.resolve("killed-" + name + ".log");
    Process child =
        child(log, command, "--conf", data.resolve("conf").toString(), "--date", DAY.toString());
    waitForLine(child, log, line);
    Thread.sleep(delayMs);
    assertTrue(child.isAlive(), "still running when killed: " + Files.readString(log));
    child.destroyForcibly(); // SIGKILL on Linux
    child.waitFor(30, TimeUnit.SECONDS);
    assertEquals(137, child.exitValue(), "killed by SIGKILL");

    ConsoleRun rerun = nightly(data, DAY);
    assertEquals(0, rerun.exitCode(), rerun.err());
    assertEquals(reference, SmallPipeline.numbers(data), "same numbers as an uninterrupted run");
  }

  /** The second run is made in this JVM: the lock is the operating system's, held by the child. */
  @Test
  void twoConcurrentNightlyRunsOneWorksTheOtherExitsLocked() throws Exception {
    Path data = SmallPipeline.copy(original, shared.resolve("concurrent"));
    String conf = data.resolve("conf").toString();
    Path log1 = shared.resolve("concurrent-1.log");
    Process first = child(log1, "nightly", "--conf", conf, "--date", DAY.toString());
    waitForLine(first, log1, "stage ingest");
    ConsoleRun second =
        ConsoleRun.of(Burnrate::execute, "nightly", "--conf", conf, "--date", DAY.toString());
    assertTrue(first.isAlive(), "the first run still works: " + Files.readString(log1));
    assertTrue(first.waitFor(180, TimeUnit.SECONDS));
    assertEquals(0, first.exitValue(), Files.readString(log1));
    assertEquals(ExitCode.LOCKED, second.exitCode(), second.err());
    assertTrue(
        second.err().contains("another burnrate run holds")
            && second.err().contains("pid " + first.pid()),
        second.err());
    assertEquals(reference, SmallPipeline.numbers(data));
  }

  @Test
  void aThreeDayBackfillEqualsThreeSingleDayRuns() throws Exception {
    Path backfill = SmallPipeline.copy(original, shared.resolve("backfill"));
    Path single = SmallPipeline.copy(original, shared.resolve("single"));
    LocalDate from = DAY.minusDays(2);
    ConsoleRun b =
        ConsoleRun.of(
            Burnrate::execute,
            "nightly",
            "--conf",
            backfill.resolve("conf").toString(),
            "--from",
            from.toString(),
            "--to",
            DAY.toString());
    assertEquals(0, b.exitCode(), b.err());
    assertEquals(3, b.out().lines().count(), "one PDF per day: " + b.out());
    for (LocalDate d = from; !d.isAfter(DAY); d = d.plusDays(1)) {
      ConsoleRun s = nightly(single, d);
      assertEquals(0, s.exitCode(), s.err());
    }
    assertEquals(SmallPipeline.numbers(single), SmallPipeline.numbers(backfill));
    assertEquals(reference, SmallPipeline.numbers(backfill), "the last day is the reference day");
    for (LocalDate d = from; !d.isAfter(DAY); d = d.plusDays(1)) {
      assertTrue(Files.isRegularFile(backfill.resolve("reports/executive-summary-" + d + ".pdf")));
    }
    // without a date the next run catches up from the day after the last success: nothing left
    ConsoleRun again =
        ConsoleRun.of(Burnrate::execute, "runs", "--conf", backfill.resolve("conf").toString());
    assertTrue(again.out().contains("nightly"), again.out());
  }

  @Test
  void aLateSourceWarnsAndOnePastItsErrorThresholdFailsNamingIt() throws Exception {
    Path data = SmallPipeline.copy(original, shared.resolve("late"));
    SmallPipeline.sources(
        data, SmallPipeline.AWS.freshness(24, 72), SmallPipeline.AZURE.freshness(24, null));
    // the data ends with DAY; three days later AWS is 72 h late (ok), four days later too late
    ConsoleRun onTime =
        ConsoleRun.of(
            Burnrate::execute,
            "ingest",
            "--conf",
            data.resolve("conf").toString(),
            "--date",
            DAY.plusDays(3).toString());
    assertEquals(0, onTime.exitCode(), onTime.err());
    ConsoleRun late =
        ConsoleRun.of(
            Burnrate::execute,
            "ingest",
            "--conf",
            data.resolve("conf").toString(),
            "--date",
            DAY.plusDays(4).toString());
    assertEquals(ExitCode.BAD_INPUT, late.exitCode(), late.err());
    assertTrue(
        late.err()
            .contains(
                "source 'aws-focus': newest charge ends "
                    + DAY.plusDays(1)
                    + "T00:00Z, 96 h before the end of "
                    + DAY.plusDays(4)
                    + " (error after 72 h)"),
        late.err());
    assertTrue(!late.err().contains("azure-focus"), "Azure only warns: " + late.err());
    String record = Files.readString(RunRecordFiles.oldest(data.resolve("runs")));
    assertTrue(record.contains("\"status\" : \"late\""), record);
  }

  /** {@code burnrate nightly} for one day on the data folder {@code data}. */
  private static ConsoleRun nightly(Path data, LocalDate day) {
    return ConsoleRun.of(
        Burnrate::execute,
        "nightly",
        "--conf",
        data.resolve("conf").toString(),
        "--date",
        day.toString());
  }

  /** The oldest run record file in a folder (names start with the start time). */
  static final class RunRecordFiles {
    private RunRecordFiles() {}

    static Path oldest(Path dir) throws IOException {
      try (var s = Files.list(dir)) {
        return s.filter(p -> p.toString().endsWith(".json"))
            .min(java.util.Comparator.naturalOrder())
            .orElseThrow();
      }
    }
  }

  private static Process child(Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> !a.startsWith("-agentlib"))
            .toList());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Burnrate.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static void waitForLine(Process p, Path log, String text) throws Exception {
    Instant end = Instant.now().plus(Duration.ofSeconds(180));
    while (Instant.now().isBefore(end) && p.isAlive()) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("never saw '" + text + "':\n" + Files.readString(log));
  }
}
