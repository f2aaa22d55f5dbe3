package dev.burnrate.warehouse;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.io.FileTrees;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code burnrate sql}: one statement against the published warehouse, opened read-only.
 *
 * <ul>
 *   <li>The statement cannot write to the warehouse nor, with external access off, to any other
 *       file; a reader never blocks a build, which writes to a different file and renames it into
 *       place.
 *   <li>The connection's configuration is locked before the statement runs, so it cannot turn
 *       external access back on or raise the memory limit.
 *   <li>A string holding several statements is refused before anything runs.
 *   <li>A statement running longer than its timeout is interrupted.
 *   <li>DuckDB spills to a fresh private folder below {@code java.io.tmpdir}, deleted afterwards,
 *       never next to the warehouse file.
 *   <li>Control characters in values, column names and DuckDB's messages are printed escaped
 *       ({@link ControlCharacters}).
 * </ul>
 */
public final class SqlQuery {
  /** {@code --timeout}'s default, in seconds. */
  public static final int DEFAULT_TIMEOUT_SECONDS = 300;

  private static final Logger LOG = LoggerFactory.getLogger(SqlQuery.class);

  /** How results are printed. */
  public enum Format {
    /** Aligned columns with a header, for people. */
    TABLE,
    /** CSV with a header row and RFC 4180 quoting, one line per row, for programs. */
    CSV
  }

  private SqlQuery() {}

  /** {@link #run(Path, String, Format, int, PrintStream)} with the default timeout. */
  public static void run(Path warehouseFile, String sql, Format format, PrintStream out) {
    run(warehouseFile, sql, format, DEFAULT_TIMEOUT_SECONDS, out);
  }

  /**
   * Runs the one statement in {@code sql} and prints its result.
   *
   * @param timeoutSeconds how long the statement may run; 0 for no limit
   * @throws BurnrateException exit 2 when there is no warehouse yet, the text holds more than one
   *     statement, the statement fails (the message is DuckDB's first line, e.g. a catalog error, a
   *     refused write or a locked setting) or it ran past the timeout
   */
  public static void run(
      Path warehouseFile, String sql, Format format, int timeoutSeconds, PrintStream out) {
    if (timeoutSeconds < 0) {
      throw BurnrateException.config("--timeout must be 0 (no limit) or more seconds");
    }
    if (!Files.isRegularFile(warehouseFile)) {
      throw BurnrateException.config(
          "no warehouse at " + warehouseFile + " yet: run `burnrate warehouse` first");
    }
    SingleStatement.require(sql);
    Path spill = createSpillFolder();
    try {
      query(warehouseFile, sql, format, timeoutSeconds, spill, out);
    } finally {
      delete(spill);
    }
  }

  private static void query(
      Path warehouseFile,
      String sql,
      Format format,
      int timeoutSeconds,
      Path spill,
      PrintStream out) {
    Properties props = new Properties();
    props.setProperty("duckdb.read_only", "true");
    // set at open: once external access is off, DuckDB refuses to change temp_directory
    props.setProperty("temp_directory", spill.toString());
    try (Connection c =
            DriverManager.getConnection("jdbc:duckdb:" + warehouseFile.toAbsolutePath(), props);
        Statement s = c.createStatement()) {
      s.execute("set TimeZone = 'UTC'");
      s.execute("set enable_external_access = false");
      s.execute("set lock_configuration = true");
      s.setQueryTimeout(timeoutSeconds);
      if (s.execute(sql)) {
        try (ResultSet rs = s.getResultSet()) {
          ResultPrinter.print(rs, format, out);
        }
      }
      out.flush();
    } catch (SQLTimeoutException e) {
      throw BurnrateException.config(
          "the query ran longer than "
              + timeoutSeconds
              + " seconds and was stopped: narrow it, or raise --timeout (0: no limit)");
    } catch (SQLException e) {
      throw BurnrateException.config(ControlCharacters.escape(Sql.firstLine(e)));
    }
  }

  private static Path createSpillFolder() {
    try {
      // owner-only (0700 on POSIX): what DuckDB spills is warehouse data
      return Files.createTempDirectory("burnrate-sql-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the query", e);
    }
  }

  /** Best effort: a folder left in java.io.tmpdir must not hide the query's own outcome. */
  private static void delete(Path folder) {
    try {
      FileTrees.delete(folder);
    } catch (IOException e) {
      LOG.warn("cannot delete the query's temporary folder {}: {}", folder, e.getMessage());
    }
  }
}
