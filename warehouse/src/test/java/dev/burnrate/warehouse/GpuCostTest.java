package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU cost definition (docs/warehouse.md "GPU cost", int_gpu_billed_instances): covered usage
 * at its amortized rate, commitment fees and unused commitment attributed to the GPU instances they
 * cover by CommitmentDiscountId (pro rata to covered ListCost), discounts on the GPU SKU netted;
 * the same cost per GPU-hour whichever relation reads it; and, where the GPUs send telemetry, that
 * cost split into active, idle and unobserved, with the cost per active GPU-hour. Every figure by
 * hand.
 */
class GpuCostTest {
  private static final LocalDate OCT_1 = LocalDate.of(2026, 10, 1);
  private static final LocalDate OCT_2 = LocalDate.of(2026, 10, 2);

  private static final String INSTANCES =
      "select provider, day, resource_key, billed_gpu_hours, round(gpu_cost::double, 4),"
          + " round(gpu_cost::double / billed_gpu_hours, 5) from fct_gpu_instance_daily"
          + " order by provider, day, resource_key";
  private static final String DAILY =
      "select provider, day, billed_gpu_hours, gpu_cost, cost_per_gpu_hour"
          + " from fct_gpu_efficiency_daily order by provider, day";

  /** What the telemetry saw of the billed GPU-hours, and how their cost splits by it. */
  private static final String EFFICIENCY =
      "select provider, day, observed_gpu_hours, round(active_gpu_hours, 9), cost_per_gpu_hour,"
          + " cost_per_active_gpu_hour, active_cost, idle_cost, unobserved_cost"
          + " from fct_gpu_efficiency_daily order by provider, day";

  private static final String MATCHED_BY =
      "select distinct matched_by from fct_gpu_hourly order by matched_by";
  private static final String GCE_INSTANCE_ID = "7012345678901234567";
  private static final String GCE_VM =
      "//compute.googleapis.com/projects/p1/zones/us-east5-a/instances/" + GCE_INSTANCE_ID;
  private static final String AZURE_VM =
      "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/nd96-h100-01";

  @TempDir Path tmp;

  /**
   * An Azure reservation (res-1) paid monthly, 11,904 for October: 384 a day. It covers a
   * Standard_ND96isr_H100_v5 (8 GPUs) 24 h on Oct 1 and Oct 2, on demand 1,500 a day (ListCost),
   * and a Standard_D4s_v5 (no GPU) 24 h on Oct 1, on demand 500. The actual export alone: covered
   * rows cost 0 and the payment is not amortized (EffectiveCost = BilledCost), so the warehouse
   * spreads it over October, 384 a day, and shares each day by ListCost: Oct 1 the GPU VM 384 x
   * 1,500 / 2,000 = 288 and the D4s 96 (not GPU cost), Oct 2 the GPU VM 384. The amortized export
   * (as FOCUS carries it): payment EffectiveCost 0, covered rows 288, 96 and 384. Both: 192
   * GPU-hours (8 x 24) a day at 288 / 192 = 1.5 and 384 / 192 = 2 per GPU-hour, not 0. The other 29
   * days' 384 have no covered usage: unused, in no GPU's cost.
   *
   * <p>Telemetry of the GPU VM (host nd96-h100-01, the VM name in its ResourceId). Oct 1: GPUs 0-3
   * at 100 % and GPUs 4-5 at 25 % for hours 0-15, GPUs 6-7 silent: observed 6 x 16 = 96, active 4 x
   * 16 + 2 x 16 x 0.25 = 72, idle 96 - 72 = 24, unobserved 192 - 96 = 96 GPU-hours; at 1.5 active
   * cost 108, idle cost 36, unobserved cost 144 (108 + 36 + 144 = 288), per active GPU-hour (108 +
   * 36) / 72 = 2. Oct 2: all 8 GPUs for 24 h, each hour half covered by samples (coverage 0.5),
   * GPUs 0-3 at 100 %, GPUs 4-7 at 0 %: observed 8 x 24 x 0.5 = 96, active 4 x 24 x 0.5 = 48, idle
   * 48, unobserved 96; at 2 active cost 96, idle cost 96, unobserved cost 192 (= 384), per active
   * GPU-hour 192 / 48 = 4. The PDF's window is Oct 1 to Oct 2 (both have telemetry): 384 billed,
   * 192 observed, 120 active GPU-hours, 672 at 1.75 per GPU-hour, (108 + 36 + 96 + 96) / 120 = 2.80
   * per active GPU-hour, idle 36 + 96 = 132, unobserved 144 + 192 = 336.
   */
  @Test
  void azureReservationCoveredVmCostsItsAmortizedRate() throws Exception {
    TestWarehouse actual = new TestWarehouse(tmp.resolve("actual"));
    actual.rows(
        azurePayment("11904.00"),
        azureCovered(OCT_1, AZURE_VM, "Standard_ND96isr_H100_v5", "1500", "0.00"),
        azureCovered(OCT_2, AZURE_VM, "Standard_ND96isr_H100_v5", "1500", "0.00"),
        azureCovered(OCT_1, "vm-cpu", "Standard_D4s_v5", "500", "0.00"));
    TestWarehouse amortized = new TestWarehouse(tmp.resolve("amortized"));
    amortized.rows(
        azurePayment("0.00"),
        azureCovered(OCT_1, AZURE_VM, "Standard_ND96isr_H100_v5", "1500", "288.00"),
        azureCovered(OCT_2, AZURE_VM, "Standard_ND96isr_H100_v5", "1500", "384.00"),
        azureCovered(OCT_1, "vm-cpu", "Standard_D4s_v5", "500", "96.00"));
    Host vm = new Host("nd96-h100-01", null, "H100");
    List<Map<String, Object>> telemetry = new ArrayList<>();
    telemetry.addAll(vm.gpuHours(0, 3, OCT_1.atStartOfDay(), 16, 1.0, 1.0));
    telemetry.addAll(vm.gpuHours(4, 5, OCT_1.atStartOfDay(), 16, 1.0, 0.25));
    telemetry.addAll(vm.gpuHours(0, 3, OCT_2.atStartOfDay(), 24, 0.5, 1.0));
    telemetry.addAll(vm.gpuHours(4, 7, OCT_2.atStartOfDay(), 24, 0.5, 0.0));
    GpuLakeFixture.write(actual, telemetry);
    GpuLakeFixture.write(amortized, telemetry);

    actual.build(OCT_2);
    amortized.build(OCT_2);

    TestWarehouse[] exports = {actual, amortized};
    assertEveryExport(
        List.of(
            "Microsoft | 2026-10-01 | " + AZURE_VM + " | 192 | 288 | 1.5",
            "Microsoft | 2026-10-02 | " + AZURE_VM + " | 192 | 384 | 2"),
        INSTANCES,
        exports);
    assertEveryExport(
        List.of(
            "Microsoft | 2026-10-01 | 192 | 288.00 | 1.5000",
            "Microsoft | 2026-10-02 | 192 | 384.00 | 2.0000"),
        DAILY,
        exports);
    assertEveryExport(
        List.of(
            "Microsoft | 2026-10-01 | 96 | 72 | 1.5000 | 2.0000 | 108.00 | 36.00 | 144.00",
            "Microsoft | 2026-10-02 | 96 | 48 | 2.0000 | 4.0000 | 96.00 | 96.00 | 192.00"),
        EFFICIENCY,
        exports);
    assertEveryExport(
        List.of(
            "Microsoft | 2026-10-01 | 2026-10-02 | 384 | 192 | 120 | 672.00 | 1.75 | 2.80 | 132.00"
                + " | 336.00"),
        "select provider, window_start, window_end, billed_gpu_hours, observed_gpu_hours,"
            + " active_gpu_hours, gpu_cost, cost_per_gpu_hour, cost_per_active_gpu_hour,"
            + " idle_cost, unobserved_cost from rpt_gpu_efficiency",
        exports);
    assertEquals(List.of("host_name"), actual.query(MATCHED_BY));
  }

  /**
   * A Google Cloud a3-highgpu-2g under a resource-based CUD (cud-1) on Oct 1: its GPU SKU row 480
   * (2 GPUs x 24 h = 172,800 GPU-seconds = 48 GPU-hours, ListCost 480) and its cores 120 (ListCost
   * 120), the CUD credits -264 and -66 on the same SKUs, a negotiated-discount credit -12 on the
   * GPU SKU (all booked as Usage, as ingest books them), a PROMOTION Credit -100 (not a price: left
   * out), and the CUD fee 240 (no resource, cud-1). GPU cost = 480 + 120 - 264 - 66 - 12 + 240 =
   * 498 for 48 GPU-hours = 10.375 per GPU-hour (without the fee it was 258: 5.375).
   */
  @Test
  void gcpGpuSkuCarriesItsCudFeeAndCredits() {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.rows(
        gce("480.00", "Nvidia H100 80GB GPU running in Americas")
            .set("ConsumedQuantity", "172800")
            .set("ConsumedUnit", "seconds")
            .set("ListCost", "480.00")
            .set("CommitmentDiscountStatus", "Used"),
        gce("120.00", "A3 Instance Core running in Americas")
            .set("ConsumedQuantity", "24")
            .set("ConsumedUnit", "Hours")
            .set("ListCost", "120.00")
            .set("CommitmentDiscountStatus", "Used"),
        gce("-264.00", "Nvidia H100 80GB GPU running in Americas")
            .set("ChargeDescription", "Committed use discount: cud-1"),
        gce("-66.00", "A3 Instance Core running in Americas")
            .set("ChargeDescription", "Committed use discount: cud-1"),
        gce("-12.00", "Nvidia H100 80GB GPU running in Americas")
            .set("CommitmentDiscountId", null)
            .set("ChargeDescription", "Discount"),
        gce("-100.00", "Nvidia H100 80GB GPU running in Americas")
            .category("Credit")
            .set("CommitmentDiscountId", null)
            .set("ChargeDescription", "Promotional credit"),
        CostRow.charge("Google Cloud", OCT_1, "240.00")
            .set("SkuId", "cud-1-fee")
            .set("SkuMeter", "Commitment v1: A3 GPU in Americas for 1 year")
            .set("CommitmentDiscountId", "cud-1"));

    wh.build(OCT_2);

    assertEquals(
        List.of("Google Cloud | 2026-10-01 | vm-a3 | 48 | 498 | 10.375"), wh.query(INSTANCES));
    assertEquals(List.of("Google Cloud | 2026-10-01 | 48 | 498.00 | 10.3750"), wh.query(DAILY));
  }

  /**
   * Rows as the gcp-billing ingest writes Google Cloud's native export (GcpIngestTest): a
   * resource-based CUD has no id in the export, so the fee, the COMMITTED_USAGE_DISCOUNT credit and
   * the usage it covers carry the pool of billing account, region and committed resource. On Oct 1
   * an a4-highgpu-8g (8 B200 GPUs x 24 h = 691,200 GPU-seconds = 192 GPU-hours) in us-east5: its
   * GPU SKU 600 (ListCost 800, Used, pool nvidia-b200-gpu) and its credit -600; its cores 48
   * (ListCost 64, Used, pool a4-cpu) and their credit -48; a PROMOTION Credit -10 (left out); the
   * fees "Commitment v1: Nvidia B200 GPU running in Americas for 1 Year" 378 and "Commitment v1: A4
   * Cpu in Americas for 1 Year" 30 (no resource, their pools). An N1 VM in us-central1 (no GPU):
   * its cores 10 and credit -10 and the fee "Commitment v1: Cpu in Americas for 1 Year" 6 (pool
   * us-central1/cpu), which reaches the N1 VM only. GPU cost = 600 - 600 + 48 - 48 + 378 + 30 = 408
   * for 192 GPU-hours = 2.125 per GPU-hour; without the pools the fees reached no GPU and it was 0.
   *
   * <p>Telemetry of the a4 VM (a GKE node whose collector labels its GPUs with the instance id, the
   * last segment of the bill's ResourceId): GPUs 0-3 for all 24 h at 75 %, GPUs 4-7 from noon (12
   * h) at 0 %. Observed 4 x 24 + 4 x 12 = 144, active 4 x 24 x 0.75 = 72, idle 144 - 72 = 72,
   * unobserved 192 - 144 = 48 GPU-hours; at 2.125 active cost 153, idle cost 153, unobserved cost
   * 102 (153 + 153 + 102 = 408), per active GPU-hour (153 + 153) / 72 = 4.25.
   */
  @Test
  void gcpNativeExportCudPoolsBringTheirFeesToTheGpu() throws Exception {
    String pool = "cud-pool/01A2B3-C4D5E6-F7A8B9/";
    String b200 = pool + "us-east5/nvidia-b200-gpu";
    String a4Cpu = pool + "us-east5/a4-cpu";
    String n1Cpu = pool + "us-central1/cpu";
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.rows(
        gceCovered(
            "600.00", "800.00", "691200", GCE_VM, "a4-highgpu-8g", "Nvidia B200 GPU", b200, "GPU"));
    wh.rows(
        gceCovered(
            "48.00",
            "64.00",
            "19353600",
            GCE_VM,
            "a4-highgpu-8g",
            "A4 Instance Core",
            a4Cpu,
            "CPU"));
    wh.rows(
        gceCovered(
            "10.00",
            "12.00",
            "691200",
            "vm-n1",
            "n1-standard-8",
            "N1 Predefined Instance Core",
            n1Cpu,
            "CPU"));
    wh.rows(
        gceNative("-10.00", GCE_VM, "a4-highgpu-8g", "Nvidia B200 GPU running in Americas", null)
            .category("Credit")
            .set("ChargeDescription", "Promotional credit"),
        gceNative(
                "378.00",
                null,
                "B200-CUD-1Y",
                "Commitment v1: Nvidia B200 GPU running in Americas for 1 Year",
                b200)
            .set("ConsumedQuantity", "691200")
            .set("ConsumedUnit", "seconds"),
        gceNative(
            "30.00", null, "A4-CPU-CUD-1Y", "Commitment v1: A4 Cpu in Americas for 1 Year", a4Cpu),
        gceNative("6.00", null, "CPU-CUD-1Y", "Commitment v1: Cpu in Americas for 1 Year", n1Cpu));
    Host node = new Host("gke-train-a4-pool-0", GCE_INSTANCE_ID, "B200");
    List<Map<String, Object>> telemetry = new ArrayList<>();
    telemetry.addAll(node.gpuHours(0, 3, OCT_1.atStartOfDay(), 24, 1.0, 0.75));
    telemetry.addAll(node.gpuHours(4, 7, OCT_1.atTime(12, 0), 12, 1.0, 0.0));
    GpuLakeFixture.write(wh, telemetry);

    wh.build(OCT_2);

    assertEquals(
        List.of("Google Cloud | 2026-10-01 | " + GCE_VM + " | 192 | 408 | 2.125"),
        wh.query(INSTANCES));
    assertEquals(List.of("Google Cloud | 2026-10-01 | 192 | 408.00 | 2.1250"), wh.query(DAILY));
    assertEquals(
        List.of(
            "Google Cloud | 2026-10-01 | 144 | 72 | 2.1250 | 4.2500 | 153.00 | 153.00 | 102.00"),
        wh.query(EFFICIENCY));
    assertEquals(List.of("instance_id"), wh.query(MATCHED_BY));
  }

  /**
   * AWS on Oct 1: a Reserved Instance (ri-1) covers p5.48xlarge i-1 (192 GPU-hours, amortized
   * EffectiveCost 480, ListCost 1,000); its RIFee (Purchase, BilledCost 600) leaves 120 unused
   * (EffectiveCost), all of it i-1's: 600. A Savings Plan (sp-1) covers p5.48xlarge i-2 (192 GPU-h,
   * EffectiveCost 450, ListCost 900) and c7i.large i-3 (no GPU, EffectiveCost 50, ListCost 100);
   * its recurring fee leaves 100 unused, shared by ListCost: 90 to i-2 (540), 10 to i-3. i-1 costs
   * 600 / 192 = 3.125 per GPU-hour, i-2 540 / 192 = 2.8125; AWS 1,140 / 384 = 2.96875 (2.9688 at
   * four places) in fct_gpu_efficiency_daily, rpt_gpu_efficiency (2.97, cents; one GPU of i-1 sends
   * telemetry, which opens the report's window on Oct 1) and fct_commitment_rebalancing alike (a
   * current Spend commitment makes AWS a rebalancing row; its trailing window is Oct 1 alone).
   */
  @Test
  void awsRiFeeAndUnusedSavingsPlanAreAttributed() throws Exception {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .contracts(
                new Contracts()
                    .contract("aws-2026", "AWS", "USD", "2026-10-01", "2027-10-01")
                    .spend("aws-y1", "2026-10-01", "2027-10-01", "1000000")
                    .yaml());
    wh.rows(
        awsCovered("i-1", "p5.48xlarge", "ri-1", "480.00", "1000.00"),
        awsFee("ri-1", "Reserved Instance", "600.00", "120.00"),
        awsCovered("i-2", "p5.48xlarge", "sp-1", "450.00", "900.00"),
        awsCovered("i-3", "c7i.large", "sp-1", "50.00", "100.00"),
        awsFee("sp-1", "Savings Plan", "600.00", "100.00"));
    GpuLakeFixture.write(
        wh, List.of(GpuEfficiencyDailyTest.gpu("GPU-i1-0", "ip-10-0-0-1", "i-1", 1.0, 1.0, 0.7)));

    wh.build(OCT_2);

    assertEquals(
        List.of(
            "AWS | 2026-10-01 | i-1 | 192 | 600 | 3.125",
            "AWS | 2026-10-01 | i-2 | 192 | 540 | 2.8125"),
        wh.query(INSTANCES));
    assertEquals(List.of("AWS | 2026-10-01 | 384 | 1140.00 | 2.9688"), wh.query(DAILY));
    assertEquals(
        List.of("AWS | 384 | 1140.00 | 2.97"),
        wh.query(
            "select provider, billed_gpu_hours, gpu_cost, cost_per_gpu_hour"
                + " from rpt_gpu_efficiency"));
    assertEquals(
        List.of("AWS | 2026-10-01 | 2026-10-01 | 384 | 2.96875 | 1140"),
        wh.query(
            "select provider, gpu_window_start, run_rate_window_end, gpu_hours_daily,"
                + " gpu_cost_per_gpu_hour_reporting::double,"
                + " gpu_run_rate_daily_reporting::double from fct_commitment_rebalancing"));
  }

  /** Each export of the same bill answers {@code sql} with {@code expected}. */
  private static void assertEveryExport(
      List<String> expected, String sql, TestWarehouse... exports) {
    for (TestWarehouse export : exports) {
      assertEquals(expected, export.query(sql));
    }
  }

  /** A commitment's fee or payment: Purchase, Recurring, no resource. */
  private static CostRow fee(
      String provider, String commitment, String type, String billedCost, String effectiveCost) {
    return CostRow.charge(provider, OCT_1, billedCost)
        .effective(effectiveCost)
        .category("Purchase")
        .frequency("Recurring")
        .set("CommitmentDiscountId", commitment)
        .set("CommitmentDiscountType", type);
  }

  /** Usage of {@code resource} covered by {@code commitment} for 24 h, BilledCost 0. */
  private static CostRow covered(
      String provider,
      LocalDate day,
      String resource,
      String sku,
      String commitment,
      String effectiveCost,
      String listCost) {
    return CostRow.charge(provider, day, "0.00")
        .effective(effectiveCost)
        .gpuInstance(sku, "24")
        .set("ResourceId", resource)
        .set("ListCost", listCost)
        .set("CommitmentDiscountId", commitment)
        .set("CommitmentDiscountStatus", "Used");
  }

  private static CostRow azurePayment(String effectiveCost) {
    return fee("Microsoft", "res-1", "Reservation", "11904.00", effectiveCost);
  }

  private static CostRow azureCovered(
      LocalDate day, String vm, String sku, String listCost, String effectiveCost) {
    return covered("Microsoft", day, vm, sku, "res-1", effectiveCost, listCost);
  }

  private static CostRow gce(String cost, String skuMeter) {
    return CostRow.charge("Google Cloud", OCT_1, cost)
        .set("SkuId", "a3-highgpu-2g")
        .set("SkuMeter", skuMeter)
        .set("ResourceId", "vm-a3")
        .set("CommitmentDiscountId", "cud-1");
  }

  /**
   * A day of {@code resource}'s SKU ({@code sku} running in Americas) covered by a resource-based
   * CUD, as the gcp-billing ingest books it: the usage (Used, ListCost {@code listCost}, {@code
   * seconds} of use) and its COMMITTED_USAGE_DISCOUNT credit, which cancels it, both in {@code
   * pool}.
   */
  private static List<CostRow> gceCovered(
      String cost,
      String listCost,
      String seconds,
      String resource,
      String machine,
      String sku,
      String pool,
      String credit) {
    String description = sku + " running in Americas";
    return List.of(
        gceNative(cost, resource, machine, description, pool)
            .set("ConsumedQuantity", seconds)
            .set("ConsumedUnit", "seconds")
            .set("ListCost", listCost)
            .set("CommitmentDiscountStatus", "Used"),
        gceNative("-" + cost, resource, machine, description, pool)
            .set("ChargeDescription", "Committed Usage Discount: " + credit));
  }

  /**
   * A Google Cloud charge as the gcp-billing ingest books it: SkuId the machine type (a fee: its
   * SKU), SkuMeter and ChargeDescription the SKU description, the CUD pool as CommitmentDiscountId.
   */
  private static CostRow gceNative(
      String cost, String resource, String skuId, String sku, String pool) {
    return CostRow.charge("Google Cloud", OCT_1, cost)
        .set("SkuId", skuId)
        .set("SkuMeter", sku)
        .set("ChargeDescription", sku)
        .set("ResourceId", resource)
        .set("CommitmentDiscountId", pool)
        .set("CommitmentDiscountCategory", pool == null ? null : "Usage")
        .set("CommitmentDiscountType", pool == null ? null : "Committed Use Discount");
  }

  /**
   * A host's GPUs as its collector reports them to lake/gpu, by the keys fct_gpu_hourly matches.
   */
  private record Host(String name, String instanceId, String gpuModel) {
    /**
     * GPUs {@code first} to {@code last}, one row per GPU and hour for {@code hours} hours from
     * {@code from}, each with that sample coverage and active ratio.
     */
    List<Map<String, Object>> gpuHours(
        int first, int last, LocalDateTime from, int hours, double coverage, double active) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int gpu = first; gpu <= last; gpu++) {
        for (int h = 0; h < hours; h++) {
          Map<String, Object> row =
              GpuLakeFixture.gpu(
                  from.plusHours(h), name + "-gpu" + gpu, name, instanceId, coverage, active, 0.5);
          row.put("gpu_model", gpuModel);
          rows.add(row);
        }
      }
      return rows;
    }
  }

  private static CostRow awsCovered(
      String instance, String sku, String commitment, String effectiveCost, String listCost) {
    return covered("AWS", OCT_1, instance, sku, commitment, effectiveCost, listCost);
  }

  private static CostRow awsFee(
      String commitment, String type, String billedCost, String effectiveCost) {
    return fee("AWS", commitment, type, billedCost, effectiveCost);
  }
}
