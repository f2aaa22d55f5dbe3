package dev.burnrate.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.PipelineConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The developer commands on the product's command line, as bin/burnrate runs them. */
class BurnrateToolsTest {
  @TempDir Path dir;

  @Test
  void everyToolHasHelpBesideTheProductsCommands() {
    for (String[] cmd :
        new String[][] {
          {"demo"}, {"generate"}, {"bench", "ingest"}, {"bench", "telemetry"}, {"bench", "forecast"}
        }) {
      String[] args = new String[cmd.length + 1];
      System.arraycopy(cmd, 0, args, 0, cmd.length);
      args[cmd.length] = "--help";
      Run run = run(args);
      assertEquals(0, run.code, String.join(" ", cmd));
      assertTrue(run.out.contains("Usage: burnrate " + String.join(" ", cmd)), run.out);
    }
    Run product = run("--help");
    assertTrue(product.out.contains("nightly") && product.out.contains("demo"), product.out);
  }

  @Test
  void generateWritesALoadableDataFolder() throws Exception {
    Path out = dir.resolve("gen");
    Run run =
        run(
            "generate",
            "--out",
            out.toString(),
            "--date",
            "2026-10-20",
            "--days",
            "2",
            "--telemetry-days",
            "0");
    assertEquals(0, run.code, run.err);
    assertEquals(out.toAbsolutePath().normalize().toString(), run.out.trim());
    PipelineConfig cfg = PipelineConfig.load(out.resolve("conf"));
    assertTrue(cfg.sources().size() > 5, "every native format has its source");
    assertTrue(Files.isDirectory(out.resolve("landing")));
  }

  @Test
  void demoRefusesAFolderItDidNotMake() throws Exception {
    Files.writeString(dir.resolve("keep.txt"), "mine");
    Run run = run("demo", "--out", dir.toString());
    assertEquals(ExitCode.USAGE, run.code, run.err);
    assertTrue(run.err.contains("is not a burnrate demo folder"), run.err);
    assertEquals("mine", Files.readString(dir.resolve("keep.txt")));
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = BurnrateTools.execute(args);
      return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
