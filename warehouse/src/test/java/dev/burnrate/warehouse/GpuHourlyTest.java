package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fct_gpu_hourly keeps every GPU that sent any metric: one that reported only memory and power is
 * there with a null active ratio (unknown, not idle), and where a second source knows the activity
 * of the same GPU-hour, that source's row is the one kept.
 */
class GpuHourlyTest {
  private static final LocalDate DAY = LocalDate.of(2026, 10, 1);

  /** The lake columns these rows set; every other lake/gpu column is null. */
  private static final String COLUMNS =
      "x_SourceName, gpu_uuid, hostname, sample_count, sample_coverage, active_ratio,"
          + " active_source, memory_used_mib, power_avg_w";

  @TempDir Path tmp;

  @Test
  void aMemoryAndPowerOnlyGpuIsKeptWithANullActiveRatio() throws Exception {
    TestWarehouse wh = new TestWarehouse(tmp);
    lakeGpu(
        wh,
        "dcgm",
        "('dcgm', 'GPU-mem-power', 'node-1', 4, 1.0, null, null, 2000.0, 400.0),"
            + " ('dcgm', 'GPU-busy', 'node-1', 4, 1.0, 0.9, 'GPU_UTIL', 70000.0, 650.0),"
            + " ('dcgm', 'GPU-both', 'node-2', 4, 1.0, null, null, 1000.0, 300.0)");
    lakeGpu(
        wh,
        "smi",
        "('smi', 'GPU-busy', 'node-1', 2, 0.5, 0.5, 'GPU_UTIL', 70000.0, 640.0),"
            + " ('smi', 'GPU-both', 'node-2', 2, 0.5, 0.4, 'GPU_UTIL', 1000.0, 310.0)");

    wh.build(DAY);

    assertEquals(
        List.of(
            "GPU-both | smi | 0.4 | GPU_UTIL | 0.5",
            "GPU-busy | dcgm | 0.9 | GPU_UTIL | 1",
            "GPU-mem-power | dcgm | NULL | NULL | 1"),
        wh.query(
            "select gpu_uuid, source_name, active_ratio, active_source, sample_coverage"
                + " from fct_gpu_hourly order by gpu_uuid"));
    assertEquals(
        List.of("2000 | 400 | 4"),
        wh.query(
            "select memory_used_mib, power_avg_w, sample_count from fct_gpu_hourly"
                + " where gpu_uuid = 'GPU-mem-power'"));
  }

  /** lake/gpu/source=NAME/day=DAY/part-00000.parquet: the given rows, typed like lake/gpu. */
  private static void lakeGpu(TestWarehouse wh, String source, String values) throws Exception {
    Path leaf = wh.config().layout().lakeGpu().resolve("source=" + source).resolve("day=" + DAY);
    Files.createDirectories(leaf);
    String typed =
        GpuLake.COLUMNS.entrySet().stream()
            .map(c -> "cast(null as " + c.getValue() + ") as " + Sql.ident(c.getKey()))
            .collect(Collectors.joining(", "));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      // the typed empty row first: union by name casts the values to lake/gpu's types
      s.execute(
          "copy ((select "
              + typed
              + " limit 0) union all by name (select *, 'dcgm' as x_SourceFormat, timestamp '"
              + DAY
              + " 10:00:00' as hour, 'auto' as bill_match, 'run-gpu' as x_RunId from (values "
              + values
              + ") v("
              + COLUMNS
              + "))) to "
              + Sql.literal(leaf.resolve("part-00000.parquet").toString())
              + " (format parquet)");
    }
  }
}
