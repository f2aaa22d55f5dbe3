package dev.burnrate.warehouse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What stg_gpu_hourly reads: lake/gpu's Parquet files (docs/architecture.md, Seam 1), after a
 * zero-row file that gives every column its type, as stg_focus_cost reads lake/cost.
 */
final class GpuLake {
  /** lake/gpu's columns and their DuckDB types, as the telemetry ingest writes them. */
  static final Map<String, String> COLUMNS = new LinkedHashMap<>();

  static {
    COLUMNS.put("x_SourceName", "varchar");
    COLUMNS.put("x_SourceFormat", "varchar");
    COLUMNS.put("hour", "timestamp");
    COLUMNS.put("gpu_uuid", "varchar");
    COLUMNS.put("gpu_index", "integer");
    COLUMNS.put("hostname", "varchar");
    COLUMNS.put("instance_id", "varchar");
    COLUMNS.put("provider", "varchar");
    COLUMNS.put("gpu_model", "varchar");
    COLUMNS.put("gpu_model_name", "varchar");
    COLUMNS.put("mig_enabled", "boolean");
    COLUMNS.put("k8s_namespace", "varchar");
    COLUMNS.put("k8s_pod", "varchar");
    COLUMNS.put("bill_match", "varchar");
    COLUMNS.put("sample_count", "bigint");
    COLUMNS.put("sample_interval_s", "double");
    COLUMNS.put("sample_coverage", "double");
    COLUMNS.put("active_ratio", "double");
    COLUMNS.put("active_source", "varchar");
    COLUMNS.put("tensor_active_ratio", "double");
    COLUMNS.put("memory_used_mib", "double");
    COLUMNS.put("memory_used_max_mib", "double");
    COLUMNS.put("power_avg_w", "double");
    COLUMNS.put("energy_kwh", "double");
    COLUMNS.put("energy_source", "varchar");
    COLUMNS.put("xid_events", "integer");
    COLUMNS.put("last_xid", "integer");
    COLUMNS.put("first_sample_at", "timestamp");
    COLUMNS.put("last_sample_at", "timestamp");
    COLUMNS.put("x_RunId", "varchar");
  }

  private GpuLake() {}

  /** The zero-row Parquet file typed like lake/gpu, beside the build's FOCUS schema file. */
  static Path schemaFile(Path focusSchemaFile) {
    return focusSchemaFile.resolveSibling(focusSchemaFile.getFileName() + ".gpu.parquet");
  }

  /**
   * The {{lake_gpu_files}} list: a zero-row file with lake/gpu's columns and types (so the GPU
   * models build, typed, on a lake without telemetry), then lake/gpu's files if there are any.
   */
  static String files(Connection c, Path lakeGpu, Path focusSchemaFile) throws SQLException {
    Path schema = schemaFile(focusSchemaFile);
    Sql.exec(
        c,
        "copy (select "
            + COLUMNS.entrySet().stream()
                .map(col -> "cast(null as " + col.getValue() + ") as " + Sql.ident(col.getKey()))
                .collect(Collectors.joining(", "))
            + " limit 0) to "
            + Sql.literal(schema.toString())
            + " (format parquet)");
    String list = Sql.literal(schema.toString());
    if (LakeTables.hasParquetBelow(lakeGpu)) {
      list += ", " + Sql.literal(lakeGpu.resolve("**").resolve("*.parquet").toString());
    }
    return "[" + list + "]";
  }
}
