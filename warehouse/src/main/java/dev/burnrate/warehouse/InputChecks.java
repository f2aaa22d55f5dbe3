package dev.burnrate.warehouse;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.warehouse.ModelsFile.TestSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Input checks: problems with the inputs rather than with the models (a missing FX rate). Each
 * check returns a {@code message} per problem; the first fails the build with exit 3.
 */
final class InputChecks {
  private InputChecks() {}

  static void run(Connection c, ModelCatalog catalog) {
    for (TestSpec check : catalog.checks()) {
      String query = Sql.stripTrailingSemicolon(catalog.checkSql(check));
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("select message from (\n" + query + "\n) as problems limit 1")) {
        if (rs.next()) {
          throw BurnrateException.input(rs.getString(1));
        }
      } catch (SQLException e) {
        throw new IllegalStateException(
            "input check " + check.name() + " cannot run: " + Sql.firstLine(e), e);
      }
    }
  }
}
