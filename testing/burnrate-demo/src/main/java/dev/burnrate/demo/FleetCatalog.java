package dev.burnrate.demo;

import static dev.burnrate.demo.Fleet.Workload.FINETUNE;
import static dev.burnrate.demo.Fleet.Workload.INFERENCE;
import static dev.burnrate.demo.Fleet.Workload.PRETRAIN;

import dev.burnrate.demo.Fleet.Account;
import dev.burnrate.demo.Fleet.Node;
import dev.burnrate.demo.Fleet.Provider;
import dev.burnrate.demo.Fleet.SubAccount;
import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fleet of "Meridian AI", a fictional model lab: its five providers' estates ({@link AwsFleet},
 * {@link AzureFleet}, {@link GcpFleet}, {@link OciFleet}, {@link CoreWeaveFleet}) and the
 * commitment discounts over them. At scale 1: AWS 12 p5.48xlarge (H100) + 4 p5e.48xlarge (H200),
 * Azure 6 ND96isr H100 v5 (2 VMs and a 2-node AKS pool on a USD billing account, 2 VMs on a EUR
 * one), Google Cloud 4 a3-highgpu-8g (H100) + 2 a4-highgpu-8g (B200), Oracle 4 BM.GPU.GB200.4
 * (GB200, 4 GPUs each), CoreWeave 8 HGX H100 nodes: 40 nodes, 304 GPUs of four models. Scale N
 * multiplies every node count (and bucket sizes and traffic); there stays one mostly idle node per
 * provider and one AWS node that sends no telemetry.
 *
 * <p>Each provider's telemetry names its hosts as that provider does, and its bill names them as it
 * does, so that each of the warehouse's matching rules has a case (docs/architecture.md): AWS
 * resource-based EC2 host names against the instance id (no ResourceName), Azure VM names and AKS
 * nodes of a scale set billed as a whole, Google Cloud instance names, Oracle hosts through the
 * host map the conf writer writes (the cost report names no resource), CoreWeave node names. One
 * more AWS host, with an IP-based name, sends telemetry and is on no bill ({@link #UNBILLED_HOST}).
 */
final class FleetCatalog {
  /**
   * The host that sends telemetry but is on no bill: an AWS host with an IP-based name, which holds
   * no instance id (fct_gpu_telemetry_unmatched_daily lists it).
   */
  static final String UNBILLED_HOST = "ip-10-16-200-7.ec2.internal";

  private FleetCatalog() {}

  static Fleet build(int scale, long seed) {
    List<Provider> providers =
        List.of(
            AwsFleet.build(scale, seed),
            AzureFleet.build(scale, seed),
            GcpFleet.build(scale, seed),
            OciFleet.build(scale, seed),
            CoreWeaveFleet.build(scale, seed));
    return new Fleet(providers, commitments(providers, seed));
  }

  /**
   * The commitment discounts: an AWS Compute Savings Plan over the inference fleet (5% of its
   * commitment left unused) and Reserved Instances for the fine-tuning nodes, an Azure reservation
   * for the fine-tuning VMs, a Google Cloud committed use discount for the inference VMs.
   */
  private static List<Fleet.Commitment> commitments(List<Provider> providers, long seed) {
    Provider aws = providers.get(0);
    Provider azure = providers.get(1);
    Provider gcp = providers.get(2);
    Account awsPayer = aws.accounts().get(0);
    SplittableRandom r = Rng.of(seed, "commitments");
    Account azureAccount = coveredAccount(azure, FINETUNE);
    SubAccount gcpProject = coveredSub(gcp, INFERENCE);
    return List.of(
        new Fleet.Commitment(
            "aws",
            Fleet.CommitmentKind.AWS_SAVINGS_PLAN,
            "arn:aws:savingsplans::" + awsPayer.id() + ":savingsplan/" + Rng.uuid(r),
            "Compute Savings Plan, 1 year, no upfront",
            awsPayer,
            INFERENCE,
            bd("0.28"),
            bd("0.05")),
        new Fleet.Commitment(
            "aws",
            Fleet.CommitmentKind.AWS_RESERVED_INSTANCE,
            "arn:aws:ec2:"
                + coveredSub(aws, FINETUNE).regionId()
                + ":"
                + awsPayer.id()
                + ":reserved-instances/"
                + Rng.uuid(r),
            "p5.48xlarge Linux, 1 year, partial upfront",
            awsPayer,
            FINETUNE,
            bd("0.40"),
            BigDecimal.ZERO),
        new Fleet.Commitment(
            "azure",
            Fleet.CommitmentKind.AZURE_RESERVATION,
            "/providers/Microsoft.Capacity/reservationOrders/"
                + Rng.uuid(r)
                + "/reservations/"
                + Rng.uuid(r),
            "VM_RI_ND96isr_H100_v5_1y",
            azureAccount,
            FINETUNE,
            bd("0.35"),
            BigDecimal.ZERO),
        new Fleet.Commitment(
            "gcp",
            Fleet.CommitmentKind.GCP_CUD,
            "projects/"
                + gcpProject.id()
                + "/regions/"
                + gcpProject.regionId()
                + "/commitments/cud-a4-highgpu-1y",
            "cud-a4-highgpu-1y",
            gcpProject.account(),
            INFERENCE,
            bd("0.37"),
            BigDecimal.ZERO));
  }

  private static SubAccount coveredSub(Provider p, Fleet.Workload w) {
    return p.nodes().stream()
        .filter(n -> n.workload() == w)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(p.slug() + " runs no " + w + " node"))
        .sub();
  }

  private static Account coveredAccount(Provider p, Fleet.Workload w) {
    return coveredSub(p, w).account();
  }

  /**
   * The host on no bill ({@link #UNBILLED_HOST}): an AWS p5.48xlarge in the research account that
   * sends DCGM scrapes only, its GPUs distinct from every billed node's.
   */
  static Node unbilledHost(Fleet fleet) {
    Provider aws = fleet.provider("aws");
    Node like = aws.nodes().get(0);
    return new Node(
        aws.slug(),
        aws.nodes().size(),
        like.sub(),
        like.type(),
        null,
        UNBILLED_HOST,
        null,
        like.zone(),
        null,
        PRETRAIN,
        true,
        like.listPrice(),
        null,
        false,
        like.skuPriceId(),
        like.description());
  }

  static BigDecimal bd(String v) {
    return new BigDecimal(v);
  }
}
