package dev.burnrate.warehouse;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.PipelineConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Checks before the build that fx-rates.csv converts every currency the lake bills in, from the
 * first day the lake bills in it: a missing rate is a configuration error (exit 2) found in the
 * time it takes DuckDB to read two columns of the lake's cost files, before any model runs and
 * before the build touches the warehouse folder.
 *
 * <p>A rate valid from a day applies to every later day (int_focus_cost_enriched's ASOF join), so a
 * currency is covered when fx-rates.csv has a rate for it valid on or before its first charge day.
 * The reporting currency needs no rate. Rows without a billing currency need none either; the
 * warehouse's data tests deal with them. The fx_rate_missing input check still runs after the
 * models, for the currencies of contracts, which this check does not see.
 */
final class FxRateCoverage {
  private FxRateCoverage() {}

  /**
   * Throws a configuration error (exit 2) naming the currency, its first charge day and
   * fx-rates.csv when a currency of the lake has no rate; the earliest such day first.
   *
   * @throws BurnrateException exit 2 for a missing rate or a malformed fx-rates.csv, 3 when the
   *     lake's cost files cannot be read
   */
  static void check(PipelineConfig cfg, LocalDate asOf) {
    Path lakeCost = cfg.layout().lakeCost();
    if (!LakeTables.hasParquetBelow(lakeCost)) {
      return;
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      // lake timestamps are UTC wall-clock, as in the build
      Sql.exec(c, "set TimeZone = 'UTC'");
      SourceTables.loadParams(c, cfg, asOf, Instant.now());
      FxRatesTable.load(c, cfg.fxRatesFile());
      String missing = firstUncoveredCurrency(c, lakeCost);
      if (missing != null) {
        throw BurnrateException.config(missing);
      }
    } catch (SQLException e) {
      throw BurnrateException.input(lakeCost + ": cannot read the lake: " + Sql.firstLine(e));
    }
  }

  private static String firstUncoveredCurrency(Connection c, Path lakeCost) throws SQLException {
    String files = Sql.literal(lakeCost.resolve("**").resolve("*.parquet").toString());
    String sql =
        "with billed as ("
            + " select BillingCurrency as currency,"
            + " min(cast(ChargePeriodStart as date)) as first_day"
            + " from read_parquet("
            + files
            + ", hive_partitioning = false, union_by_name = true)"
            + " where BillingCurrency is not null"
            + " group by BillingCurrency),"
            + " final as ("
            + " select 'no FX rate for ' || billed.currency || ' on '"
            + " || strftime(billed.first_day, '%Y-%m-%d')"
            + " || ', the first day the lake bills in it (reporting currency '"
            + " || build_params.reporting_currency || '): add a row to '"
            + " || build_params.fx_rates_file || ' with currency ' || billed.currency"
            + " || ' and valid_from on or before that day' as message,"
            + " billed.first_day, billed.currency"
            + " from billed"
            + " cross join src.build_params as build_params"
            + " where billed.currency <> build_params.reporting_currency"
            + " and not exists (select 1 from src.fx_rates"
            + " where fx_rates.currency = billed.currency"
            + " and fx_rates.valid_from <= billed.first_day))"
            + " select message from final order by first_day, currency limit 1";
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
