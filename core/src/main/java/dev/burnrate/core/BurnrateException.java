package dev.burnrate.core;

/**
 * A failure the operator can act on. The launcher prints {@link #getMessage()} as one line, without
 * a stack trace, and exits with {@link #exitCode()}.
 */
public class BurnrateException extends RuntimeException {
  private final int exitCode;

  public BurnrateException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public BurnrateException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** Bad usage or configuration (exit 2). */
  public static BurnrateException config(String message) {
    return new BurnrateException(ExitCode.USAGE, message);
  }

  /** Bad input data (exit 3). */
  public static BurnrateException input(String message) {
    return new BurnrateException(ExitCode.BAD_INPUT, message);
  }

  /** A failed warehouse data test (exit 4). */
  public static BurnrateException dataTest(String message) {
    return new BurnrateException(ExitCode.DATA_TEST, message);
  }

  /**
   * The operator error in a chain of causes (Spark wraps exceptions thrown inside jobs, so it may
   * sit deep in the chain), or null when there is none: then the failure is a bug or an environment
   * problem.
   */
  public static BurnrateException find(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BurnrateException b) {
        return b;
      }
    }
    return null;
  }
}
