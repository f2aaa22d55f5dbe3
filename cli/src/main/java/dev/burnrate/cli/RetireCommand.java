package dev.burnrate.cli;

import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.etl.lake.SourceRetirement;
import dev.burnrate.pipeline.RunOptions;
import dev.burnrate.pipeline.Runs;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "retire",
    mixinStandardHelpOptions = true,
    description = {
      "Move the lake units and quarantine of a source removed from pipeline.yaml to",
      "lake/retired/run=<run_id>/, so the next warehouse build no longer counts them (gc",
      "prunes them after the retention). Exit 2 for a configured source or one without units.",
      "Prints what it moved."
    })
final class RetireCommand implements Callable<Integer> {
  @Mixin RunOptions common;

  @Option(
      names = "--source",
      required = true,
      paramLabel = "NAME",
      description = "The source name (x_SourceName) to retire.")
  String source;

  @Override
  public Integer call() {
    PipelineConfig cfg = common.config();
    Runs.execute(
        cfg,
        "retire",
        List.of(common.asOf()),
        stages -> {
          SourceRetirement.Retired r = stages.retire(common.asOf(), source);
          System.out.printf(
              "retired %s: %d cost unit(s), %d telemetry unit(s), %d quarantine folder(s) moved"
                  + " to %s%n",
              r.source(), r.costUnits(), r.gpuUnits(), r.quarantineFolders(), r.folder());
        });
    return 0;
  }
}
