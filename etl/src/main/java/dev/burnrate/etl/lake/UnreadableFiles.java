package dev.burnrate.etl.lake;

import dev.burnrate.core.BurnrateException;
import java.io.EOFException;
import java.net.URI;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkThrowable;

/**
 * Spark's failures to read a source file, turned into input errors (exit 3) that name the file: a
 * compressed file cut short, or a file that is not what its name says (a {@code .gz} that is not
 * gzip, a {@code .parquet} without a footer). Spark reports them with the error condition {@code
 * FAILED_READ_FILE}, whose {@code path} parameter is the file; the cause chain says what went
 * wrong: an {@link EOFException} is a truncated file, anything else a corrupt one.
 */
public final class UnreadableFiles {
  private static final String FAILED_READ_FILE = "FAILED_READ_FILE";

  private UnreadableFiles() {}

  /** Runs a source's work; a failure to read one of its files becomes an input error naming it. */
  public static void named(List<SourceFiles.InputFile> files, Runnable work) {
    try {
      work.run();
    } catch (BurnrateException e) {
      throw e;
    } catch (Exception e) { // SparkException is checked in Java but thrown by Scala code
      BurnrateException input = of(e, files);
      if (input != null) {
        throw input;
      }
      throw UnreadableFiles.<RuntimeException>sneaky(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Exception> T sneaky(Exception e) throws T {
    throw (T) e;
  }

  /**
   * The input error for a failure to read one of {@code files}, or null when the failure is not
   * about reading one of them.
   */
  static BurnrateException of(Throwable failure, List<SourceFiles.InputFile> files) {
    String path = null;
    boolean truncated = false;
    Throwable root = failure;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (path == null && t instanceof SparkThrowable s && isFailedRead(s.getCondition())) {
        path = s.getMessageParameters().get("path");
      }
      truncated |= t instanceof EOFException;
      root = t;
    }
    if (path == null) {
      return null;
    }
    String file = clean(path);
    if (files.stream().noneMatch(f -> SourceFiles.clean(f.path()).equals(file))) {
      return null;
    }
    String reason = truncated ? "the compressed file is truncated" : "the file is corrupt";
    return BurnrateException.input(
        file
            + ": cannot read: "
            + reason
            + " ("
            + root.getClass().getSimpleName()
            + ": "
            + root.getMessage()
            + ")");
  }

  private static boolean isFailedRead(String condition) {
    return condition != null
        && (condition.equals(FAILED_READ_FILE) || condition.startsWith(FAILED_READ_FILE + "."));
  }

  /** Spark's path (a URI, escaped) as {@link SourceFiles#clean} writes the file's path. */
  private static String clean(String sparkPath) {
    try {
      return SourceFiles.clean(new Path(URI.create(sparkPath)).toString());
    } catch (IllegalArgumentException notEscaped) {
      return SourceFiles.clean(sparkPath);
    }
  }
}
