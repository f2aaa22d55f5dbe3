package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    GpuLakeFixture.write(
        wh,
        List.of(
            gpu("GPU-a1", "host-a1", null, 1.0, 0.8, 0.5),
            gpu("GPU-a2", "ip-10-0-0-2", "i-0a2", 1.0, 0.0, 0.1),
            gpu("GPU-g1a", "gke-node-1", null, 0.5, 1.0, 0.3),
            gpu("GPU-g1b", "4242424242", null, 1.0, 0.5, 0.6),
            gpu("GPU-unbilled", "somewhere-else", null, 1.0, 1.0, 9.9)));

    wh.build(DAY);

    // AWS: billed 3 GPU-h for 30.00; observed 2 h; active 0.8 x 1 + 0 x 1 = 0.8
    //   cost per GPU-hour 30 / 3 = 10; idle (observed, inactive) 30 x (2 - 0.8) / 3 = 12.00;
    //   per active GPU-hour (active 8 + idle 12) / 0.8 = 25; i-0a3 unobserved: 10.00, not idle
    // Google Cloud: billed 2 GPU-h for 30.00; observed 0.5 + 1 = 1.5 h; active 1 x 0.5 + 0.5 x 1
    //   = 1.0; per GPU-hour 15, idle 30 x (1.5 - 1) / 2 = 7.50, per active GPU-hour
    //   (15 + 7.5) / 1 = 22.5; the unseen half hour of GPU-g1a is unobserved: 7.50
    assertEquals(
        List.of(
            "AWS | H100 | 2026-10-01 | 3 | 2 | 0.8 | 30.00 | 10.0000 | 25.0000 | 12.00 | 10.00 | 0.6"
                + " | 3 | 1",
            "Google Cloud | H100 | 2026-10-01 | 2 | 1.5 | 1 | 30.00 | 15.0000 | 22.5000 | 7.50"
                + " | 7.50 | 0.9 | 2 | 0"),
        wh.query(
            "select provider, gpu_model, day, billed_gpu_hours, telemetry_gpu_hours,"
                + " round(active_gpu_hours, 9), gpu_cost, cost_per_gpu_hour,"
                + " cost_per_active_gpu_hour, idle_cost, unobserved_cost, round(energy_kwh, 9),"
                + " gpus_billed, gpus_without_telemetry from fct_gpu_efficiency_daily where day = DATE '"
                + DAY
                + "' order by provider"));
    assertEquals(
        List.of("AWS | i-0a3 | host-a3 | 1 | 0 | 1"),
        wh.query(
            "select provider, resource_id, resource_name, gpu_count, gpus_reporting,"
                + " gpus_without_telemetry from fct_gpu_billed_without_telemetry_daily"));
    assertEquals(
        List.of("5"), wh.query("select count(*) from fct_gpu_hourly"), "every GPU-hour is kept");
    assertEquals(
        List.of(
            "AWS | H100 | 66.67 | 40 | 25.00 | 12.00 | 10.00 | 1",
            "Google Cloud | H100 | 75 | 66.67 | 22.50 | 7.50 | 7.50 | 0"),
        wh.query(
            "select provider, gpu_model, round(coverage_pct, 2), round(active_pct, 2),"
                + " cost_per_active_gpu_hour, idle_cost, unobserved_cost, gpus_without_telemetry"
                + " from rpt_gpu_efficiency order by provider"));
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
    GpuLakeFixture.write(wh, gpus);

    wh.build(DAY);

    // observed 6 GPU-hours, of which 2 of unknown activity; active 4 x 0.5 = 2; unobserved 2
    //   idle = 80 x (6 - 2 - 2) / 8 = 20.00 (unknown is not idle, unobserved is not idle)
    //   unknown activity 80 x 2 / 8 = 20.00, unobserved 80 x 2 / 8 = 20.00, active 20.00
    //   per active GPU-hour = (20 + 20) / 2 = 20: the cost of the known hours per active hour
    //   active share 2 / (6 - 2) = 0.5, coverage 6 / 8 = 0.75
    assertEquals(
        List.of("8 | 6 | 2 | 2 | 10.0000 | 20.0000 | 20.00 | 20.00 | 20.00 | 0.5 | 0.75 | 8 | 2"),
        wh.query(
            "select billed_gpu_hours, telemetry_gpu_hours, active_gpu_hours,"
                + " unknown_activity_gpu_hours, cost_per_gpu_hour, cost_per_active_gpu_hour,"
                + " idle_cost, unknown_activity_cost, unobserved_cost, active_share,"
                + " coverage_share, gpus_billed, gpus_without_telemetry from fct_gpu_efficiency_daily"));
  }

  private static CostRow aws(String instanceId, String host) {
    return CostRow.charge("AWS", DAY, "10.00")
        .gpuInstance("p5.4xlarge", "1")
        .set("ResourceId", instanceId)
        .set("ResourceName", host);
  }

  static Map<String, Object> gpu(
      String uuid, String host, String instanceId, double coverage, Double active, double kwh) {
    return GpuLakeFixture.gpu(DAY.atTime(10, 0), uuid, host, instanceId, coverage, active, kwh);
  }
}
