package dev.burnrate.pipeline;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import java.io.PrintWriter;
import picocli.CommandLine;

/** How a failed run tells the operator why, on every entry point. */
public final class Failures {
  private Failures() {}

  /**
   * Gives a command line burnrate's exit codes ({@link ExitCode#of}) and one-line errors: a bad
   * option is a usage error (2) that points to {@code --help}.
   */
  public static CommandLine withExitCodes(CommandLine cli) {
    cli.setExitCodeExceptionMapper(ExitCode::of);
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          report(e, cmd.getErr());
          return ExitCode.of(e);
        });
    cli.setParameterExceptionHandler(
        (e, args) -> {
          PrintWriter err = e.getCommandLine().getErr();
          err.println("burnrate: " + e.getMessage());
          err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return ExitCode.USAGE;
        });
    return cli;
  }

  /** Operator errors are one line; anything else is a bug and gets its stack trace. */
  public static void report(Throwable e, PrintWriter err) {
    BurnrateException b = BurnrateException.find(e);
    if (b != null) {
      err.println("burnrate: " + b.getMessage());
    } else {
      err.println("burnrate: unexpected failure: " + e);
      e.printStackTrace(err);
    }
    err.flush();
  }
}
