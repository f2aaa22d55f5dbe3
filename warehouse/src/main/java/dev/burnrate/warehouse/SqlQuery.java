package dev.burnrate.warehouse;

import dev.burnrate.core.BurnrateException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * {@code burnrate sql}: one query against the published warehouse, opened read-only. The query
 * cannot write to the warehouse nor, with external access off, to any other file; a reader never
 * blocks a build, which writes to a different file and renames it into place.
 */
public final class SqlQuery {

  /** How results are printed. */
  public enum Format {
    /** Aligned columns with a header, for people. */
    TABLE,
    /** CSV with a header row and RFC 4180 quoting, one line per row, for programs. */
    CSV
  }

  private SqlQuery() {}

  /**
   * Runs {@code sql} and prints its result.
   *
   * @throws BurnrateException exit 2 when there is no warehouse yet or the query fails (the message
   *     is DuckDB's first line, e.g. a catalog error or a refused write)
   */
  public static void run(Path warehouseFile, String sql, Format format, PrintStream out) {
    if (!Files.isRegularFile(warehouseFile)) {
      throw BurnrateException.config(
          "no warehouse at " + warehouseFile + " yet: run `burnrate warehouse` first");
    }
    Properties props = new Properties();
    props.setProperty("duckdb.read_only", "true");
    try (Connection c =
            DriverManager.getConnection("jdbc:duckdb:" + warehouseFile.toAbsolutePath(), props);
        Statement s = c.createStatement()) {
      s.execute("set TimeZone = 'UTC'");
      s.execute("set enable_external_access = false");
      if (s.execute(sql)) {
        try (ResultSet rs = s.getResultSet()) {
          ResultPrinter.print(rs, format, out);
        }
      }
      out.flush();
    } catch (SQLException e) {
      throw BurnrateException.config(Sql.firstLine(e));
    }
  }
}
