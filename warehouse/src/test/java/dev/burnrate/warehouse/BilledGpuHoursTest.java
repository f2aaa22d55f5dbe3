package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Billed GPU-hours (focus_cost.x_GpuHours) from each unit flavour providers bill in, one case per
 * flavour, with the figures worked out by hand in the comments: AWS instance-hours, Azure unit
 * blocks, Google Cloud's GPU SKU rows in seconds beside the cores and RAM of the same VM, OCI's
 * per-GPU quantities, minutes, and a GPU-hour Usage commitment burning them.
 */
class BilledGpuHoursTest {
  private static final LocalDate DAY = LocalDate.of(2026, 10, 5);
  private static final String GCE_VM =
      "//compute.googleapis.com/projects/meridian/zones/us-central1-a/instances/a3-train-001";

  @TempDir Path tmp;

  private static final String GPU_COLUMNS =
      "select x_SourceLine, x_GpuModel, x_GpuCount, x_GpuHours from focus_cost order by x_SourceLine";

  @Test
  void awsInstanceHoursTimesEightGpus() {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.rows(
        // 24 Hrs of a p5.48xlarge (8 x H100) = 192 GPU-hours
        CostRow.charge("AWS", DAY, "1320.00")
            .gpuInstance("p5.48xlarge", "24")
            .set("ConsumedUnit", "Hrs")
            .set("ResourceId", "i-0a1"),
        // an EBS volume of the same instance: not a GPU row
        CostRow.charge("AWS", DAY, "5.00")
            .set("SkuId", "EBS:VolumeUsage.gp3")
            .set("ConsumedQuantity", "100")
            .set("ConsumedUnit", "GB-Mo"));

    wh.build(DAY);

    assertEquals(
        List.of("1 | H100 | 8 | 192.0000000000", "2 | NULL | NULL | NULL"), wh.query(GPU_COLUMNS));
    // 1320 / 192 = 6.875 per GPU-hour
    assertEquals(
        List.of("AWS | H100 | 192 | 6.8750"),
        wh.query(
            "select provider, gpu_model, billed_gpu_hours, cost_per_gpu_hour"
                + " from fct_gpu_efficiency_daily"));
  }

  @Test
  void azureUnitBlocksCountTheirHours() {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.rows(
        // "10 Hours" blocks: 2.4 blocks = 24 h of an 8-GPU ND96isr H100 v5 = 192 GPU-hours
        azure("Standard_ND96isr_H100_v5", "2.4", "10 Hours", "vm-1"),
        // "100 Hours" blocks: 0.12 blocks = 12 h of a 1-GPU NC40ads H100 v5 = 12 GPU-hours
        azure("Standard_NC40ads_H100_v5", "0.12", "100 Hours", "vm-2"),
        // "1 Hour": 24 h of a 4-GPU ND GB200 v6 = 96 GPU-hours
        azure("Standard_ND128isr_NDR_GB200_v6", "24", "1 Hour", "vm-3"));

    wh.build(DAY);

    assertEquals(
        List.of(
            "1 | H100 | 8 | 192.0000000000",
            "2 | H100 | 1 | 12.0000000000",
            "3 | GB200 | 4 | 96.0000000000"),
        wh.query(GPU_COLUMNS));
  }

  @Test
  void googleCloudCountsTheGpuSkuRowsOnceBesideTheVmCoresAndRam() {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.rows(
        // one a3-highgpu-8g for a day, as three SKUs of the same VM (SkuId = the machine type)
        gcp(GCE_VM, "a3-highgpu-8g", "A3 Instance Core running in Americas", "17971200", "150.00"),
        gcp(
                GCE_VM,
                "a3-highgpu-8g",
                "A3 Instance Ram running in Americas",
                "160000000000000000",
                "50.00")
            .set("ConsumedUnit", "byte-seconds"),
        // 8 GPUs x 86400 s = 691200 GPU-seconds = 192 GPU-hours
        gcp(
            GCE_VM,
            "a3-highgpu-8g",
            "Nvidia H100 80GB GPU running in Americas",
            "691200",
            "1400.00"),
        // the commitment fee of those GPUs: no GPU-hours (the usage rows carry them)
        gcp(
            null,
            "9C2F-11AA-0001",
            "Commitment v1: Nvidia H100 80GB GPU running in Americas for 1 Year",
            "691200",
            "700.00"),
        // an A4 VM: the whole machine is billed as B200 GPU slices, 8 x 3600 s = 8 GPU-hours
        gcp(
                "a4-vm",
                "a4-highgpu-8g",
                "A4 Nvidia B200 (1 gpu slice) running in Americas",
                "28800",
                "120.00")
            .set("ChargePeriodEnd", DAY + " 01:00:00"),
        // an N1 VM with 2 attached T4s, machine type unknown to the catalog: the model comes from
        // the SKU, the count from 7200 GPU-seconds over a one-hour charge period = 2 GPUs
        gcp("n1-vm", "F5B4-0E22-3A67", "Nvidia Tesla T4 GPU running in Americas", "7200", "0.70")
            .set("ChargePeriodEnd", DAY + " 01:00:00"));

    wh.build(DAY);

    assertEquals(
        List.of(
            "1 | H100 | 8 | NULL",
            "2 | H100 | 8 | NULL",
            "3 | H100 | 8 | 192.0000000000",
            "4 | NULL | NULL | NULL",
            "5 | B200 | 8 | 8.0000000000",
            "6 | T4 | 2 | 2.0000000000"),
        wh.query(GPU_COLUMNS));
    // the VM's cost is its cores, RAM and GPUs: (150 + 50 + 1400) / 192 = 8.3333 per GPU-hour
    assertEquals(
        List.of(
            GCE_VM + " | H100 | 8 | a3-highgpu-8g | 192 | 1600.00",
            "a4-vm | B200 | 8 | a4-highgpu-8g | 8 | 120.00",
            "n1-vm | T4 | 2 | NULL | 2 | 0.70"),
        wh.query(
            "select resource_key, gpu_model, gpu_count, instance_type, billed_gpu_hours,"
                + " cast(gpu_cost as decimal(18, 2)) from fct_gpu_instance_daily order by resource_key"));
    assertEquals(
        List.of("B200 | 8 | 15.0000", "H100 | 192 | 8.3333", "T4 | 2 | 0.3500"),
        wh.query(
            "select gpu_model, billed_gpu_hours, cost_per_gpu_hour from fct_gpu_efficiency_daily"
                + " order by gpu_model"));
  }

  @Test
  void oracleQuantitiesAreAlreadyPerGpu() {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.rows(
        // the part's description names the GPU ("GPU Per Hour"): 192 GPU-hours, 192 / 24 h = 8 GPUs
        oci("B98415", "OCI - Compute - GPU - H100", "192", "GPU Per Hour", "1920.00"),
        // the shape in SkuId, priced per GPU even where the unit only says hours: 16, not 128
        oci("BM.GPU.H200.8", "Compute - GPU - BM.GPU.H200.8 - GPU Per Hour", "16", "Hours", "160"),
        oci("BM.GPU.GB200.4", "Compute - GPU - GB200", "96", "GPU Per Hour", "1536.00"),
        // block storage of the same tenancy: not a GPU row
        oci("B91961", "Block Volume - Performance Units", "100", "Performance Units Per GB", "1"));

    wh.build(DAY);

    assertEquals(
        List.of(
            "1 | H100 | 8 | 192.0000000000",
            "2 | H200 | 8 | 16.0000000000",
            "3 | GB200 | 4 | 96.0000000000",
            "4 | NULL | NULL | NULL"),
        wh.query(GPU_COLUMNS));
  }

  @Test
  void minutesSecondsAndGpuUnitsConvertToGpuHours() {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.rows(
        // 90 minutes of an 8-GPU node = 1.5 h x 8 = 12 GPU-hours
        coreweave("gd-8xh100ib-i128", "90", "Minutes"),
        // 5400 seconds of an 8-GPU node = 1.5 h x 8 = 12 GPU-hours
        coreweave("gd-8xh200ib-i128", "5400", "seconds"),
        // a unit naming the GPU is per GPU: 16 GPU-hours, not 16 x 8
        coreweave("b200-8x", "16", "GPU-hours"),
        // per-GPU minutes: 120 GPU-minutes = 2 GPU-hours
        coreweave("gb200-4x", "120", "gpu minutes"),
        // a unit that is not time gives none
        coreweave("gd-8xa100-i128", "3", "Requests"));

    wh.build(DAY);

    assertEquals(
        List.of(
            "1 | H100 | 8 | 12.0000000000",
            "2 | H200 | 8 | 12.0000000000",
            "3 | B200 | 8 | 16.0000000000",
            "4 | GB200 | 4 | 2.0000000000",
            "5 | A100 | 8 | NULL"),
        wh.query(GPU_COLUMNS));
  }

  @Test
  void gpuHourUsageCommitmentsBurnTheBilledGpuHours() {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .contracts(
                new Contracts()
                    .contract("gcp-2026", "Google Cloud", "USD", "2026-10-01", "2027-10-01")
                    .usage("gcp-gpuh-y1", "2026-10-01", "2027-10-01", "100000", "GPU-hours")
                    .contract("oci-2026", "Oracle", "USD", "2026-10-01", "2027-10-01")
                    .usage("oci-gpuh-y1", "2026-10-01", "2027-10-01", "50000", "GPU-hours")
                    .yaml());
    LocalDate next = DAY.plusDays(1);
    wh.rows(
        // Google Cloud day 1: cores and RAM burn nothing, the GPU SKU 192, the commitment fee
        // nothing; day 2: 8 GPUs for an hour = 8. Total 200, not 3 x 192 + 8.
        gcp(GCE_VM, "a3-highgpu-8g", "A3 Instance Core running in Americas", "17971200", "150"),
        gcp(
                GCE_VM,
                "a3-highgpu-8g",
                "A3 Instance Ram running in Americas",
                "160000000000000000",
                "50")
            .set("ConsumedUnit", "byte-seconds"),
        gcp(GCE_VM, "a3-highgpu-8g", "Nvidia H100 80GB GPU running in Americas", "691200", "1400"),
        gcp(
            null,
            "9C2F-11AA-0001",
            "Commitment v1: Nvidia H100 80GB GPU running in Americas for 1 Year",
            "691200",
            "700"),
        gcp(GCE_VM, "a3-highgpu-8g", "Nvidia H100 80GB GPU running in Americas", "28800", "58")
            .set("ChargePeriodStart", next + " 00:00:00")
            .set("ChargePeriodEnd", next + " 01:00:00"),
        // Oracle: 192 GPU-hours per GPU, not 192 x 8
        oci(
            "BM.GPU.H100.8",
            "Compute - GPU - BM.GPU.H100.8 - GPU Per Hour",
            "192",
            "GPU Per Hour",
            "1920"));

    wh.build(next);

    assertEquals(
        List.of(
            "gcp-gpuh-y1 | 2026-10-05 | 192.0000000000",
            "gcp-gpuh-y1 | 2026-10-06 | 8.0000000000",
            "oci-gpuh-y1 | 2026-10-05 | 192.0000000000"),
        wh.query(
            "select commitment_id, charge_date, burned from fct_commitment_burn_daily"
                + " order by commitment_id, charge_date"));
    assertEquals(
        List.of("gcp-gpuh-y1 | 200.0000000000", "oci-gpuh-y1 | 192.0000000000"),
        wh.query(
            "select commitment_id, cast(burned as decimal(38, 10)) from fct_commitment_status"
                + " order by commitment_id"));
  }

  @Test
  void confCatalogsAddSkusAndKeepTheShippedBillingOfAnOldStyleRow() throws Exception {
    TestWarehouse wh = new TestWarehouse(tmp);
    // an operator's override in the old four-column layout keeps the shipped billed_per (gpu_sku):
    // the core row still carries no GPU-hours; the added SKU pattern finds a new GPU SKU
    Files.writeString(
        wh.conf.resolve("gpu-instances.csv"),
        "instance_type,provider,gpu_model,gpu_count\na3-highgpu-8g,Google Cloud,H100,8\n");
    Files.writeString(
        wh.conf.resolve("gpu-skus.csv"),
        "provider,gpu_model,sku_like\nGoogle Cloud,RTX PRO 6000,rtx 6000 96gb running %\n");
    wh.rows(
        gcp(GCE_VM, "a3-highgpu-8g", "A3 Instance Core running in Americas", "17971200", "150"),
        gcp("g4-vm", "g4-standard-48", "RTX 6000 96GB running in Oregon", "3600", "4"));

    wh.build(DAY);

    assertEquals(
        List.of("1 | H100 | 8 | NULL", "2 | RTX PRO 6000 | 1 | 1.0000000000"),
        wh.query(GPU_COLUMNS));
  }

  @Test
  void aSkuPatternMatchingEverythingIsAConfigErrorNamingFileAndLine() throws Exception {
    TestWarehouse wh = new TestWarehouse(tmp);
    Files.writeString(
        wh.conf.resolve("gpu-skus.csv"), "provider,gpu_model,sku_like\n# comment\nOracle,H100,%\n");
    wh.rows(CostRow.charge("AWS", DAY, "1.00"));

    BurnrateException e = assertThrows(BurnrateException.class, () -> wh.build(DAY));

    assertTrue(
        e.getMessage().contains("gpu-skus.csv:3: sku_like '%' would match every description"),
        e.getMessage());
  }

  private static CostRow azure(String size, String quantity, String unit, String vm) {
    return CostRow.charge("Microsoft", DAY, "100.00")
        .gpuInstance(size, quantity)
        .set("ConsumedUnit", unit)
        .set("ResourceId", "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/" + vm);
  }

  private static CostRow gcp(
      String resource, String skuId, String skuDescription, String quantity, String cost) {
    return CostRow.charge("Google Cloud", DAY, cost)
        .service("Compute Engine")
        .gpuInstance(skuId, quantity)
        .set("ConsumedUnit", "seconds")
        .set("SkuMeter", skuDescription)
        .set("ChargeDescription", skuDescription)
        .set("ResourceId", resource);
  }

  private static CostRow oci(
      String skuId, String description, String quantity, String unit, String cost) {
    return CostRow.charge("Oracle", DAY, cost)
        .gpuInstance(skuId, quantity)
        .set("ConsumedUnit", unit)
        .set("ChargeDescription", description)
        .set("ResourceId", "ocid1.instance.oc1.iad." + skuId);
  }

  private static CostRow coreweave(String sku, String quantity, String unit) {
    return CostRow.charge("CoreWeave", DAY, "10.00")
        .gpuInstance(sku, quantity)
        .set("ConsumedUnit", unit)
        .set("ResourceName", "node-" + sku);
  }
}
