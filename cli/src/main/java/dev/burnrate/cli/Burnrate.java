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
      "4 a warehouse data test failed; 5 another run holds the data folder's lock.",
      "Logs: plain text on stderr; JSON lines with --log-format=json or BURNRATE_LOG_FORMAT=json."
    },
    subcommands = {
      DemoCommand.class,
      NightlyCommand.class,
      PullCommand.class,
      IngestCommand.class,
      WarehouseCommand.class,
      ReportCommand.class,
      SqlCommand.class,
      GenerateCommand.class,
      BenchTelemetryCommand.class,
      BenchCommand.class,
      RunsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Burnrate implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  @CommandLine.Option(
      names = "--log-format",
      scope = CommandLine.ScopeType.INHERIT,
      paramLabel = "text|json",
      description = "Log lines on stderr as plain text (default) or JSON lines.")
  String logFormat;

  public static void main(String[] args) {
    configureLogging(args);
    System.exit(execute(args));
  }

  /** Chooses the log layout before the first logger exists (the option is parsed later). */
  static void configureLogging(String[] args) {
    String format = System.getenv().getOrDefault("BURNRATE_LOG_FORMAT", "text");
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--log-format=")) {
        format = args[i].substring("--log-format=".length());
      } else if (args[i].equals("--log-format") && i + 1 < args.length) {
        format = args[i + 1];
      }
    }
    if (format.equals("json") && System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "log4j2-json.xml");
    }
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
