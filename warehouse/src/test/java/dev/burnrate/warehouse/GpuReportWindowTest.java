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
 * The PDF's GPU window (rpt_gpu_window), the GPU table over it (rpt_gpu_efficiency) and the
 * unmatched telemetry counted over it (rpt_gpu_telemetry_unmatched): the 7 days ending on the as-of
 * day, narrowed to the days with telemetry of a billed GPU, all 7 when none has any; never a day
 * after the as-of day. Every bill row is one p5.4xlarge (1 GPU) for one hour at 10.00, and every
 * GPU-hour of telemetry has coverage 1.
 */
class GpuReportWindowTest {
  private static final String SELECT_WINDOW =
      "select window_start, window_end, has_telemetry from rpt_gpu_window";
  private static final String SELECT_REPORT =
      "select provider, window_start, window_end, billed_gpu_hours, observed_gpu_hours,"
          + " round(coverage_pct, 2), round(active_pct, 2), gpu_cost, cost_per_gpu_hour,"
          + " cost_per_active_gpu_hour, idle_cost, unobserved_cost, gpus_billed,"
          + " gpus_without_telemetry from rpt_gpu_efficiency order by provider";
  private static final String SELECT_UNMATCHED =
      "select window_start, window_end, reason, gpus, hosts, telemetry_gpu_hours"
          + " from rpt_gpu_telemetry_unmatched order by gpus desc, reason";

  @TempDir Path tmp;

  /**
   * A backfill: the report as of 2026-10-05, telemetry from 2026-10-08 on. i-0a1 is billed every
   * day from 2026-09-27 to 2026-10-08; Google Cloud's a3-highgpu-2g (2 GPUs on its GPU SKU, 7,200
   * GPU-seconds for 30.00) on 2026-10-03. No day of 2026-09-29..2026-10-05 has telemetry, so the
   * window is all 7: AWS 7 GPU-hours (not 2026-09-27, 09-28 nor 10-06..10-08) for 70.00, Google
   * Cloud 2 for 30.00, coverage 0, no active share (nothing observed: null, not 0), no idle cost,
   * all of the cost unobserved, every billed GPU without telemetry. The telemetry of 2026-10-08
   * (i-0a1's GPU, and a host no bill knows) is after the as-of day: neither widens the window nor
   * counts as unmatched.
   */
  @Test
  void aWindowWithoutTelemetryShowsItsBilledGpuHoursAllUnobserved() throws Exception {
    LocalDate asOf = LocalDate.of(2026, 10, 5);
    TestWarehouse wh = new TestWarehouse(tmp);
    List<CostRow> bill = awsEveryDay(LocalDate.of(2026, 9, 27), LocalDate.of(2026, 10, 8));
    bill.add(
        CostRow.charge("Google Cloud", LocalDate.of(2026, 10, 3), "30.00")
            .gpuInstance("a3-highgpu-2g", "7200")
            .set("ConsumedUnit", "seconds")
            .set("SkuMeter", "Nvidia H100 80GB GPU running in Americas")
            .set("ResourceId", "//compute.googleapis.com/projects/p1/zones/z/instances/4242")
            .set("ResourceName", "a3-train-001"));
    wh.rows(bill);
    LocalDate firstTelemetry = LocalDate.of(2026, 10, 8);
    GpuLakeFixture.write(
        wh,
        List.of(
            gpu(firstTelemetry, "GPU-a1", "host-a1", "i-0a1", 0.5, "AWS"),
            gpu(firstTelemetry, "GPU-x", "ip-10-0-0-9", null, 1.0, "AWS")));

    wh.build(asOf);

    assertEquals(List.of("2026-09-29 | 2026-10-05 | false"), wh.query(SELECT_WINDOW));
    assertEquals(
        List.of(
            "AWS | 2026-09-29 | 2026-10-05 | 7 | 0 | 0 | NULL | 70.00 | 10.00 | NULL | 0.00 | 70.00"
                + " | 1 | 1",
            "Google Cloud | 2026-09-29 | 2026-10-05 | 2 | 0 | 0 | NULL | 30.00 | 15.00 | NULL"
                + " | 0.00 | 30.00 | 2 | 2"),
        wh.query(SELECT_REPORT));
    assertEquals(List.of(), wh.query(SELECT_UNMATCHED));
    // the lake holds that later telemetry: the report leaves it out because of the as-of day
    assertEquals(
        List.of("2026-10-08 | 1"),
        wh.query("select day, count(*) from fct_gpu_telemetry_unmatched_daily group by day"));
  }

  /**
   * As of 2026-10-10 (7 days: 10-04..10-10), i-0a1 billed every day from 10-02 to 10-11 and its GPU
   * seen on 10-02 (before the 7 days), 10-06 (active 0.5), 10-08 (active 1) and 10-11 (after the
   * as-of day): the window is 10-06..10-08. AWS: billed 3 GPU-hours for 30.00, observed 2 (66.67
   * %), active 1.5 of 2 (75 %); idle 10 x 0.5 = 5.00 (10-06), unobserved 10.00 (10-07); per active
   * GPU-hour (active 15.00 + idle 5.00) / 1.5 = 13.33.
   *
   * <p>Telemetry no bill matches, in the window: 8 GPUs of host ip-10-0-0-7 on 10-06 and 10-07 (an
   * ip-based host name; each GPU counted once: 8 GPUs, 16 GPU-hours) and one GPU on each of hosts
   * orphan-1 and orphan-2 on 10-08 (no bill key matched: 2 GPUs on 2 hosts, 2 GPU-hours). Outside
   * it, not counted: GPU-y of ip-10-0-0-9 on 10-05 (in the 7 days, before the window), 10-09 (after
   * the window, before the as-of day) and 10-11 (after the as-of day).
   */
  @Test
  void unmatchedTelemetryIsCountedPerReasonOverTheWindow() throws Exception {
    LocalDate asOf = LocalDate.of(2026, 10, 10);
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.rows(awsEveryDay(LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 11)));
    List<Map<String, Object>> gpus = new ArrayList<>();
    gpus.add(gpu(LocalDate.of(2026, 10, 2), "GPU-a1", "host-a1", "i-0a1", 1.0, "AWS"));
    gpus.add(gpu(LocalDate.of(2026, 10, 6), "GPU-a1", "host-a1", "i-0a1", 0.5, "AWS"));
    gpus.add(gpu(LocalDate.of(2026, 10, 8), "GPU-a1", "host-a1", "i-0a1", 1.0, "AWS"));
    gpus.add(gpu(LocalDate.of(2026, 10, 11), "GPU-a1", "host-a1", "i-0a1", 1.0, "AWS"));
    for (int day = 6; day <= 7; day++) {
      for (int i = 0; i < 8; i++) {
        gpus.add(gpu(LocalDate.of(2026, 10, day), "GPU-ip" + i, "ip-10-0-0-7", null, 1.0, "AWS"));
      }
    }
    gpus.add(gpu(LocalDate.of(2026, 10, 8), "GPU-o1", "orphan-1", null, 1.0, "AWS"));
    gpus.add(gpu(LocalDate.of(2026, 10, 8), "GPU-o2", "orphan-2", null, 1.0, "AWS"));
    for (int day : new int[] {5, 9, 11}) {
      gpus.add(gpu(LocalDate.of(2026, 10, day), "GPU-y", "ip-10-0-0-9", null, 1.0, "AWS"));
    }
    GpuLakeFixture.write(wh, gpus);

    wh.build(asOf);

    assertEquals(List.of("2026-10-06 | 2026-10-08 | true"), wh.query(SELECT_WINDOW));
    assertEquals(
        List.of(
            "AWS | 2026-10-06 | 2026-10-08 | 3 | 2 | 66.67 | 75 | 30.00 | 10.00 | 13.33 | 5.00"
                + " | 10.00 | 1 | 1"),
        wh.query(SELECT_REPORT));
    assertEquals(
        List.of(
            "2026-10-06 | 2026-10-08 | ip-based host name | 8 | 1 | 16",
            "2026-10-06 | 2026-10-08 | no bill key matched | 2 | 2 | 2"),
        wh.query(SELECT_UNMATCHED));
  }

  /**
   * As of 2026-10-10, GPUs billed on 2026-09-20 only: no GPU-hours in the 7 days (10-04..10-10), so
   * rpt_gpu_efficiency has no rows, and the unmatched telemetry is counted over those 7 days: a
   * host of a source that names no provider on 10-09 (1 GPU), not its hour of 10-03.
   */
  @Test
  void withoutBilledGpuHoursUnmatchedTelemetryIsCountedOverTheSevenDays() throws Exception {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.rows(aws(LocalDate.of(2026, 9, 20)));
    GpuLakeFixture.write(
        wh,
        List.of(
            gpu(LocalDate.of(2026, 10, 3), "GPU-m", "mystery-01", null, 1.0, null),
            gpu(LocalDate.of(2026, 10, 9), "GPU-m", "mystery-01", null, 1.0, null)));

    wh.build(LocalDate.of(2026, 10, 10));

    assertEquals(List.of("2026-10-04 | 2026-10-10 | false"), wh.query(SELECT_WINDOW));
    assertEquals(List.of(), wh.query(SELECT_REPORT));
    assertEquals(
        List.of("2026-10-04 | 2026-10-10 | provider unknown | 1 | 1 | 1"),
        wh.query(SELECT_UNMATCHED));
  }

  /** i-0a1's bill row of every day from {@code first} to {@code last}. */
  private static List<CostRow> awsEveryDay(LocalDate first, LocalDate last) {
    List<CostRow> bill = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      bill.add(aws(d));
    }
    return bill;
  }

  private static CostRow aws(LocalDate day) {
    return CostRow.charge("AWS", day, "10.00")
        .gpuInstance("p5.4xlarge", "1")
        .set("ResourceId", "i-0a1")
        .set("ResourceName", "host-a1");
  }

  private static Map<String, Object> gpu(
      LocalDate day, String uuid, String host, String instanceId, double active, String provider) {
    Map<String, Object> g =
        GpuLakeFixture.gpu(day.atTime(10, 0), uuid, host, instanceId, 1.0, active, 0.1);
    g.put("provider", provider);
    return g;
  }
}
