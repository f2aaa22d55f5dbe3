package dev.burnrate.cli;

import dev.burnrate.reports.RenderResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Render the executive summary PDF from the warehouse; prints its path.")
final class ReportCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    try (Stages stages = new Stages(common.config())) {
      RenderResult r = stages.report(common.asOf());
      System.out.println(r.pdf());
    }
    return 0;
  }
}
