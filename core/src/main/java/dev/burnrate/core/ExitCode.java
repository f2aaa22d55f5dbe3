package dev.burnrate.core;

/** The process exit codes that schedulers rely on (DESIGN.md, "The command"). */
public final class ExitCode {
  /** The command did what it was asked. */
  public static final int OK = 0;

  /** An unexpected failure: a bug or an environment problem; the only code worth retrying. */
  public static final int FAILURE = 1;

  /** Bad usage or bad configuration: fix the command line or conf/. */
  public static final int USAGE = 2;

  /** Bad input data: unreadable, unknown schema, quarantine over its threshold, lost cost. */
  public static final int BAD_INPUT = 3;

  /** A warehouse data test failed; the previous warehouse stays in place. */
  public static final int DATA_TEST = 4;

  /** Another run holds the data folder's lock; nothing was done. Retry later, not at once. */
  public static final int LOCKED = 5;

  private ExitCode() {}

  /** The exit code a failure ends a run with: its operator error's, else {@link #FAILURE}. */
  public static int of(Throwable e) {
    BurnrateException b = BurnrateException.find(e);
    return b != null ? b.exitCode() : FAILURE;
  }
}
