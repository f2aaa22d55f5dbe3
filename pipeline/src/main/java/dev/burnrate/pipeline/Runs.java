package dev.burnrate.pipeline;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.PipelineConfig;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs a command's stages under the data folder's lock, with a run record and metrics: what {@code
 * burnrate} and the spark-submit entry point ({@link IngestMain}) both call.
 */
public final class Runs {
  private Runs() {}

  /**
   * Runs {@code body} under the lock. Whatever ends it, the run record and the metrics say how, and
   * the lock is released. A failure is rethrown: a RuntimeException as it is, anything else (an
   * Error such as OutOfMemoryError or StackOverflowError, a checked exception thrown by Scala code)
   * wrapped in an unchecked exception, so that every entry point reports it and exits with its
   * code: {@link ExitCode#FAILURE} unless it carries an operator error.
   */
  public static void execute(
      PipelineConfig cfg, String command, List<LocalDate> days, Consumer<Stages> body) {
    try (RunLock lock = RunLock.acquire(cfg.dataDir(), command + " " + days)) {
      RunRecord record = new RunRecord(command, days);
      int exit = ExitCode.FAILURE; // until the body returns
      String error = null;
      try (Stages stages = new Stages(cfg, record)) {
        body.accept(stages);
        exit = ExitCode.OK;
      } catch (Throwable e) {
        // a checked exception Scala code threw may carry an operator error, or a full disk
        Optional<BurnrateException> full = Failures.diskFull(e, cfg.dataDir());
        RuntimeException reported;
        if (full.isPresent()) {
          reported = full.get();
        } else if (e instanceof RuntimeException r) {
          reported = r;
        } else {
          reported = new IllegalStateException(command + " ended by " + e, e);
        }
        exit = ExitCode.of(reported);
        error = RunRecord.error(full.isPresent() ? reported : e);
        throw reported;
      } finally {
        RunRecord.Data data = record.finish(cfg.dataDir(), exit, error);
        Metrics.write(cfg.dataDir(), data);
      }
    }
  }

  /**
   * The ingest as {@code burnrate ingest} and spark-submit run it: the billing and telemetry ingest
   * and the freshness check, under the lock, with a run record. Returns the run manifest's path.
   */
  public static String ingest(PipelineConfig cfg, LocalDate asOf) {
    String[] manifest = new String[1];
    execute(
        cfg,
        "ingest",
        List.of(asOf),
        stages -> manifest[0] = stages.ingest(asOf).manifest().toString());
    return manifest[0];
  }
}
