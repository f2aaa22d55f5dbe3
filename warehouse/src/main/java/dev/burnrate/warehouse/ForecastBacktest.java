package dev.burnrate.warehouse;

import dev.burnrate.core.config.ContractsConfig;
import dev.burnrate.core.config.ContractsConfig.Contract;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.Yaml;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Back-tests fct_commitment_status's forecast on a lake: for every contract of contracts.yaml (its
 * provider, accounts, currency and eligibility rules) one commitment of each of its categories is
 * put on the last {@code PERIOD_DAYS} days of data; the warehouse is built as of {@code horizon}
 * days before that period ends and again as of its last day, and the forecast made then is compared
 * with what actually burned. Builds go to a scratch data_dir whose lake links to the real one; the
 * real warehouse is not touched. {@code burnrate bench forecast} runs it on a generated year.
 */
public final class ForecastBacktest {
  /** The back-test period: 90 days, so a 60-day horizon leaves 30 days of history inside it. */
  public static final int PERIOD_DAYS = 90;

  private ForecastBacktest() {}

  /** One commitment's forecast against the actual burn. */
  public record Result(
      String commitmentId,
      LocalDate periodStart,
      String provider,
      String unit,
      double forecastLow,
      double forecast,
      double forecastHigh,
      double actual) {

    /** (forecast - actual) / actual. */
    public double error() {
      return (forecast - actual) / actual;
    }

    public boolean actualInBand() {
      return actual >= forecastLow && actual <= forecastHigh;
    }
  }

  /** Back-tests the last period of data only: see {@link #run(PipelineConfig, int, int, Path)}. */
  public static List<Result> run(PipelineConfig cfg, int horizonDays, Path scratch) {
    return run(cfg, horizonDays, 1, scratch);
  }

  /**
   * Back-tests {@code periods} consecutive {@value #PERIOD_DAYS}-day periods, the last ending on
   * the last charge day: for each, builds in {@code scratch} as of {@code horizonDays} before its
   * end and as of its last day, and returns one result per back-tested commitment, oldest period
   * first.
   */
  public static List<Result> run(PipelineConfig cfg, int horizonDays, int periods, Path scratch) {
    if (horizonDays < 1 || horizonDays >= PERIOD_DAYS) {
      throw new IllegalArgumentException(
          "horizon must be 1 to " + (PERIOD_DAYS - 1) + " days, not " + horizonDays);
    }
    try {
      Path conf = Files.createDirectories(scratch.resolve("conf"));
      Path data = Files.createDirectories(scratch.resolve("data"));
      Path lake = data.resolve("lake");
      if (!Files.exists(lake)) {
        Files.createSymbolicLink(lake, cfg.layout().lake());
      }
      if (Files.exists(cfg.fxRatesFile())) {
        Files.copy(
            cfg.fxRatesFile(),
            conf.resolve("fx-rates.csv"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      PipelineConfig scratchCfg =
          cfg.toBuilder()
              .confDir(conf)
              .dataDir(data)
              .sources(List.of())
              .mail(null)
              .overlaps(PipelineConfig.Overlaps.NONE)
              .build();
      ContractsConfig contracts = WarehouseContracts.load(cfg);
      LocalDate lastEnd = lastChargeDay(cfg).plusDays(1);
      List<Result> results = new ArrayList<>();
      for (int i = periods - 1; i >= 0; i--) {
        LocalDate periodEnd = lastEnd.minusDays((long) i * PERIOD_DAYS);
        Yaml.mapper()
            .writeValue(
                conf.resolve("contracts.yaml").toFile(),
                backtestContracts(contracts, periodEnd.minusDays(PERIOD_DAYS), periodEnd));
        results.addAll(backtestPeriod(scratchCfg, periodEnd, horizonDays));
      }
      return results;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The forecast made {@code horizonDays} before {@code periodEnd} against the actual burn. */
  private static List<Result> backtestPeriod(
      PipelineConfig scratchCfg, LocalDate periodEnd, int horizonDays) {
    Path file =
        WarehouseBuilder.build(scratchCfg, periodEnd.minusDays(horizonDays + 1L)).warehouseFile();
    Map<String, double[]> forecasts = new LinkedHashMap<>();
    Map<String, String[]> names = new LinkedHashMap<>();
    query(
        file,
        "select commitment_id, provider, unit, forecast_low, forecast_at_period_end,"
            + " forecast_high from fct_commitment_status where forecast_at_period_end is not null"
            + " order by commitment_id",
        rs -> {
          forecasts.put(
              rs.getString(1), new double[] {rs.getDouble(4), rs.getDouble(5), rs.getDouble(6)});
          names.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
        });
    WarehouseBuilder.build(scratchCfg, periodEnd.minusDays(1));
    List<Result> results = new ArrayList<>();
    query(
        file,
        "select commitment_id, burned from fct_commitment_status where burned > 0"
            + " order by commitment_id",
        rs -> {
          double[] f = forecasts.get(rs.getString(1));
          if (f != null) {
            String[] n = names.get(rs.getString(1));
            results.add(
                new Result(
                    rs.getString(1),
                    periodEnd.minusDays(PERIOD_DAYS),
                    n[0],
                    n[1],
                    f[0],
                    f[1],
                    f[2],
                    rs.getDouble(2)));
          }
        });
    return results;
  }

  /** Each contract with one commitment per category and unit on [start, end), minimum 1. */
  static Map<String, Object> backtestContracts(
      ContractsConfig contracts, LocalDate start, LocalDate end) {
    List<Object> out = new ArrayList<>();
    for (Contract c : contracts.contracts()) {
      Map<String, Object> k = new LinkedHashMap<>();
      k.put("contract_id", c.contractId());
      k.put("provider", c.provider());
      k.put("billing_accounts", c.billingAccounts());
      k.put("currency", c.currency());
      k.put("period", Map.of("start", start.toString(), "end", end.toString()));
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("charge_categories", c.eligibility().chargeCategories());
      e.put("include_services", c.eligibility().includeServices());
      e.put("exclude_services", c.eligibility().excludeServices());
      ContractsConfig.Marketplace mp = c.eligibility().marketplace();
      Map<String, Object> marketplace = new LinkedHashMap<>();
      marketplace.put("counts", mp.counts());
      if (mp.share() != null) {
        marketplace.put("share", mp.share());
      }
      // no cap: it is a share of the commitment's amount, and the back-test's amount is a token 1
      e.put("marketplace", marketplace);
      e.put("credits_count", c.eligibility().creditsCount());
      e.put("tax_counts", c.eligibility().taxCounts());
      k.put("eligibility", e);
      List<Object> commitments = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      for (ContractsConfig.Commitment m : c.commitments()) {
        String key = m.category() + "/" + m.unit();
        if (seen.contains(key)) {
          continue;
        }
        seen.add(key);
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("id", c.contractId() + "-backtest-" + m.category().toLowerCase());
        cm.put("category", m.category());
        cm.put("period", Map.of("start", start.toString(), "end", end.toString()));
        cm.put(m.isSpend() ? "amount" : "quantity", 1);
        if (!m.isSpend()) {
          cm.put("unit", m.unit());
        }
        commitments.add(cm);
      }
      k.put("commitments", commitments);
      out.add(k);
    }
    return Map.of("contracts", out);
  }

  /** Prints one line per commitment and the mean absolute percentage error. */
  public static void print(List<Result> results, int horizonDays, PrintStream out) {
    out.printf(
        "forecast made %d days before the end of a %d-day period vs the actual burn%n",
        horizonDays, PERIOD_DAYS);
    out.printf(
        "%-10s %-36s %-13s %16s %16s %16s %16s %8s %s%n",
        "period",
        "commitment",
        "provider",
        "forecast_low",
        "forecast",
        "forecast_high",
        "actual",
        "error",
        "in band");
    double sum = 0;
    int inBand = 0;
    for (Result r : results) {
      out.printf(
          "%-10s %-36s %-13s %16.2f %16.2f %16.2f %16.2f %7.2f%% %s%n",
          r.periodStart(),
          r.commitmentId(),
          r.provider(),
          r.forecastLow(),
          r.forecast(),
          r.forecastHigh(),
          r.actual(),
          100 * r.error(),
          r.actualInBand() ? "yes" : "no");
      sum += Math.abs(r.error());
      inBand += r.actualInBand() ? 1 : 0;
    }
    if (!results.isEmpty()) {
      out.printf(
          "mean absolute percentage error %.2f%%, actual inside the 90%% band %d of %d%n",
          100 * sum / results.size(), inBand, results.size());
    }
  }

  private static LocalDate lastChargeDay(PipelineConfig cfg) {
    Path cost = cfg.layout().lakeCost();
    if (!LakeTables.hasParquetBelow(cost)) {
      throw new IllegalStateException("no cost files below " + cost);
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select max(cast(ChargePeriodStart as date)) from read_parquet("
                    + Sql.literal(cost.resolve("**").resolve("*.parquet").toString())
                    + ", union_by_name = true)")) {
      rs.next();
      return rs.getObject(1, LocalDate.class);
    } catch (SQLException e) {
      throw new IllegalStateException(Sql.firstLine(e), e);
    }
  }

  private interface RowConsumer {
    void accept(ResultSet rs) throws SQLException;
  }

  private static void query(Path file, String sql, RowConsumer rows) {
    Properties props = new Properties();
    props.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file, props);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.accept(rs);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(Sql.firstLine(e), e);
    }
  }
}
