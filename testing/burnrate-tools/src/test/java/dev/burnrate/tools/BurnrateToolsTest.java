package dev.burnrate.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.ConsoleRun;
import dev.burnrate.pipeline.RunLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The developer commands on the product's command line, as bin/burnrate runs them. */
class BurnrateToolsTest {
  @TempDir Path dir;

  @Test
  void everyToolHasHelpBesideTheProductsCommands() {
    for (String[] cmd :
        new String[][] {
          {"demo"},
          {"generate"},
          {"bench", "ingest"},
          {"bench", "warehouse"},
          {"bench", "telemetry"},
          {"bench", "forecast"}
        }) {
      String[] args = new String[cmd.length + 1];
      System.arraycopy(cmd, 0, args, 0, cmd.length);
      args[cmd.length] = "--help";
      ConsoleRun run = run(args);
      assertEquals(0, run.exitCode(), String.join(" ", cmd));
      assertTrue(run.out().contains("Usage: burnrate " + String.join(" ", cmd)), run.out());
    }
    ConsoleRun product = run("--help");
    assertTrue(product.out().contains("nightly") && product.out().contains("demo"), product.out());
  }

  /**
   * bench warehouse on a tiny lake: 300 rows over 3 days, then a new day of 300 / 3 = 100 rows (the
   * command itself fails unless the second build's focus_cost has exactly 100 more rows); its last
   * three lines are the figures docs/benchmarks.md quotes.
   */
  @Test
  void benchWarehousePrintsBothBuildsAndThePeakLast() {
    ConsoleRun run =
        run("bench", "warehouse", "--rows", "300", "--days", "3", "--out", dir.toString());
    assertEquals(0, run.exitCode(), run.err());
    String[] lines = run.out().strip().split("\n");
    assertTrue(lines.length >= 4, run.out());
    assertTrue(lines[lines.length - 4].contains("focus_cost 400 rows"), run.out());
    assertTrue(lines[lines.length - 3].matches("full build: \\d+\\.\\d\\d s"), run.out());
    assertTrue(lines[lines.length - 2].matches("incremental build: \\d+\\.\\d\\d s"), run.out());
    assertTrue(lines[lines.length - 1].matches("peak RSS: \\d+ MiB"), run.out());
  }

  @Test
  void generateWritesALoadableDataFolder() throws Exception {
    Path out = dir.resolve("gen");
    ConsoleRun run = generate(out);
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(out.toAbsolutePath().normalize().toString(), run.out().trim());
    PipelineConfig cfg = PipelineConfig.load(out.resolve("conf"));
    assertTrue(cfg.sources().size() > 5, "every native format has its source");
    assertTrue(Files.isDirectory(out.resolve("landing")));
  }

  @Test
  void demoRefusesAFolderItDidNotMake() throws Exception {
    Files.writeString(dir.resolve("keep.txt"), "mine");
    ConsoleRun run = run("demo", "--out", dir.toString());
    assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
    assertTrue(run.err().contains("is not a burnrate demo folder"), run.err());
    assertEquals("mine", Files.readString(dir.resolve("keep.txt")));
  }

  /**
   * {@code generate --out .} in a project folder, then {@code demo --out .}: the demo used to see
   * the generator's totals and delete the whole folder. Now a folder holding anything a demo does
   * not make is refused, whatever else it holds.
   */
  @Test
  void demoRefusesAGeneratedFolderThatHoldsOtherFiles() throws Exception {
    Path project = Files.createDirectories(dir.resolve("project"));
    Files.writeString(project.resolve("pom.xml"), "<project/>");
    ConsoleRun generate = generate(project);
    assertEquals(0, generate.exitCode(), generate.err());

    ConsoleRun demo = run("demo", "--out", project.toString());

    assertEquals(ExitCode.USAGE, demo.exitCode(), demo.err());
    assertTrue(
        demo.err().contains(project + " holds pom.xml, which a demo does not make"), demo.err());
    assertEquals("<project/>", Files.readString(project.resolve("pom.xml")));
    assertTrue(Files.exists(project.resolve(DemoCommand.MARKER)));
    assertTrue(Files.isDirectory(project.resolve("landing")));
  }

  @Test
  void demoRefusesTheWorkingDirectoryAndTheHomeFolderAndFoldersAboveThem() throws Exception {
    Path cwd = Path.of("").toAbsolutePath();
    ConsoleRun here = run("demo", "--out", ".");
    assertEquals(ExitCode.USAGE, here.exitCode(), here.err());
    assertTrue(here.err().contains(cwd + " is the working directory"), here.err());
    ConsoleRun above = run("demo", "--out", cwd.getParent().toString());
    assertEquals(ExitCode.USAGE, above.exitCode(), above.err());
    assertTrue(above.err().contains(cwd.getParent() + " holds the working directory"), above.err());

    // a home folder that looks exactly like a demo folder is still refused
    Path home = Files.createDirectories(dir.resolve("home"));
    Files.writeString(home.resolve(DemoCommand.MARKER), "{}");
    String realHome = System.getProperty("user.home");
    System.setProperty("user.home", home.toString());
    try {
      ConsoleRun demo = run("demo", "--out", home.toString());
      assertEquals(ExitCode.USAGE, demo.exitCode(), demo.err());
      assertTrue(demo.err().contains(home + " is the home folder"), demo.err());
    } finally {
      System.setProperty("user.home", realHome);
    }
    assertEquals("{}", Files.readString(home.resolve(DemoCommand.MARKER)));
  }

  /** A folder holding only what a demo makes is emptied and made again. */
  @Test
  void anEarlierDemoFolderIsEmptied() throws Exception {
    Path demo = Files.createDirectories(dir.resolve("demo"));
    Files.writeString(demo.resolve(DemoCommand.MARKER), "{}");
    Files.createDirectories(demo.resolve("lake/cost"));
    Files.writeString(demo.resolve(".burnrate.lock"), "");

    DemoCommand.fresh(demo);

    try (var left = Files.list(demo)) {
      assertEquals(0, left.count());
    }
  }

  /**
   * A bench whose scratch folder another run is using (it holds the lock of the bench's data
   * folder) exits 5 with one line before it empties the folder: both benches emptied it first,
   * deleting the other run's files and its lock file, and then ingested without the lock.
   */
  @Test
  void benchesRefuseAScratchFolderAnotherRunIsUsing() throws Exception {
    Path ingest = dir.resolve("bench-ingest");
    Path telemetry = dir.resolve("bench-telemetry");
    for (Path data : List.of(ingest.resolve("data"), telemetry)) {
      try (RunLock held = RunLock.acquire(data, "the other run")) {
        ConsoleRun run =
            data.startsWith(ingest)
                ? run("bench", "ingest", "--rows", "10", "--out", ingest.toString())
                : run("bench", "telemetry", "--gpus", "1", "--out", telemetry.toString());

        assertEquals(ExitCode.LOCKED, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("burnrate: another burnrate run holds"), run.err());
        assertTrue(run.err().contains("'the other run'"), run.err());
        assertTrue(Files.exists(data.resolve(RunLock.FILE)), "the lock file is not deleted");
      }
    }
  }

  /** Two days of billing data, no telemetry: a small generator output. */
  private static ConsoleRun generate(Path out) {
    return run(
        "generate",
        "--out",
        out.toString(),
        "--date",
        "2026-10-20",
        "--days",
        "2",
        "--telemetry-days",
        "0");
  }

  private static ConsoleRun run(String... args) {
    return ConsoleRun.of(BurnrateTools::execute, args);
  }
}
