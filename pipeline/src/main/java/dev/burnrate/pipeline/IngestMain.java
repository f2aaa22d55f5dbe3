package dev.burnrate.pipeline;

import dev.burnrate.core.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The spark-submit entry point: the same ingest as {@code burnrate ingest} ({@link Runs#ingest}),
 * with its lock, telemetry ingest, freshness check, run record and exit codes, so that a scheduler
 * reads the same codes from a cluster run as from the command.
 */
@Command(
    name = "dev.burnrate.pipeline.IngestMain",
    mixinStandardHelpOptions = true,
    description = {
      "Ingest every billing and telemetry source of pipeline.yaml into the lake (spark-submit).",
      "Exit codes: 0 done; 1 unexpected failure; 2 bad usage or config; 3 bad input data;",
      "5 another run holds the data folder's lock."
    })
public final class IngestMain implements Callable<Integer> {
  @Mixin RunOptions run;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs one command line and returns its exit code. */
  public static int execute(String... args) {
    return Failures.withExitCodes(new CommandLine(new IngestMain())).execute(args);
  }

  @Override
  public Integer call() {
    System.out.println(Runs.ingest(run.config(), run.asOf()));
    return ExitCode.OK;
  }
}
