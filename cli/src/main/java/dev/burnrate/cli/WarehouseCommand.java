package dev.burnrate.cli;

import dev.burnrate.warehouse.BuildResult;
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
  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    try (Stages stages = new Stages(common.config())) {
      BuildResult r = stages.warehouse(common.asOf());
      System.out.println(r.warehouseFile());
    }
    return 0;
  }
}
