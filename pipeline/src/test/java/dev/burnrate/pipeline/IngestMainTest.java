package dev.burnrate.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.ConsoleRun;
import dev.burnrate.demo.Generator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spark-submit entry point in local mode: the same run as {@code burnrate ingest}, with its
 * lock, run record and exit codes ({@link ClusterIngestIT} submits it to a real cluster).
 */
class IngestMainTest {
  /** A CSV that is no export of any format, for a billing source's folder. */
  static final String NOT_AN_EXPORT_TEXT = "Account,Amount\n123,4.50\n";

  private static final LocalDate AS_OF = LocalDate.of(2026, 10, 20);

  @TempDir Path dir;

  @Test
  void exitCodesAreTheCommandsAndEveryRunIsRecorded() throws Exception {
    Generator.generate(new Generator.Options(dir, 1, 42, AS_OF, 2, 1).focusOnly());
    String conf = dir.resolve("conf").toString();
    PipelineConfig cfg = PipelineConfig.load(dir.resolve("conf"));

    ConsoleRun usage = run("--conf", conf, "--date", "yesterday");
    assertEquals(ExitCode.USAGE, usage.exitCode(), usage.err());

    try (RunLock held = RunLock.acquire(cfg.dataDir(), "test")) {
      ConsoleRun locked = run("--conf", conf, "--date", AS_OF.toString());
      assertEquals(ExitCode.LOCKED, locked.exitCode(), locked.err());
      assertTrue(locked.err().startsWith("burnrate: "), locked.err());
    }

    ConsoleRun ok = run("--conf", conf, "--date", AS_OF.toString());
    assertEquals(ExitCode.OK, ok.exitCode(), ok.err());
    assertTrue(Files.isRegularFile(Path.of(ok.out().trim())), "prints the manifest: " + ok.out());
    assertTrue(
        Files.list(cfg.layout().lakeGpu()).findAny().isPresent(), "the telemetry ingest ran too");

    Path bad = dir.resolve("landing/focus/coreweave/not-an-export.csv");
    Files.writeString(bad, NOT_AN_EXPORT_TEXT);
    ConsoleRun input = run("--conf", conf, "--date", AS_OF.toString());
    assertEquals(ExitCode.BAD_INPUT, input.exitCode(), input.err());
    assertTrue(input.err().contains("not-an-export.csv"), input.err());

    assertEquals(
        java.util.List.of(0, 3),
        RunRecord.all(cfg.dataDir()).stream().map(RunRecord.Data::exitCode).toList(),
        "one run record per run that got the lock");
  }

  private static ConsoleRun run(String... args) {
    return ConsoleRun.of(IngestMain::execute, args);
  }
}
