package dev.burnrate.warehouse;

import dev.burnrate.core.BurnrateException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the data tests against the building warehouse. Every test runs; if any fails, the build
 * stops with exit 4 naming the first failing test and showing up to five of its offending rows.
 */
final class DataTests {
  static final int ROWS_SHOWN = 5;
  private static final Logger LOG = LoggerFactory.getLogger(DataTests.class);

  private DataTests() {}

  /** Runs every test; returns how many ran, or throws when one failed. */
  static int run(Connection c, ModelCatalog catalog, Path liveFile) {
    List<DataTest> tests = DataTest.plan(catalog);
    long start = System.nanoTime();
    String firstFailure = null;
    List<String> failed = new ArrayList<>();
    for (DataTest test : tests) {
      String failure = check(c, test);
      if (failure != null) {
        LOG.error("data test {} failed", test.name());
        failed.add(test.name());
        if (firstFailure == null) {
          firstFailure = failure;
        }
      }
    }
    LOG.info(
        "{} data tests, {} failed, {} ms",
        tests.size(),
        failed.size(),
        (System.nanoTime() - start) / 1_000_000);
    if (firstFailure != null) {
      throw BurnrateException.dataTest(
          firstFailure
              + "\n"
              + failed.size()
              + " of "
              + tests.size()
              + " data tests failed ("
              + String.join(", ", failed)
              + "); the warehouse "
              + liveFile
              + " was left as it was");
    }
    return tests.size();
  }

  /** Null when the test passes, else the failure message with up to five offending rows. */
  static String check(Connection c, DataTest test) {
    String query = Sql.stripTrailingSemicolon(test.sql());
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select * from (\n" + query + "\n) as offending limit " + ROWS_SHOWN)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        StringBuilder row = new StringBuilder("  ");
        for (int i = 1; i <= md.getColumnCount(); i++) {
          if (i > 1) {
            row.append(", ");
          }
          Object value = rs.getObject(i);
          row.append(md.getColumnLabel(i))
              .append('=')
              .append(value == null ? "NULL" : ResultPrinter.render(rs, i));
        }
        rows.add(row.toString());
      }
      if (rows.isEmpty()) {
        return null;
      }
      long total = Sql.count(c, "select count(*) from (\n" + query + "\n) as offending");
      return "data test failed: "
          + test.name()
          + " ("
          + test.description()
          + "): "
          + total
          + " offending row"
          + (total == 1 ? "" : "s")
          + (total > rows.size() ? ", first " + rows.size() : "")
          + ":\n"
          + String.join("\n", rows);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "data test " + test.name() + " cannot run: " + Sql.firstLine(e), e);
    }
  }
}
