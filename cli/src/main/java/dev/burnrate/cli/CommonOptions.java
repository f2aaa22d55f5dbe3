package dev.burnrate.cli;

import dev.burnrate.core.config.PipelineConfig;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import picocli.CommandLine.Option;

/** Options every command that works on a configured pipeline takes. */
final class CommonOptions {
  @Option(
      names = "--conf",
      paramLabel = "DIR",
      defaultValue = "conf",
      description = "Configuration folder holding pipeline.yaml (default: ${DEFAULT-VALUE}).")
  Path conf;

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description = "As-of business day for pace and forecast (default: yesterday, UTC).")
  LocalDate date;

  PipelineConfig config() {
    return PipelineConfig.load(conf);
  }

  LocalDate asOf() {
    return date != null ? date : yesterday();
  }

  static LocalDate yesterday() {
    return LocalDate.now(ZoneOffset.UTC).minusDays(1);
  }
}
