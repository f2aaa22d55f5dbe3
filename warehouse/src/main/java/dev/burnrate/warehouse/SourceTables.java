package dev.burnrate.warehouse;

import dev.burnrate.core.config.BillingOptions;
import dev.burnrate.core.config.ContractsConfig;
import dev.burnrate.core.config.GpuHostMap;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.core.config.SourceFormat;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * The runner's inputs, loaded into the {@code src} schema before any model runs: the build
 * parameters and what pipeline.yaml configures (sources, showback tag keys, GPU host maps) here;
 * contracts.yaml (ContractTables), fx-rates.csv (FxRatesTable), the GPU catalogs (GpuCatalogs), the
 * ingest run manifests and the quarantined rows (LakeTables). The lake's cost rows are not copied:
 * stg_focus_cost reads the Parquet files directly.
 */
final class SourceTables {
  private SourceTables() {}

  static void load(
      Connection c, PipelineConfig cfg, LocalDate asOf, ContractsConfig contracts, Instant now)
      throws SQLException {
    loadParams(c, cfg, asOf, now);
    ContractTables.load(c, contracts);
    loadShowbackTagKeys(c, cfg);
    loadGpuHostMaps(c, cfg);
    FxRatesTable.load(c, cfg.fxRatesFile());
    GpuCatalogs.load(c, cfg);
    LakeTables.loadRunManifests(c, cfg.layout().lakeRuns());
    LakeTables.loadQuarantine(c, cfg.layout().lakeQuarantine());
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

  private static void setInteger(PreparedStatement ps, int index, Integer value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setInt(index, value);
    }
  }
}
