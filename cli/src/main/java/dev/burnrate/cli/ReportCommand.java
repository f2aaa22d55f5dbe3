package dev.burnrate.cli;

import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.pipeline.RunOptions;
import dev.burnrate.pipeline.Runs;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Render the executive summary PDF from the warehouse; prints its path.")
final class ReportCommand implements Callable<Integer> {
  @Mixin RunOptions common;

  @Override
  public Integer call() {
    PipelineConfig cfg = common.config();
    Runs.execute(
        cfg,
        "report",
        List.of(common.asOf()),
        stages -> System.out.println(stages.report(common.asOf()).pdf()));
    return 0;
  }
}
