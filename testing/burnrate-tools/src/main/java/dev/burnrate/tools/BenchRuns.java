package dev.burnrate.tools;

import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.io.FileTrees;
import dev.burnrate.etl.SparkSessions;
import dev.burnrate.pipeline.Runs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * A benchmark's ingest as every entry point runs an ingest: under the data folder's lock (so that
 * no other run's staging is recovered or removed under it), with a run record; on a SparkSession of
 * its own, stopped afterwards. And the scratch folder a benchmark works in.
 */
final class BenchRuns {
  private BenchRuns() {}

  /**
   * Empties (or makes) a benchmark's scratch folder {@code dir}; refused for the working directory,
   * the home folder, or a folder whose {@code data/} another run holds the lock of.
   */
  static void cleanScratch(Path dir) throws IOException {
    DemoCommand.refuseHomeAndWorkingDirectory(dir.toAbsolutePath().normalize());
    DemoCommand.refuseInUse(dir.resolve("data"));
    FileTrees.delete(dir);
    Files.createDirectories(dir);
  }

  static <T> T run(
      PipelineConfig cfg,
      String command,
      LocalDate day,
      String appName,
      Function<SparkSession, T> work) {
    List<T> result = new ArrayList<>(1);
    Runs.execute(
        cfg,
        command,
        List.of(day),
        stages -> {
          SparkSession spark = SparkSessions.create(cfg, appName);
          try {
            result.add(work.apply(spark));
          } finally {
            spark.stop();
          }
        });
    return result.get(0);
  }
}
