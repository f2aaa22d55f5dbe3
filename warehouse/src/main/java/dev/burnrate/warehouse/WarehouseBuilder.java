package dev.burnrate.warehouse;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.ContractsConfig;
import dev.burnrate.core.config.DataLayout;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.WarehouseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the warehouse from the lake and conf/, tests it and publishes it atomically.
 *
 * <p>The build goes into {@code warehouse/burnrate.duckdb.building-<pid>} beside the live file:
 * load conf and manifests into the {@code src} schema, run the SQL models layer by layer, run the
 * input checks (exit 3, or a logged warning) and the data tests (exit 4), drop the build-only
 * relations (staging, intermediate and the src schema), CHECKPOINT and close, then rename it onto
 * {@code burnrate.duckdb}. Until that rename the live file is never opened, so readers never block
 * the build and a failure or crash leaves the previous warehouse in place.
 */
public final class WarehouseBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(WarehouseBuilder.class);

  private WarehouseBuilder() {}

  /**
   * Builds, tests and publishes the warehouse for one as-of day.
   *
   * @param cfg the pipeline configuration: data_dir, reporting currency, contracts.yaml and
   *     fx-rates.csv beside it
   * @param asOf the business day that pace, run rate and forecast are computed for
   * @return what was published
   * @throws BurnrateException exit 2 for bad configuration (a lake currency without an FX rate), 3
   *     for bad input (unreadable lake or manifests, a contract currency without an FX rate), 4
   *     when a data test fails
   */
  public static BuildResult build(PipelineConfig cfg, LocalDate asOf) {
    Objects.requireNonNull(cfg, "cfg");
    Objects.requireNonNull(asOf, "asOf");
    FxRateCoverage.check(cfg, asOf);
    long start = System.nanoTime();
    ContractsConfig contracts = WarehouseContracts.load(cfg);
    ModelCatalog catalog = ModelCatalog.load();
    DataLayout layout = cfg.layout();
    Path live = layout.warehouseFile();
    try {
      Files.createDirectories(live.getParent());
    } catch (IOException e) {
      throw BurnrateException.config("cannot create " + live.getParent() + ": " + e.getMessage());
    }
    WarehouseFiles.deleteStale(live);
    Path building = WarehouseFiles.buildingFile(live);
    Path spill = WarehouseFiles.spillDirectory(building, cfg.warehouse());
    Path focusSchema = WarehouseFiles.focusSchemaFile(building);
    LOG.info(
        "building {} as of {} (reporting currency {})", building, asOf, cfg.reportingCurrency());
    boolean published = false;
    try {
      int models;
      int tests;
      List<String> warnings;
      long focusRows;
      try (Connection c = openBuilding(building, cfg.warehouse(), spill)) {
        // lake timestamps are UTC wall-clock; a TIMESTAMPTZ file must not shift by the JVM's zone
        Sql.exec(c, "set TimeZone = 'UTC'");
        // row order inside the tables means nothing, and keeping it slows every wide CTAS
        Sql.exec(c, "set preserve_insertion_order = false");
        // one transaction for the whole build: a commit per model, data test and COMMENT wrote
        // and synced the write-ahead log each time, which was most of a small build's time
        c.setAutoCommit(false);
        SourceTables.load(c, cfg, asOf, contracts, Instant.now());
        LakeTables.writeFocusSchemaFile(c, focusSchema);
        Map<String, String> placeholders =
            Map.of(
                "lake_cost_files",
                LakeTables.lakeCostFiles(layout.lakeCost(), focusSchema),
                "lake_replaced_files",
                LakeTables.lakeReplacedFiles(layout.lakeReplaced(), focusSchema),
                "lake_gpu_files",
                GpuLake.files(c, layout.lakeGpu(), focusSchema));
        models = ModelRunner.build(c, catalog, placeholders);
        warnings = InputChecks.run(c, catalog);
        tests = DataTests.run(c, catalog, live);
        focusRows = Sql.count(c, "select count(*) from focus_cost");
        // DuckDB cannot drop a schema in the transaction that wrote its tables
        c.commit();
        ModelRunner.dropBuildOnly(c, catalog);
        ModelRunner.comment(c, catalog);
        c.commit();
        Sql.exec(c, "checkpoint");
      }
      WarehouseFiles.publish(building, live);
      published = true;
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      LOG.info(
          "published {}: {} models, {} data tests passed, {} input warnings, {} focus_cost rows,"
              + " {} ms",
          live,
          models,
          tests,
          warnings.size(),
          focusRows,
          elapsed.toMillis());
      return new BuildResult(live, models, tests, warnings, focusRows, elapsed);
    } catch (SQLException e) {
      throw new BurnrateException(
          ExitCode.FAILURE, "warehouse build failed: " + withMemoryHint(Sql.firstLine(e)), e);
    } catch (IOException e) {
      throw new BurnrateException(
          ExitCode.FAILURE, "cannot publish " + live + ": " + e.getMessage(), e);
    } finally {
      if (!published) {
        WarehouseFiles.deleteBuild(building);
      }
      WarehouseFiles.deleteSpill(spill);
      try {
        Files.deleteIfExists(focusSchema);
        Files.deleteIfExists(GpuLake.schemaFile(focusSchema));
      } catch (IOException e) {
        LOG.warn("cannot delete {}: {}", focusSchema, e.getMessage());
      }
    }
  }

  /** DuckDB's error, and when it ran out of memory, which settings let the build go on. */
  static String withMemoryHint(String message) {
    if (!message.startsWith("Out of Memory Error")) {
      return message;
    }
    return message
        + " (raise pipeline.yaml warehouse.memory_limit, or give warehouse.temp_directory room to"
        + " spill)";
  }

  /**
   * A connection to the new warehouse file, written in the storage format of {@code
   * warehouse.storage_version} so that the DuckDB clients analysts have can open it. DuckDB knows
   * which releases exist: a version it refuses is a configuration error naming the setting. The
   * build keeps within {@code warehouse.memory_limit} (when set) and spills past it into {@code
   * spill}, this build's own folder.
   */
  private static Connection openBuilding(Path building, WarehouseSettings settings, Path spill)
      throws SQLException {
    Properties props = new Properties();
    props.setProperty("storage_compatibility_version", settings.storageVersion());
    try (Connection probe = DriverManager.getConnection("jdbc:duckdb:", props)) {
      LOG.debug("warehouse storage version {}", settings.storageVersion());
    } catch (SQLException e) {
      throw BurnrateException.config(
          "pipeline.yaml warehouse.storage_version '"
              + settings.storageVersion()
              + "' is refused by DuckDB: "
              + Sql.firstLine(e));
    }
    Connection c = DriverManager.getConnection("jdbc:duckdb:" + building, props);
    try {
      Sql.exec(c, "set temp_directory = " + Sql.literal(spill.toString()));
      if (settings.memoryLimit() != null) {
        Sql.exec(c, "set memory_limit = " + Sql.literal(settings.memoryLimit()));
      }
    } catch (SQLException e) {
      c.close();
      throw BurnrateException.config(
          "pipeline.yaml warehouse.memory_limit '"
              + settings.memoryLimit()
              + "' or temp_directory '"
              + spill
              + "' is refused by DuckDB: "
              + Sql.firstLine(e));
    }
    return c;
  }
}
