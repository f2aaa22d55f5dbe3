package dev.burnrate.pipeline;

import dev.burnrate.core.config.PipelineConfig;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import picocli.CommandLine.Option;

/**
 * The options every run on a configured pipeline takes: the {@code burnrate} commands and the
 * spark-submit entry point ({@link IngestMain}) share them.
 */
public final class RunOptions {
  @Option(
      names = "--conf",
      paramLabel = "DIR",
      defaultValue = "conf",
      description = "Configuration folder holding pipeline.yaml (default: ${DEFAULT-VALUE}).")
  public Path conf;

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description = "As-of business day for pace and forecast (default: yesterday, UTC).")
  public LocalDate date;

  public PipelineConfig config() {
    return PipelineConfig.load(conf);
  }

  public LocalDate asOf() {
    return date != null ? date : yesterday();
  }

  public static LocalDate yesterday() {
    return LocalDate.now(ZoneOffset.UTC).minusDays(1);
  }
}
