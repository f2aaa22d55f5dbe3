package dev.burnrate.warehouse;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Source freshness straight from the lake, before any warehouse is built: evaluates the model
 * {@code int_source_freshness} (and the staging views it reads) in an in-memory DuckDB, so the
 * ingest stage judges lateness by exactly the rule the warehouse's {@code rpt_data_quality} and the
 * PDF show.
 */
public final class SourceFreshness {
  static final String MODEL = "int_source_freshness";

  private SourceFreshness() {}

  /**
   * One configured source's freshness.
   *
   * @param source the source name
   * @param format its export format key
   * @param newestDataEnd end of its newest data in the lake (UTC), or null when it has none
   * @param hoursLate whole hours from newestDataEnd to the end of the as-of day (at least 0), or
   *     null when it has no data
   * @param warnAfterHours its warn threshold, or null
   * @param errorAfterHours its error threshold, or null
   * @param retiredBySource the newer source of the same provider that carries on every billing
   *     account of this one, or null
   * @param status ok, late, error, unknown (no thresholds declared) or retired (retiredBySource)
   */
  public record Result(
      String source,
      String format,
      LocalDateTime newestDataEnd,
      Integer hoursLate,
      Integer warnAfterHours,
      Integer errorAfterHours,
      String retiredBySource,
      String status) {}

  /**
   * Every configured source's freshness as of the end of {@code asOf}, in pipeline.yaml order.
   *
   * @throws BurnrateException exit 3 when the lake cannot be read
   */
  public static List<Result> evaluate(PipelineConfig cfg, LocalDate asOf) {
    Objects.requireNonNull(cfg, "cfg");
    Objects.requireNonNull(asOf, "asOf");
    ModelCatalog catalog = ModelCatalog.load();
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("burnrate-freshness");
      Path focusSchema = scratch.resolve("focus-schema.parquet");
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
        Sql.exec(c, "set TimeZone = 'UTC'");
        SourceTables.loadParams(c, cfg, asOf, Instant.now());
        LakeTables.writeFocusSchemaFile(c, focusSchema);
        Map<String, String> placeholders =
            Map.of(
                "lake_cost_files",
                LakeTables.lakeCostFiles(cfg.layout().lakeCost(), focusSchema),
                "lake_gpu_files",
                GpuLake.files(c, cfg.layout().lakeGpu(), focusSchema));
        ModelRunner.buildWithDependencies(c, catalog, MODEL, placeholders);
        return read(c);
      }
    } catch (SQLException e) {
      throw BurnrateException.input(
          "cannot read the lake for source freshness: " + Sql.firstLine(e));
    } catch (IOException e) {
      throw new BurnrateException(
          ExitCode.FAILURE, "cannot create a scratch folder: " + e.getMessage(), e);
    } finally {
      deleteQuietly(scratch);
    }
  }

  private static List<Result> read(Connection c) throws SQLException {
    List<Result> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select source, format, newest_data_end, hours_late, warn_after_hours,"
                    + " error_after_hours, retired_by_source, freshness_status from "
                    + MODEL
                    + " order by source_order")) {
      while (rs.next()) {
        out.add(
            new Result(
                rs.getString(1),
                rs.getString(2),
                rs.getObject(3, LocalDateTime.class),
                (Integer) rs.getObject(4),
                (Integer) rs.getObject(5),
                (Integer) rs.getObject(6),
                rs.getString(7),
                rs.getString(8)));
      }
    }
    return out;
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try {
      FileTrees.delete(dir);
    } catch (IOException e) {
      // a leftover scratch folder under the temp dir is harmless
    }
  }
}
