package dev.burnrate.cli;

import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.pipeline.RunOptions;
import dev.burnrate.pipeline.Runs;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "warehouse",
    mixinStandardHelpOptions = true,
    description = {
      "Build the DuckDB warehouse from the lake, run its data tests, swap it in atomically.",
      "Prints the warehouse file's path."
    })
final class WarehouseCommand implements Callable<Integer> {
  @Mixin RunOptions common;

  @Override
  public Integer call() {
    PipelineConfig cfg = common.config();
    Runs.execute(
        cfg,
        "warehouse",
        List.of(common.asOf()),
        stages -> System.out.println(stages.warehouse(common.asOf()).warehouseFile()));
    return 0;
  }
}
