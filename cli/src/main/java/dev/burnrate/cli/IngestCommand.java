package dev.burnrate.cli;

import dev.burnrate.etl.ingest.IngestResult;
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
  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    try (Stages stages = new Stages(common.config())) {
      IngestResult r = stages.ingest(common.asOf());
      System.out.println(r.manifest());
    }
    return 0;
  }
}
