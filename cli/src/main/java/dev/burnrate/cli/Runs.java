package dev.burnrate.cli;

import dev.burnrate.core.config.PipelineConfig;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/** Runs a command's stages under the data folder's lock, with a run record and metrics. */
final class Runs {
  private Runs() {}

  static void execute(
      PipelineConfig cfg, String command, List<LocalDate> days, Consumer<Stages> body) {
    try (RunLock lock = RunLock.acquire(cfg.dataDir(), command + " " + days)) {
      RunRecord record = new RunRecord(command, days);
      int exit = 0;
      String error = null;
      try (Stages stages = new Stages(cfg, record)) {
        body.accept(stages);
      } catch (RuntimeException e) {
        exit = Burnrate.exitCodeOf(e);
        error = e.getMessage();
        throw e;
      } finally {
        RunRecord.Data data = record.finish(cfg.dataDir(), exit, error);
        Metrics.write(cfg.dataDir(), data);
      }
    }
  }
}
