package dev.burnrate.tools;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.demo.Generator;
import dev.burnrate.pipeline.RunOptions;
import dev.burnrate.pipeline.Runs;
import dev.burnrate.warehouse.ForecastBacktest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code burnrate bench forecast}: how far fct_commitment_status's forecast lands from what
 * actually burned, on a generated year whose fleet ramps up (on-demand nodes join through the
 * year), with reservation purchases, monthly fees, a restated month and credits. It generates the
 * year's native exports, ingests them with the real job, then back-tests consecutive 90-day periods
 * ({@link ForecastBacktest}): each is forecast {@code --horizon} days before its end and compared
 * with its actual burn. The last line reads {@code mean absolute percentage error X.XX%, actual
 * inside the 90% band K of N}.
 */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a year of exports with a ramping fleet, ingest it, and back-test the commitment",
      "forecast on consecutive 90-day periods; print each forecast against the actual burn and,",
      "last, 'mean absolute percentage error X.XX%%, actual inside the 90%% band K of N'."
    })
final class BenchForecastCommand implements Callable<Integer> {
  @Mixin FleetOptions fleet;

  @Option(
      names = "--days",
      defaultValue = "365",
      description = "Days of generated bills (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--ramp-days",
      defaultValue = "300",
      description =
          "The on-demand nodes join one after another over this many days (default:"
              + " ${DEFAULT-VALUE}; 0 for a flat fleet).")
  int rampDays;

  @Option(
      names = "--horizon",
      defaultValue = "60",
      description =
          "Days before a period's end that its forecast is made (default: ${DEFAULT-VALUE}).")
  int horizon;

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description = "Last day with data (default: yesterday, UTC).")
  LocalDate date;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "${java.io.tmpdir}/burnrate-bench-forecast",
      description = "Work folder, emptied first (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    int periods = days / ForecastBacktest.PERIOD_DAYS;
    if (periods < 1) {
      throw BurnrateException.config(
          "bench forecast: --days must be at least " + ForecastBacktest.PERIOD_DAYS);
    }
    LocalDate end = date != null ? date : RunOptions.yesterday();
    Path dir = out.toAbsolutePath().normalize();
    DemoCommand.fresh(dir);
    Generator.generate(
        new Generator.Options(dir, fleet.scale, fleet.seed, end, days, 0).withRampDays(rampDays));
    PipelineConfig cfg = PipelineConfig.load(dir.resolve("conf"));
    Runs.execute(cfg, "bench-forecast", List.of(end), stages -> stages.ingest(end));
    System.out.printf(
        "bench forecast: %d days to %s, on-demand nodes joining over %d days, %d periods%n",
        days, end, rampDays, periods);
    ForecastBacktest.print(
        ForecastBacktest.run(
            cfg, horizon, periods, Files.createDirectories(dir.resolve("backtest"))),
        horizon,
        System.out);
    return 0;
  }
}
