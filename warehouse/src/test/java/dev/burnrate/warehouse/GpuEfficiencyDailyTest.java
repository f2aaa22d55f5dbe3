package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small fleet whose cost per active GPU-hour is worked out by hand: AWS has three 1-GPU
 * p5.4xlarge (one busy at 80 %, one idle and matched by instance id, one without telemetry) and
 * Google Cloud one 2-GPU a3-highgpu-2g (its GPU SKU row, in GPU-seconds), one of whose GPUs is seen
 * for half the hour only. A GPU that no bill row knows is left out.
 */
class GpuEfficiencyDailyTest {
  private static final LocalDate DAY = LocalDate.of(2026, 10, 1);
  private static final String GCE =
      "//compute.googleapis.com/projects/meridian/zones/us-central1-a/instances/4242424242";

  @TempDir Path tmp;

  @Test
  void costPerActiveGpuHourMatchesTheHandComputedFleet() throws Exception {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.rows(
        aws("i-0a1", "host-a1"),
        aws("i-0a2", "host-a2"),
        aws("i-0a3", "host-a3"),
        // billed the day before telemetry collection began: not listed as "without telemetry"
        CostRow.charge("AWS", DAY.minusDays(1), "10.00")
            .gpuInstance("p5.4xlarge", "1")
            .set("ResourceId", "i-0a9"),
        // Google Cloud bills the VM's GPUs on their own SKU, in GPU-seconds: 2 GPUs x 1 hour
        CostRow.charge("Google Cloud", DAY, "30.00")
            .gpuInstance("a3-highgpu-2g", "7200")
            .set("ConsumedUnit", "seconds")
            .set("SkuMeter", "Nvidia H100 80GB GPU running in Americas")
            .set("ResourceId", GCE)
            .set("ResourceName", "gke-node-1"));
    // gpu_uuid, hostname, instance_id, coverage, active ratio, energy kWh
    writeLakeGpu(
        wh,
        List.of(
            gpu("GPU-a1", "host-a1", null, 1.0, 0.8, 0.5),
            gpu("GPU-a2", "ip-10-0-0-2", "i-0a2", 1.0, 0.0, 0.1),
            gpu("GPU-g1a", "gke-node-1", null, 0.5, 1.0, 0.3),
            gpu("GPU-g1b", "4242424242", null, 1.0, 0.5, 0.6),
            gpu("GPU-unbilled", "somewhere-else", null, 1.0, 1.0, 9.9)));

    wh.build(DAY);

    // AWS: billed 3 GPU-h for 30.00; observed 2 h; active 0.8 x 1 + 0 x 1 = 0.8
    //   cost per GPU-hour 30 / 3 = 10; per active GPU-hour 30 / 0.8 = 37.5
    //   idle 30 x (1 - 0.8 / 3) = 22.00; one GPU (i-0a3) without telemetry
    // Google Cloud: billed 2 GPU-h for 30.00; observed 0.5 + 1 = 1.5 h; active 1 x 0.5 + 0.5 x 1
    //   = 1.0; per GPU-hour 15, per active GPU-hour 30, idle 30 x (1 - 1 / 2) = 15.00
    assertEquals(
        List.of(
            "AWS | H100 | 2026-10-01 | 3 | 2 | 0.8 | 30.00 | 10.0000 | 37.5000 | 22.00 | 0.6 | 3 | 1",
            "Google Cloud | H100 | 2026-10-01 | 2 | 1.5 | 1 | 30.00 | 15.0000 | 30.0000 | 15.00 | 0.9 | 2 | 0"),
        wh.query(
            "select provider, gpu_model, day, billed_gpu_hours, telemetry_gpu_hours,"
                + " round(active_gpu_hours, 9), gpu_cost, cost_per_gpu_hour,"
                + " cost_per_active_gpu_hour, idle_cost, round(energy_kwh, 9), gpus_billed,"
                + " gpus_without_telemetry from gpu_efficiency_daily where day = DATE '"
                + DAY
                + "' order by provider"));
    assertEquals(
        List.of("AWS | i-0a3 | host-a3 | 1 | 0 | 1"),
        wh.query(
            "select provider, resource_id, resource_name, gpu_count, gpus_reporting,"
                + " gpus_without_telemetry from gpu_billed_without_telemetry"));
    assertEquals(
        List.of("5"), wh.query("select count(*) from gpu_hourly"), "every GPU-hour is kept");
    assertEquals(
        List.of(
            "AWS | H100 | 26.67 | 37.50 | 22.00 | 1",
            "Google Cloud | H100 | 50 | 30.00 | 15.00 | 0"),
        wh.query(
            "select provider, gpu_model, round(active_pct, 2), cost_per_active_gpu_hour, idle_cost,"
                + " gpus_without_telemetry from rpt_gpu_efficiency order by provider"));
  }

  @Test
  void aGpuWithoutAnActivityMetricIsUnknownNotIdle() throws Exception {
    TestWarehouse wh = new TestWarehouse(tmp);
    // one p5.48xlarge (8 x H100) for an hour: 8 GPU-hours for 80.00
    wh.rows(
        CostRow.charge("AWS", DAY, "80.00")
            .gpuInstance("p5.48xlarge", "1")
            .set("ResourceId", "i-0b1")
            .set("ResourceName", "host-b1"));
    // four GPUs at 50 %, two that report memory and power only, two without telemetry
    List<Map<String, Object>> gpus = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      gpus.add(gpu("GPU-b" + i, "host-b1", null, 1.0, i < 4 ? 0.5 : null, 0.1));
    }
    writeLakeGpu(wh, gpus);

    wh.build(DAY);

    // active 4 x 0.5 = 2; unknown 2; known = 8 - 2 = 6 GPU-hours
    //   idle = 80 x (6 - 2) / 8 = 40.00 (not 80 x (1 - 2 / 8) = 60.00: unknown is not idle)
    //   per active GPU-hour = 80 x 6 / 8 / 2 = 30 (the cost of the known hours per active hour)
    assertEquals(
        List.of("8 | 6 | 2 | 2 | 10.0000 | 30.0000 | 40.00 | 8 | 2"),
        wh.query(
            "select billed_gpu_hours, telemetry_gpu_hours, active_gpu_hours,"
                + " unknown_activity_gpu_hours, cost_per_gpu_hour, cost_per_active_gpu_hour,"
                + " idle_cost, gpus_billed, gpus_without_telemetry from gpu_efficiency_daily"));
  }

  private static CostRow aws(String instanceId, String host) {
    return CostRow.charge("AWS", DAY, "10.00")
        .gpuInstance("p5.4xlarge", "1")
        .set("ResourceId", instanceId)
        .set("ResourceName", host);
  }

  static Map<String, Object> gpu(
      String uuid, String host, String instanceId, double coverage, Double active, double kwh) {
    Map<String, Object> v = new java.util.HashMap<>();
    v.put("x_SourceName", "dcgm");
    v.put("x_SourceFormat", "dcgm");
    v.put("hour", DAY + " 10:00:00");
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

  /** lake/gpu/source=dcgm/day=D/part-00000.parquet with every lake column, as the ingest writes. */
  static void writeLakeGpu(TestWarehouse wh, List<Map<String, Object>> rows) throws Exception {
    Path leaf = wh.config().layout().lakeGpu().resolve("source=dcgm").resolve("day=" + DAY);
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
