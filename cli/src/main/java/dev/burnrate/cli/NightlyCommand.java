package dev.burnrate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description = "Ingest -> warehouse -> report for one business day; prints the PDF path.")
final class NightlyCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    try (Stages stages = new Stages(common.config())) {
      Path pdf = stages.nightly(common.asOf());
      System.out.println(pdf);
    }
    return 0;
  }
}
