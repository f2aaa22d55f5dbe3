package dev.burnrate.pipeline;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
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

  /** What Java's message says of ENOSPC, in an IOException anywhere in the chain. */
  private static final String NO_SPACE = "No space left on device";

  /**
   * A run failed by a full disk, as an operator error (exit 1: free space, then a retry succeeds)
   * with one line; Spark wraps the IOException of a failed write deep in its own exceptions, whose
   * stack traces tell the operator nothing. Empty for any other failure, and for one that already
   * carries an operator error.
   */
  static Optional<BurnrateException> diskFull(Throwable e, Path dataDir) {
    if (BurnrateException.find(e) != null) {
      return Optional.empty();
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException && String.valueOf(t.getMessage()).contains(NO_SPACE)) {
        return Optional.of(
            new BurnrateException(
                ExitCode.FAILURE,
                "no space left on device while writing below "
                    + dataDir
                    + ": free space there and run again (the lake stays as the last good run left"
                    + " it; a publish cut short is completed by the next run)",
                e));
      }
    }
    return Optional.empty();
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
