package dev.burnrate.cli;

import dev.burnrate.pipeline.Failures;
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
      "Logs: plain text on stderr; JSON lines with --log-format=json or BURNRATE_LOG_FORMAT=json.",
      "Developer commands demo, generate and bench: bin/burnrate runs them from",
      "testing/burnrate-tools (not part of the product)."
    },
    subcommands = {
      NightlyCommand.class,
      PullCommand.class,
      IngestCommand.class,
      WarehouseCommand.class,
      ReportCommand.class,
      SqlCommand.class,
      RunsCommand.class,
      GcCommand.class,
      RetireCommand.class,
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
  public static void configureLogging(String[] args) {
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
    return commandLine().execute(args);
  }

  /**
   * The {@code burnrate} command line with its exit-code mapping and error handlers; the developer
   * tools (testing/burnrate-tools) add their commands to it.
   */
  public static CommandLine commandLine() {
    return Failures.withExitCodes(new CommandLine(new Burnrate()));
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
