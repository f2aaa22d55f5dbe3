package dev.burnrate.tools;

import dev.burnrate.demo.Generator;
import dev.burnrate.pipeline.RunOptions;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Write a fictional AI company's raw billing exports and GPU telemetry, with a conf/ folder",
      "that points at them and generator-totals.json with the generator's own totals."
    })
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
  Path out;

  @Mixin FleetOptions fleet;

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description = "Last day with data (default: yesterday, UTC).")
  LocalDate date;

  @Option(
      names = "--days",
      defaultValue = "120",
      description = "Days of billing data (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--telemetry-days",
      defaultValue = "2",
      description = "Days of GPU telemetry, ending on the last day (default: ${DEFAULT-VALUE}).")
  int telemetryDays;

  @Option(
      names = "--ramp-days",
      defaultValue = "0",
      description =
          "0 for a flat fleet (default); else the on-demand GPU nodes join one after another over"
              + " the first N days, so spend ramps up.")
  int rampDays;

  @Override
  public Integer call() throws Exception {
    LocalDate end = date != null ? date : RunOptions.yesterday();
    Generator.generate(
        new Generator.Options(out, fleet.scale, fleet.seed, end, days, telemetryDays)
            .withRampDays(rampDays));
    System.out.println(out.toAbsolutePath().normalize());
    return 0;
  }
}
