package dev.burnrate.warehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.BillingOptions;
import dev.burnrate.core.config.ContractsConfig;
import dev.burnrate.core.config.ContractsConfig.Commitment;
import dev.burnrate.core.config.ContractsConfig.Contract;
import dev.burnrate.core.config.GpuHostMap;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.core.config.SourceFormat;
import dev.burnrate.core.focus.FocusColumns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The runner's inputs, loaded into the {@code src} schema before any model runs: the build
 * parameters, pipeline.yaml's sources, contracts.yaml, fx-rates.csv, the GPU catalogs
 * (GpuCatalogs), the ingest run manifests and the quarantined rows. The lake's cost rows are not
 * copied: stg_focus_cost reads the Parquet files directly.
 */
final class SourceTables {
  static final String FX_HEADER = "currency,valid_from,rate_to_reporting";

  private static final String MANIFEST_INPUT_TYPE =
      "STRUCT(source VARCHAR, format VARCHAR, detected VARCHAR, file VARCHAR, sha256 VARCHAR,"
          + " bytes BIGINT, rows_in BIGINT, rows_written BIGINT, rows_quarantined BIGINT,"
          + " rows_superseded BIGINT, rows_ignored BIGINT, rows_ignored_no_gpu BIGINT,"
          + " cost STRUCT(currency VARCHAR, cost_in VARCHAR,"
          + " cost_written VARCHAR, cost_quarantined VARCHAR, cost_superseded VARCHAR)[])[]";

  private static final String MANIFEST_UNIT_TYPE =
      "STRUCT(source VARCHAR, provider VARCHAR, billing_account VARCHAR, billing_period VARCHAR,"
          + " action VARCHAR, rows BIGINT, previous_run_id VARCHAR)[]";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SourceTables() {}

  static void load(
      Connection c, PipelineConfig cfg, LocalDate asOf, ContractsConfig contracts, Instant now)
      throws SQLException {
    loadParams(c, cfg, asOf, now);
    loadContracts(c, contracts);
    loadShowbackTagKeys(c, cfg);
    loadGpuHostMaps(c, cfg);
    loadFxRates(c, cfg);
    GpuCatalogs.load(c, cfg);
    loadRunManifests(c, cfg.layout().lakeRuns());
    loadQuarantine(c, cfg.layout().lakeQuarantine());
  }

  /**
   * Creates the {@code src} schema with what source freshness needs (int_source_freshness): the
   * build parameters and pipeline.yaml's sources.
   */
  static void loadParams(Connection c, PipelineConfig cfg, LocalDate asOf, Instant now)
      throws SQLException {
    Sql.exec(c, "create schema src");
    loadBuildParams(c, cfg, asOf, now);
    loadPipelineSources(c, cfg);
  }

  private static void loadBuildParams(Connection c, PipelineConfig cfg, LocalDate asOf, Instant now)
      throws SQLException {
    Sql.exec(
        c,
        "create table src.build_params (as_of_date date, reporting_currency varchar,"
            + " built_at timestamp, fx_rates_file varchar, anomaly_min_deviation decimal(38, 10))");
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into src.build_params values (cast(? as date), ?, cast(? as timestamp), ?, ?)")) {
      ps.setString(1, asOf.toString());
      ps.setString(2, cfg.reportingCurrency());
      ps.setString(3, now.atOffset(ZoneOffset.UTC).toLocalDateTime().toString());
      ps.setString(4, cfg.fxRatesFile().toString());
      ps.setBigDecimal(5, cfg.anomalies().minDeviation());
      ps.executeUpdate();
    }
  }

  /**
   * pipeline.yaml's sources in their configured order, with their freshness thresholds, their Azure
   * cost basis and their place in {@code overlaps.prefer} (null when not named).
   */
  private static void loadPipelineSources(Connection c, PipelineConfig cfg) throws SQLException {
    Sql.exec(
        c,
        "create table src.pipeline_sources (source_name varchar, format varchar, kind varchar,"
            + " source_order integer, warn_after_hours integer, error_after_hours integer,"
            + " cost_basis varchar, overlap_preference integer)");
    List<String> prefer = cfg.overlaps().prefer();
    try (PreparedStatement ps =
        c.prepareStatement("insert into src.pipeline_sources values (?, ?, ?, ?, ?, ?, ?, ?)")) {
      int order = 1;
      for (SourceConfig s : cfg.sources()) {
        ps.setString(1, s.name());
        ps.setString(2, s.format());
        ps.setString(3, s.sourceFormat().kind().name().toLowerCase(Locale.ROOT));
        ps.setInt(4, order++);
        setInteger(ps, 5, s.freshness() == null ? null : s.freshness().warnAfterHours());
        setInteger(ps, 6, s.freshness() == null ? null : s.freshness().errorAfterHours());
        ps.setString(7, s.costBasis().map(BillingOptions.CostBasis::key).orElse(null));
        setInteger(ps, 8, prefer.contains(s.name()) ? prefer.indexOf(s.name()) + 1 : null);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void loadShowbackTagKeys(Connection c, PipelineConfig cfg) throws SQLException {
    Sql.exec(c, "create table src.showback_tag_keys (tag_key varchar, key_order integer)");
    try (PreparedStatement ps =
        c.prepareStatement("insert into src.showback_tag_keys values (?, ?)")) {
      int order = 1;
      for (String key : cfg.showbackTagKeys()) {
        ps.setString(1, key);
        ps.setInt(2, order++);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void loadContracts(Connection c, ContractsConfig contracts) throws SQLException {
    Sql.exec(
        c,
        "create table src.contracts (contract_id varchar, provider varchar,"
            + " provider_aliases varchar[], billing_accounts varchar[], currency varchar, contract_period_start date,"
            + " contract_period_end date, total_amount decimal(38, 10),"
            + " discount_pct decimal(38, 10), description varchar, charge_categories varchar[],"
            + " include_services varchar[], exclude_services varchar[],"
            + " marketplace_counts varchar, marketplace_share decimal(38, 10),"
            + " marketplace_cap_share decimal(38, 10), credits_count boolean, tax_counts boolean)");
    Sql.exec(
        c,
        "create table src.contract_commitments (contract_id varchar, commitment_id varchar,"
            + " category varchar, period_start date, period_end date, amount decimal(38, 10),"
            + " quantity decimal(38, 10), unit varchar, description varchar, rate decimal(38, 10))");
    Sql.exec(
        c,
        "create table src.commitment_ramp (commitment_id varchar, ramp_date date,"
            + " share decimal(38, 10))");
    String list = "from_json(cast(? as varchar), '[\"VARCHAR\"]')";
    try (PreparedStatement contract =
            c.prepareStatement(
                "insert into src.contracts values (?, ?, "
                    + list
                    + ", "
                    + list
                    + ", ?, cast(? as date), cast(? as date), ?, ?, ?, "
                    + list
                    + ", "
                    + list
                    + ", "
                    + list
                    + ", ?, ?, ?, ?, ?)");
        PreparedStatement commitment =
            c.prepareStatement(
                "insert into src.contract_commitments values"
                    + " (?, ?, ?, cast(? as date), cast(? as date), ?, ?, ?, ?, ?)");
        PreparedStatement ramp =
            c.prepareStatement("insert into src.commitment_ramp values (?, cast(? as date), ?)")) {
      for (Contract k : contracts.contracts()) {
        contract.setString(1, k.contractId());
        contract.setString(2, k.provider());
        contract.setString(3, json(k.providerAliases()));
        contract.setString(4, json(k.billingAccounts()));
        contract.setString(5, k.currency());
        contract.setString(6, k.period().start().toString());
        contract.setString(7, k.period().end().toString());
        setDecimal(contract, 8, k.total());
        setDecimal(contract, 9, k.discountPct());
        contract.setString(10, k.description());
        contract.setString(11, json(k.eligibility().chargeCategories()));
        contract.setString(12, json(k.eligibility().includeServices()));
        contract.setString(13, json(k.eligibility().excludeServices()));
        contract.setString(14, k.eligibility().marketplace().counts());
        setDecimal(contract, 15, k.eligibility().marketplace().share());
        setDecimal(contract, 16, k.eligibility().marketplace().capShareOfCommitment());
        contract.setBoolean(17, k.eligibility().creditsCount());
        contract.setBoolean(18, k.eligibility().taxCounts());
        contract.addBatch();
        for (Commitment m : k.commitments()) {
          commitment.setString(1, k.contractId());
          commitment.setString(2, m.id());
          commitment.setString(3, m.category());
          commitment.setString(4, m.period().start().toString());
          commitment.setString(5, m.period().end().toString());
          setDecimal(commitment, 6, m.amount());
          setDecimal(commitment, 7, m.quantity());
          commitment.setString(8, m.unit());
          commitment.setString(9, m.description());
          setDecimal(commitment, 10, k.usageRate(m));
          commitment.addBatch();
          for (ContractsConfig.RampPoint p : m.ramp()) {
            ramp.setString(1, m.id());
            ramp.setString(2, p.date().toString());
            ramp.setBigDecimal(3, p.share());
            ramp.addBatch();
          }
        }
      }
      contract.executeBatch();
      commitment.executeBatch();
      ramp.executeBatch();
    }
  }

  /**
   * The telemetry sources' host maps ({@code options.host_map}, GpuHostMap): which instance a host
   * name stands for, per source. Read on every build, so an edited map applies without re-ingest.
   */
  private static void loadGpuHostMaps(Connection c, PipelineConfig cfg) throws SQLException {
    Sql.exec(
        c,
        "create table src.gpu_host_map (source_name varchar, hostname varchar,"
            + " instance_id varchar, map_file varchar)");
    try (PreparedStatement ps =
        c.prepareStatement("insert into src.gpu_host_map values (?, ?, ?, ?)")) {
      for (SourceConfig s : cfg.sourcesOf(SourceFormat.Kind.TELEMETRY)) {
        for (Path file : GpuHostMap.file(cfg.confDir(), s).stream().toList()) {
          for (GpuHostMap.Entry e : GpuHostMap.read(file, s.name())) {
            ps.setString(1, s.name());
            ps.setString(2, e.hostname());
            ps.setString(3, e.instanceId());
            ps.setString(4, file.toString());
            ps.addBatch();
          }
        }
      }
      ps.executeBatch();
    }
  }

  /**
   * fx-rates.csv, read by DuckDB. A malformed file is a configuration error (exit 2); a missing
   * rate is found later, per charge day, by the fx_rate_missing check (exit 3).
   */
  private static void loadFxRates(Connection c, PipelineConfig cfg) throws SQLException {
    Path file = cfg.fxRatesFile();
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

  /**
   * The run manifests in lake/_runs (absent before the first ingest). A manifest DuckDB cannot read
   * is bad input (exit 3).
   */
  private static void loadRunManifests(Connection c, Path runsDir) throws SQLException {
    Sql.exec(
        c,
        "create table src.ingest_run_manifests (run_id varchar, started_at varchar,"
            + " finished_at varchar, as_of varchar, status varchar, kind varchar, inputs "
            + MANIFEST_INPUT_TYPE
            + ", units "
            + MANIFEST_UNIT_TYPE
            + ", manifest_file varchar)");
    if (!hasFile(runsDir, "*.json")) {
      return;
    }
    String glob = runsDir.resolve("*.json").toString();
    try {
      Sql.exec(
          c,
          "insert into src.ingest_run_manifests select run_id, started_at, finished_at, as_of,"
              + " status, kind, inputs, units, filename from read_json("
              + Sql.literal(glob)
              + ", format = 'auto', filename = true, columns = {run_id: 'VARCHAR',"
              + " started_at: 'VARCHAR', finished_at: 'VARCHAR', as_of: 'VARCHAR',"
              + " status: 'VARCHAR', kind: 'VARCHAR', inputs: '"
              + MANIFEST_INPUT_TYPE
              + "', units: '"
              + MANIFEST_UNIT_TYPE
              + "'})");
    } catch (SQLException e) {
      throw BurnrateException.input(
          runsDir + ": cannot read the run manifests: " + Sql.firstLine(e));
    }
  }

  /**
   * The rows the ingest runs rejected, lake/quarantine/run=ID/source=NAME/*.parquet
   * (docs/architecture.md), with the file each came from. Copied rather than read through a view:
   * the quarantine is small, and the published warehouse must hold it, since {@code burnrate sql}
   * cannot read the lake. An unreadable file is bad input (exit 3).
   */
  private static void loadQuarantine(Connection c, Path quarantineDir) throws SQLException {
    Sql.exec(
        c,
        "create table src.quarantine_rows (x_SourceName varchar, x_SourceFile varchar,"
            + " x_SourceLine bigint, column_name varchar, reason varchar, raw varchar,"
            + " BilledCost decimal(28, 10), BillingCurrency varchar, quarantine_file varchar)");
    if (!hasParquetBelow(quarantineDir)) {
      return;
    }
    String glob = quarantineDir.resolve("**").resolve("*.parquet").toString();
    try {
      Sql.exec(
          c,
          "insert into src.quarantine_rows select x_SourceName, x_SourceFile, x_SourceLine,"
              + " column_name, reason, raw, BilledCost, BillingCurrency, filename from"
              + " read_parquet("
              + Sql.literal(glob)
              + ", hive_partitioning = false, union_by_name = true, filename = true)");
    } catch (SQLException e) {
      throw BurnrateException.input(
          quarantineDir + ": cannot read the quarantine: " + Sql.firstLine(e));
    }
  }

  /**
   * Writes a Parquet file with no rows and exactly the FocusColumns schema, so stg_focus_cost has
   * every column with its type even when the lake has no cost files yet.
   */
  static void writeFocusSchemaFile(Connection c, Path file) throws SQLException {
    String columns =
        FocusColumns.ALL.stream()
            .map(col -> "cast(null as " + col.type().duckdbType() + ") as " + Sql.ident(col.name()))
            .collect(Collectors.joining(", "));
    Sql.exec(
        c,
        "copy (select "
            + columns
            + " limit 0) to "
            + Sql.literal(file.toString())
            + " (format parquet)");
  }

  /** The {{lake_cost_files}} list: the schema file, then the lake's cost files if it has any. */
  static String lakeCostFiles(Path lakeCost, Path focusSchemaFile) {
    String list = Sql.literal(focusSchemaFile.toString());
    if (hasParquetBelow(lakeCost)) {
      list += ", " + Sql.literal(lakeCost.resolve("**").resolve("*.parquet").toString());
    }
    return "[" + list + "]";
  }

  /**
   * The {{lake_replaced_files}} list: the schema file, then lake/replaced's Parquet files (earlier
   * versions of restated units) if there are any.
   */
  static String lakeReplacedFiles(Path lakeReplaced, Path focusSchemaFile) {
    return lakeCostFiles(lakeReplaced, focusSchemaFile);
  }

  static boolean hasParquetBelow(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(p -> p.toString().endsWith(".parquet") && Files.isRegularFile(p));
    } catch (IOException e) {
      throw BurnrateException.input(dir + ": cannot list the lake: " + e.getMessage());
    }
  }

  private static boolean hasFile(Path dir, String glob) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
      return files.iterator().hasNext();
    } catch (IOException e) {
      throw BurnrateException.input(dir + ": cannot list: " + e.getMessage());
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

  private static void setInteger(PreparedStatement ps, int index, Integer value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setInt(index, value);
    }
  }

  private static void setDecimal(PreparedStatement ps, int index, BigDecimal value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.DECIMAL);
    } else {
      ps.setBigDecimal(index, value);
    }
  }

  private static String json(List<String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
