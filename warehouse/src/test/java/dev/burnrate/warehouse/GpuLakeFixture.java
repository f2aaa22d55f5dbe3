package dev.burnrate.warehouse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** lake/gpu rows written as the telemetry ingest writes them: real Parquet, every lake column. */
final class GpuLakeFixture {
  private GpuLakeFixture() {}

  /**
   * One GPU-hour of source {@code dcgm} (bill_match auto, model H100, 4 samples); set() the rest.
   */
  static Map<String, Object> gpu(
      LocalDateTime hour,
      String uuid,
      String host,
      String instanceId,
      double coverage,
      Double active,
      double kwh) {
    Map<String, Object> v = new HashMap<>();
    v.put("x_SourceName", "dcgm");
    v.put("x_SourceFormat", "dcgm");
    v.put("hour", hour.toLocalDate() + " " + hour.toLocalTime() + ":00");
    v.put("gpu_uuid", uuid);
    v.put("hostname", host);
    v.put("instance_id", instanceId);
    v.put("bill_match", "auto");
    v.put("sample_count", 4);
    v.put("sample_coverage", coverage);
    v.put("active_ratio", active);
    v.put("energy_kwh", kwh);
    v.put("gpu_model", "H100");
    v.put("x_RunId", "run-gpu");
    return v;
  }

  /** lake/gpu/source=dcgm/day=D/part-00000.parquet (folder names are not read). */
  static void write(TestWarehouse wh, List<Map<String, Object>> rows) throws Exception {
    Path leaf = wh.config().layout().lakeGpu().resolve("source=dcgm").resolve("day=any");
    Files.createDirectories(leaf);
    List<String> selects = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      selects.add(
          "select "
              + GpuLake.COLUMNS.entrySet().stream()
                  .map(
                      c -> {
                        Object v = r.get(c.getKey());
                        String lit =
                            v == null
                                ? "null"
                                : v instanceof Number ? v.toString() : Sql.literal(v.toString());
                        return "cast("
                            + lit
                            + " as "
                            + c.getValue()
                            + ") as "
                            + Sql.ident(c.getKey());
                      })
                  .collect(Collectors.joining(", ")));
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(
          "copy ("
              + String.join(" union all ", selects)
              + ") to "
              + Sql.literal(leaf.resolve("part-00000.parquet").toString())
              + " (format parquet)");
    }
  }
}
