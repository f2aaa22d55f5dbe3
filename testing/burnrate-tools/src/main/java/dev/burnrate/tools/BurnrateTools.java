package dev.burnrate.tools;

import dev.burnrate.cli.Burnrate;
import picocli.CommandLine;

/**
 * {@code bin/burnrate demo | generate | bench ...}: the product's {@code burnrate} command with the
 * developer commands added, run from this module so that none of them ships in the product.
 */
public final class BurnrateTools {
  private BurnrateTools() {}

  public static void main(String[] args) {
    Burnrate.configureLogging(args);
    System.exit(execute(args));
  }

  /** Runs one command line and returns its exit code (tests call this). */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cli = Burnrate.commandLine();
    cli.addSubcommand(new DemoCommand());
    cli.addSubcommand(new GenerateCommand());
    cli.addSubcommand(new BenchCommand());
    return cli;
  }
}
