package dev.burnrate.cli;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code burnrate} command: the interface scripts, schedulers and people rely on. */
@Command(
    name = "burnrate",
    mixinStandardHelpOptions = true,
    versionProvider = Burnrate.Version.class,
    description = {
      "Multi-cloud GPU spend against contract commitments: ingest billing exports and GPU",
      "telemetry (Spark), build the SQL warehouse (DuckDB), render the executive PDF (Jasper).",
      "",
      "Exit codes: 0 done; 1 unexpected failure; 2 bad usage or config; 3 bad input data;",
      "4 a warehouse data test failed."
    },
    subcommands = {
      DemoCommand.class,
      NightlyCommand.class,
      IngestCommand.class,
      WarehouseCommand.class,
      ReportCommand.class,
      SqlCommand.class,
      GenerateCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Burnrate implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs one command line and returns its exit code (tests call this). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Burnrate());
    cli.setExitCodeExceptionMapper(Burnrate::exitCodeOf);
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          report(e, cmd.getErr());
          return exitCodeOf(e);
        });
    cli.setParameterExceptionHandler(
        (e, args1) -> {
          PrintWriter err = e.getCommandLine().getErr();
          err.println("burnrate: " + e.getMessage());
          err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return ExitCode.USAGE;
        });
    return cli.execute(args);
  }

  static int exitCodeOf(Throwable e) {
    BurnrateException b = find(e);
    return b != null ? b.exitCode() : ExitCode.FAILURE;
  }

  /** Operator errors are one line; anything else is a bug and gets its stack trace. */
  static void report(Throwable e, PrintWriter err) {
    BurnrateException b = find(e);
    if (b != null) {
      err.println("burnrate: " + b.getMessage());
    } else {
      err.println("burnrate: unexpected failure: " + e);
      e.printStackTrace(err);
    }
    err.flush();
  }

  /** Spark wraps exceptions thrown inside jobs; the operator error may sit deep in the chain. */
  static BurnrateException find(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BurnrateException b) {
        return b;
      }
    }
    return null;
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Burnrate.class.getPackage().getImplementationVersion();
      return new String[] {"burnrate " + (v == null ? "(development build)" : v)};
    }
  }
}
