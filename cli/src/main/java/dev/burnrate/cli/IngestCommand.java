package dev.burnrate.cli;

import dev.burnrate.core.config.PipelineConfig;
import java.util.List;
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
    PipelineConfig cfg = common.config();
    Runs.execute(
        cfg,
        "ingest",
        List.of(common.asOf()),
        stages -> System.out.println(stages.ingest(common.asOf()).manifest()));
    return 0;
  }
}
