package dev.burnrate.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.demo.Generator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * A run ended by a java.lang.Error (issue 18: "A java.lang.Error counts as success"): before the
 * fix, {@link Runs#execute} and {@link RunRecord#stage} caught only RuntimeException and the exit
 * code started at 0, so a StackOverflowError left a run record with exit_code 0 that the staleness
 * alert and the catch-up read as a good night. The Error here is a real one, thrown by unbounded
 * recursion in the run's body.
 */
class RunsTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 10, 20);

  @TempDir Path dir;

  /** The run's body as a command runs it; it recurses until the stack runs out. */
  @Command(name = "overflow")
  static final class Overflowing implements Callable<Integer> {
    private final PipelineConfig cfg;

    Overflowing(PipelineConfig cfg) {
      this.cfg = cfg;
    }

    @Override
    public Integer call() {
      Runs.execute(cfg, "ingest", List.of(AS_OF), stages -> recurse(0));
      return ExitCode.OK;
    }
  }

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }

  @Test
  void anErrorEndsTheRunWithAFailedRecordExitOneAndTheLockReleased() throws Exception {
    Generator.generate(new Generator.Options(dir, 1, 42, AS_OF, 2, 1).focusOnly());
    PipelineConfig cfg = PipelineConfig.load(dir.resolve("conf"));

    RuntimeException thrown =
        assertThrows(
            RuntimeException.class,
            () -> Runs.execute(cfg, "ingest", List.of(AS_OF), stages -> recurse(0)));
    assertInstanceOf(StackOverflowError.class, thrown.getCause(), thrown.toString());
    assertEquals(ExitCode.FAILURE, ExitCode.of(thrown));

    StringWriter err = new StringWriter();
    CommandLine cli = Failures.withExitCodes(new CommandLine(new Overflowing(cfg)));
    cli.setErr(new PrintWriter(err, true));
    assertEquals(ExitCode.FAILURE, cli.execute(), "an entry point exits 1");
    assertTrue(
        err.toString().startsWith("burnrate: unexpected failure: ")
            && err.toString().contains("StackOverflowError"),
        err.toString());

    List<RunRecord.Data> records = RunRecord.all(cfg.dataDir());
    assertEquals(List.of(1, 1), records.stream().map(RunRecord.Data::exitCode).toList());
    for (RunRecord.Data r : records) {
      assertEquals("java.lang.StackOverflowError", r.error(), "the record names the Error");
    }
    String metrics = Files.readString(cfg.dataDir().resolve(Metrics.FILE));
    assertTrue(metrics.contains("burnrate_last_run_exit_code{command=\"ingest\"} 1\n"), metrics);
    assertTrue(
        metrics.contains("burnrate_last_success_timestamp_seconds 0\n"),
        "no run ever succeeded: " + metrics);

    // the lock was released: this would throw (exit 5) if either run still held it
    try (RunLock again = RunLock.acquire(cfg.dataDir(), "test")) {
      assertTrue(Files.isRegularFile(cfg.dataDir().resolve(RunLock.FILE)));
    }
  }

  @Test
  void aStageEndedByAnErrorIsRecordedFailedWithTheErrorNamed() {
    RunRecord record = new RunRecord("ingest", List.of(AS_OF));
    assertThrows(
        StackOverflowError.class,
        () -> record.stage("ingest", AS_OF, () -> recurse(0), n -> Map.of("depth", n)));
    RunRecord.Stage stage = record.stages().get(0);
    assertEquals("failed", stage.status());
    assertEquals(ExitCode.FAILURE, stage.details().get("exit_code"));
    assertEquals("java.lang.StackOverflowError", stage.details().get("error"));
  }
}
