package dev.burnrate.warehouse;

import dev.burnrate.core.BurnrateException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** fx-rates.csv in the {@code src} schema ({@code src.fx_rates}), checked as it is loaded. */
final class FxRatesTable {
  private static final String FX_HEADER = "currency,valid_from,rate_to_reporting";

  private FxRatesTable() {}

  /**
   * fx-rates.csv, read by DuckDB, after src.build_params (the reporting currency's rate must be 1).
   * A malformed file is a configuration error (exit 2); a missing rate is found later, per charge
   * day, by the fx_rate_missing check (exit 3).
   */
  static void load(Connection c, Path file) throws SQLException {
    String columns = "currency varchar, valid_from date, rate_to_reporting decimal(28, 10)";
    if (!Files.isRegularFile(file)) {
      Sql.exec(c, "create table src.fx_rates (" + columns + ")");
      return;
    }
    String header = firstLine(file);
    if (!FX_HEADER.equals(header)) {
      throw BurnrateException.config(
          file + ":1: header is '" + header + "', expected '" + FX_HEADER + "'");
    }
    try {
      Sql.exec(
          c,
          "create table src.fx_rates as select * from read_csv("
              + Sql.literal(file.toString())
              + ", header = true, auto_detect = false, delim = ',', quote = '\"',"
              + " columns = {'currency': 'VARCHAR', 'valid_from': 'DATE',"
              + " 'rate_to_reporting': 'DECIMAL(28,10)'})");
    } catch (SQLException e) {
      throw BurnrateException.config(file + ": " + Sql.firstLine(e));
    }
    String problem =
        firstValue(
            c,
            "select 'currency ''' || coalesce(currency, '') || ''' is not a three-letter ISO code'"
                + " from src.fx_rates where currency is null"
                + " or not regexp_full_match(currency, '[A-Z]{3}')"
                + " union all select currency || ' on ' || coalesce(cast(valid_from as varchar), '?')"
                + " || ': rate_to_reporting must be a positive number'"
                + " from src.fx_rates where valid_from is null or rate_to_reporting is null"
                + " or rate_to_reporting <= 0"
                + " union all select currency || ' has two rates valid from ' || valid_from"
                + " from src.fx_rates group by currency, valid_from having count(*) > 1"
                + " union all select currency || ' is the reporting currency: its rate is 1, not '"
                + " || rate_to_reporting from src.fx_rates"
                + " where currency = (select reporting_currency from src.build_params)"
                + " and rate_to_reporting <> 1");
    if (problem != null) {
      throw BurnrateException.config(file + ": " + problem);
    }
  }

  private static String firstLine(Path file) {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      String line = r.readLine();
      return line == null ? "" : line.replace("\uFEFF", "").strip();
    } catch (IOException e) {
      throw BurnrateException.config(file + ": cannot read: " + e.getMessage());
    }
  }

  private static String firstValue(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
