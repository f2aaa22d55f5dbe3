package dev.burnrate.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One in-process run of a command-line entry point ({@code Burnrate.execute}, {@code
 * IngestMain.execute}, {@code BurnrateTools.execute}) with its stdout and stderr captured.
 *
 * @param exitCode what the entry point returned
 * @param out everything it printed to stdout
 * @param err everything it printed to stderr
 */
public record ConsoleRun(int exitCode, String out, String err) {
  /** A command's entry point: arguments in, exit code out. */
  @FunctionalInterface
  public interface EntryPoint {
    int execute(String... args);
  }

  /**
   * Runs {@code entry} with {@code args}, System.out and System.err redirected for the call. One
   * run at a time in the JVM, since the streams are global.
   */
  public static synchronized ConsoleRun of(EntryPoint entry, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = entry.execute(args);
      return new ConsoleRun(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
