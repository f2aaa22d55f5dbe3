package dev.burnrate.cli;

import dev.burnrate.pipeline.RunOptions;
import dev.burnrate.pipeline.Runs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Read every source of pipeline.yaml into the Parquet lake (Spark).",
      "Prints the run manifest's path."
    })
final class IngestCommand implements Callable<Integer> {
  @Mixin RunOptions common;

  @Override
  public Integer call() {
    System.out.println(Runs.ingest(common.config(), common.asOf()));
    return 0;
  }
}
