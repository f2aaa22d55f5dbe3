package dev.burnrate.cli;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.pipeline.GarbageCollection;
import dev.burnrate.pipeline.RunOptions;
import dev.burnrate.pipeline.Runs;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "gc",
    mixinStandardHelpOptions = true,
    description = {
      "Prune superseded material older than the retention: lake/replaced and lake/retired",
      "runs, the quarantine and manifests of runs no live unit needs, old run records (the",
      "newest of each command stays). Never live units, lake/_staging or the warehouse.",
      "Prints what it removed: path, files, bytes."
    })
final class GcCommand implements Callable<Integer> {
  @Mixin RunOptions common;

  @Option(
      names = "--keep-days",
      paramLabel = "N",
      description =
          "Keep what is younger than N days (default: pipeline.yaml retention.keep_days).")
  Integer keepDays;

  @Option(names = "--dry-run", description = "Print what would be removed; remove nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    PipelineConfig cfg = common.config();
    if (keepDays != null && keepDays < 1) {
      throw BurnrateException.config("--keep-days must be 1 or more, not " + keepDays);
    }
    int days = keepDays != null ? keepDays : cfg.retention().keepDays();
    Runs.execute(
        cfg, "gc", List.of(common.asOf()), stages -> print(stages.gc(common.asOf(), days, dryRun)));
    return 0;
  }

  private static void print(GarbageCollection.Result r) {
    String verb = r.dryRun() ? "would remove" : "removed";
    for (GarbageCollection.Removal x : r.removed()) {
      System.out.printf("%s %s (%d files, %d bytes)%n", verb, x.path(), x.files(), x.bytes());
    }
    System.out.printf(
        "%s %d folder(s) or file(s), %d files, %d bytes older than %s%n",
        verb, r.removed().size(), r.files(), r.bytes(), r.cutoff());
  }
}
