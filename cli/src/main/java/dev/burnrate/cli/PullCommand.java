package dev.burnrate.cli;

import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.pipeline.RunOptions;
import dev.burnrate.pipeline.Runs;
import dev.burnrate.storage.PullResult;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "pull",
    mixinStandardHelpOptions = true,
    description = {
      "Copy new or changed export objects of every s3:// or Azure Blob source into",
      "data_dir/landing/<source>/ (the nightly job does this before the ingest), or for",
      "a source in direct mode (storage.mode) list its current objects in",
      "data_dir/pull/<source>.plan.json for Spark to read from the store.",
      "Prints one line per source: objects downloaded, unchanged, removed, requests.",
      "Credentials come from the environment and the SDKs' standard chains only."
    })
final class PullCommand implements Callable<Integer> {
  @Mixin RunOptions common;

  @Override
  public Integer call() {
    PipelineConfig cfg = common.config();
    Runs.execute(
        cfg,
        "pull",
        List.of(common.asOf()),
        stages -> {
          for (PullResult r : stages.pull(common.asOf())) {
            System.out.printf(
                "%s\t%s\tmode=%s\tdownloaded=%d\tbytes=%d\tunchanged=%d\tremoved=%d\trestated=%d"
                    + "\trequests=%d\tms=%d%n",
                r.source(),
                r.location(),
                r.mode(),
                r.downloaded(),
                r.bytes(),
                r.unchanged(),
                r.removed(),
                r.restated(),
                r.requests(),
                r.millis());
          }
        });
    return 0;
  }
}
