package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burnrate.core.config.SourceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One hour of one day, per provider: a GPU that idles, a billed GPU without telemetry, and a host
 * with telemetry but no bill, each matched (or not) by its provider's rule (fct_gpu_hourly): AWS by
 * a resource-based EC2 host name, Azure by VM name and by AKS scale-set node, Google Cloud by
 * instance name and by instance id label, Oracle through the source's host map, CoreWeave by node
 * name. Every GPU-hour has a telemetry coverage of 1, so observed = GPUs seen x 1 hour.
 */
class GpuCoverageByProviderTest {
  private static final LocalDate DAY = LocalDate.of(2026, 10, 1);
  private static final LocalDateTime HOUR = DAY.atTime(10, 0);
  private static final String AWS_SEEN = "i-0123456789abcdef0";
  private static final String AZ =
      "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/";
  private static final String GCE = "//compute.googleapis.com/projects/p1/zones/us-central1-a/";
  private static final String OCID = "ocid1.instance.oc1.iad.anuwcljtaaaa0001";

  @TempDir Path tmp;

  @Test
  void everyProvidersIdleUnobservedAndUnbilledGpusAreTold() throws Exception {
    TestWarehouse wh = new TestWarehouse(tmp);
    Files.writeString(
        wh.conf.resolve("oci-hosts.csv"), "hostname,instance_id\ngpu-gb200-iad-001," + OCID + "\n");
    wh.sources(
        new SourceConfig("dcgm", "dcgm", "landing/dcgm/**", Map.of(), null),
        new SourceConfig(
            "oci-smi", "nvidia-smi", "landing/smi/**", Map.of("host_map", "oci-hosts.csv"), null));
    wh.rows(
        // AWS: two p5.4xlarge (1 GPU), 1 hour each at 10.00; the bill carries no ResourceName
        aws(DAY, AWS_SEEN),
        aws(DAY, "i-0123456789abcdef1"),
        // the day before telemetry began: unobserved, not idle, not "without telemetry"
        aws(DAY.minusDays(1), AWS_SEEN),
        // Azure: a 1-GPU VM for 10.00, and an AKS scale set billed as a whole: 2 instances x 24 h
        CostRow.charge("Microsoft", DAY, "10.00")
            .gpuInstance("Standard_NC40ads_H100_v5", "1")
            .set("ResourceId", AZ + "virtualMachines/ndh100-001"),
        CostRow.charge("Microsoft", DAY, "480.00")
            .gpuInstance("Standard_NC40ads_H100_v5", "48")
            .set("ResourceId", AZ + "virtualMachineScaleSets/aks-gpu-12345678-vmss"),
        // Google Cloud: two a3-highgpu-2g, GPUs on their own SKU: 2 GPUs x 3600 s = 2 GPU-h each
        gce("1111", "a3-train-001"),
        gce("2222", "a3-train-002"),
        // Oracle: BM.GPU.GB200.4 priced per GPU-hour (4 GPUs x 1 h), no ResourceName
        CostRow.charge("Oracle", DAY, "64.00")
            .gpuInstance("BM.GPU.GB200.4", "4")
            .set("ConsumedUnit", "GPU Per Hour")
            .set("ResourceId", OCID),
        // CoreWeave: an 8-GPU node for 80.00
        CostRow.charge("CoreWeave", DAY, "80.00")
            .gpuInstance("gd-8xh100ib-i128", "1")
            .set("ResourceId", "5f0c1d2e-0000-4000-8000-000000000001")
            .set("ResourceName", "gd-h100-use04-001"));
    List<Map<String, Object>> gpus = new ArrayList<>();
    // gpu_uuid, host, instance label, active ratio; provider as the source names it
    gpus.add(gpu("aws-1", AWS_SEEN + ".us-east-2.compute.internal", null, 0.25, "AWS"));
    gpus.add(gpu("aws-x", "ip-10-0-1-2.ec2.internal", null, 1.0, "AWS"));
    gpus.add(gpu("az-vm", "ndh100-001", null, 0.0, "Microsoft"));
    gpus.add(gpu("az-aks-0", "aks-gpu-12345678-vmss000000", null, 0.5, "Microsoft"));
    gpus.add(gpu("az-x", "ndh100-999", null, 1.0, "Microsoft"));
    gpus.add(gpu("gcp-1a", "a3-train-001", null, 0.6, "Google Cloud"));
    gpus.add(gpu("gcp-2a", "gke-pool-node-7", "2222", 0.0, "Google Cloud"));
    gpus.add(gpu("gcp-2b", "gke-pool-node-7", "2222", 1.0, "Google Cloud"));
    gpus.add(gpu("gcp-x", "a3-orphan-001", null, 1.0, "Google Cloud"));
    for (int i = 0; i < 3; i++) {
      Map<String, Object> g = gpu("oci-" + i, "gpu-gb200-iad-001", null, i < 2 ? 1.0 : 0.0, null);
      g.put("x_SourceName", "oci-smi");
      g.put("gpu_model", "GB200");
      gpus.add(g);
    }
    Map<String, Object> ociUnmapped = gpu("oci-x", "gpu-gb200-iad-009", null, 1.0, "Oracle");
    ociUnmapped.put("x_SourceName", "oci-smi");
    ociUnmapped.put("gpu_model", "GB200");
    gpus.add(ociUnmapped);
    gpus.add(gpu("cw-1", "gd-h100-use04-001", null, 1.0, "CoreWeave"));
    gpus.add(gpu("cw-2", "gd-h100-use04-001", null, 0.0, "CoreWeave"));
    gpus.add(gpu("cw-x", "gd-h100-use04-099", null, 1.0, "CoreWeave"));
    // the CoreWeave node the next day, which the bill does not hold yet
    Map<String, Object> cwLate =
        GpuLakeFixture.gpu(HOUR.plusDays(1), "cw-1", "gd-h100-use04-001", null, 1.0, 1.0, 0.1);
    cwLate.put("provider", "CoreWeave");
    gpus.add(cwLate);
    gpus.add(gpu("nobody-1", "mystery-01", null, 1.0, null));
    GpuLakeFixture.write(wh, gpus);

    wh.build(DAY);

    // cost per GPU-hour C / B; idle = C x (observed - active) / B; unobserved = C x (B - O) / B;
    // per active GPU-hour = (active cost + idle cost) / active
    // AWS        B 2, C 20, O 1 (i-...f0), A 0.25: 10 / GPU-h; idle 20 x 0.75 / 2 = 7.50;
    //            unobserved (i-...f1) 10.00; per active (2.50 + 7.50) / 0.25 = 40
    // Azure      B 1 + 48, C 490, O 2 (VM, AKS node 0 for its hour), A 0 + 0.5: 10 / GPU-h; idle
    //            10 x 1 + 10 x 0.5 = 15.00; unobserved 470.00 (the set's other 47 GPU-hours);
    //            per active (5 + 15) / 0.5 = 40; coverage 2 / 49
    // Google     B 4, C 60, O 3, A 0.6 + 0 + 1 = 1.6: 15 / GPU-h; idle 15 x (0.4 + 1) = 21.00;
    //            unobserved (VM 1's 2nd GPU) 15.00; per active (24 + 21) / 1.6 = 28.125
    // Oracle     B 4, C 64, O 3 (via the host map), A 2: 16 / GPU-h; idle 16.00; unobserved
    //            16.00; per active (32 + 16) / 2 = 24
    // CoreWeave  B 8, C 80, O 2, A 1: 10 / GPU-h; idle 10.00; unobserved 60.00; per active 20
    assertEquals(
        List.of(
            "AWS | 2 | 1 | 0.25 | 0.5 | 10.0000 | 40.0000 | 7.50 | 10.00",
            "CoreWeave | 8 | 2 | 1 | 0.25 | 10.0000 | 20.0000 | 10.00 | 60.00",
            "Google Cloud | 4 | 3 | 1.6 | 0.75 | 15.0000 | 28.1250 | 21.00 | 15.00",
            "Microsoft | 49 | 2 | 0.5 | 0.0408 | 10.0000 | 40.0000 | 15.00 | 470.00",
            "Oracle | 4 | 3 | 2 | 0.75 | 16.0000 | 24.0000 | 16.00 | 16.00"),
        wh.query(
            "select provider, billed_gpu_hours, observed_gpu_hours, round(active_gpu_hours, 9),"
                + " round(coverage_share, 4), cost_per_gpu_hour, cost_per_active_gpu_hour,"
                + " idle_cost, unobserved_cost from fct_gpu_efficiency_daily where day = DATE '"
                + DAY
                + "' order by provider"));
    // the day before telemetry: all 10.00 unobserved, nothing idle, activity unknown
    assertEquals(
        List.of("0 | 10.00 | 0.00 | NULL | NULL | 0"),
        wh.query(
            "select observed_gpu_hours, unobserved_cost, idle_cost, active_share,"
                + " cost_per_active_gpu_hour, coverage_share from fct_gpu_efficiency_daily"
                + " where day = DATE '"
                + DAY.minusDays(1)
                + "'"));
    assertEquals(
        List.of(
            "a3-train-001 | host_name",
            "aks-gpu-12345678-vmss000000 | scale_set",
            "gd-h100-use04-001 | host_name",
            "gke-pool-node-7 | instance_id",
            "gpu-gb200-iad-001 | host_map",
            AWS_SEEN + ".us-east-2.compute.internal | ec2_host_name",
            "ndh100-001 | host_name"),
        wh.query(
            "select distinct hostname, matched_by from fct_gpu_hourly where matched_by is not null"
                + " order by hostname"));
    assertEquals(
        List.of(
            "2026-10-01 | a3-orphan-001 | Google Cloud | 1 | no bill key matched",
            "2026-10-01 | gd-h100-use04-099 | CoreWeave | 1 | no bill key matched",
            "2026-10-01 | gpu-gb200-iad-009 | Oracle | 1 | no bill key matched",
            "2026-10-01 | ip-10-0-1-2.ec2.internal | AWS | 1 | ip-based host name: add an"
                + " instance_id label or a host_map line",
            "2026-10-01 | mystery-01 | NULL | 1 | provider unknown: no bill key matched and the"
                + " source names no provider",
            "2026-10-01 | ndh100-999 | Microsoft | 1 | no bill key matched",
            "2026-10-02 | gd-h100-use04-001 | CoreWeave | 1 | not billed that day: the host"
                + " matches a bill row of another day"),
        wh.query(
            "select day, hostname, provider, gpus, unmatched_reason from fct_gpu_telemetry_unmatched_daily"
                + " order by day, hostname"));
    // every fct_gpu_hourly row has a provider or is listed as unmatched (the Oracle GPUs take the
    // bill's provider: their source names none)
    assertEquals(
        List.of("0"),
        wh.query(
            "select count(*) from fct_gpu_hourly h where h.provider is null and not exists (select 1"
                + " from fct_gpu_telemetry_unmatched_daily u where u.day = h.day and u.source_name ="
                + " h.source_name and u.hostname = h.hostname)"));
    assertEquals(
        List.of("Oracle | 3"),
        wh.query(
            "select provider, count(*) from fct_gpu_hourly where source_name = 'oci-smi'"
                + " and resource_key is not null group by provider"));
    assertEquals(
        List.of(
            "AWS | i-0123456789abcdef1 | 1 | 10.00",
            "CoreWeave | 5f0c1d2e-0000-4000-8000-000000000001 | 6 | 60.00",
            "Google Cloud | " + GCE + "instances/1111 | 1 | 15.00",
            // 48 GPU-hours in a day need 2 GPUs; 1 reported
            "Microsoft | " + AZ + "virtualMachineScaleSets/aks-gpu-12345678-vmss | 1 | 470.00",
            "Oracle | " + OCID + " | 1 | 16.00"),
        wh.query(
            "select provider, resource_id, gpus_without_telemetry, unobserved_cost"
                + " from fct_gpu_billed_without_telemetry_daily order by provider"));
  }

  private static CostRow aws(LocalDate day, String instanceId) {
    return CostRow.charge("AWS", day, "10.00")
        .gpuInstance("p5.4xlarge", "1")
        .set("ResourceId", instanceId);
  }

  private static CostRow gce(String id, String name) {
    return CostRow.charge("Google Cloud", DAY, "30.00")
        .gpuInstance("a3-highgpu-2g", "7200")
        .set("ConsumedUnit", "seconds")
        .set("SkuMeter", "Nvidia H100 80GB GPU running in Americas")
        .set("ResourceId", GCE + "instances/" + id)
        .set("ResourceName", name);
  }

  private static Map<String, Object> gpu(
      String uuid, String host, String instanceId, double active, String provider) {
    Map<String, Object> g = GpuLakeFixture.gpu(HOUR, uuid, host, instanceId, 1.0, active, 0.1);
    g.put("provider", provider);
    return g;
  }
}
