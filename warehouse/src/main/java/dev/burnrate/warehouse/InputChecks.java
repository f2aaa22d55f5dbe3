package dev.burnrate.warehouse;

import dev.burnrate.core.BurnrateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input checks: problems with the inputs rather than with the models (a missing FX rate). Each
 * check returns a {@code message} per problem; the first message of an error check fails the build
 * with exit 3, while every message of a warning check (severity warn) is logged and returned, and
 * the build goes on.
 */
final class InputChecks {
  private static final Logger LOG = LoggerFactory.getLogger(InputChecks.class);

  private InputChecks() {}

  /** Runs every check; returns the warnings, or throws at the first error. */
  static List<String> run(Connection c, ModelCatalog catalog) {
    List<String> warnings = new ArrayList<>();
    for (TestSpec check : catalog.checks()) {
      String query = Sql.stripTrailingSemicolon(catalog.checkSql(check));
      // an error check needs only its first message; a warning check's messages are few (one per
      // contract at most), and all of them are worth reading
      String limit = check.warns() ? "" : " limit 1";
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("select message from (\n" + query + "\n) as problems" + limit)) {
        while (rs.next()) {
          if (!check.warns()) {
            throw BurnrateException.input(rs.getString(1));
          }
          LOG.warn("{}", rs.getString(1));
          warnings.add(rs.getString(1));
        }
      } catch (SQLException e) {
        throw new IllegalStateException(
            "input check " + check.name() + " cannot run: " + Sql.firstLine(e), e);
      }
    }
    return warnings;
  }
}
