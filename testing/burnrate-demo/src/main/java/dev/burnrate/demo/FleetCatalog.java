package dev.burnrate.demo;

import static dev.burnrate.demo.Fleet.Workload.FINETUNE;
import static dev.burnrate.demo.Fleet.Workload.IDLE;
import static dev.burnrate.demo.Fleet.Workload.INFERENCE;
import static dev.burnrate.demo.Fleet.Workload.PRETRAIN;

import dev.burnrate.core.focus.Providers;
import dev.burnrate.demo.Fleet.Account;
import dev.burnrate.demo.Fleet.InstanceType;
import dev.burnrate.demo.Fleet.Node;
import dev.burnrate.demo.Fleet.Provider;
import dev.burnrate.demo.Fleet.SubAccount;
import dev.burnrate.demo.Fleet.Workload;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.IntFunction;

/**
 * The fleet of "Meridian AI", a fictional model lab. At scale 1: AWS 12 p5.48xlarge (H100) + 4
 * p5e.48xlarge (H200), Azure 6 ND96isr H100 v5 (2 VMs and a 2-node AKS pool on a USD billing
 * account, 2 VMs on a EUR one), Google Cloud 4 a3-highgpu-8g (H100) + 2 a4-highgpu-8g (B200),
 * Oracle 4 BM.GPU.GB200.4 (GB200, 4 GPUs each), CoreWeave 8 HGX H100 nodes: 40 nodes, 304 GPUs of
 * four models. Scale N multiplies every node count (and bucket sizes and traffic); there stays one
 * mostly idle node per provider and one AWS node that sends no telemetry.
 *
 * <p>Each provider's telemetry names its hosts as that provider does, and its bill names them as it
 * does, so that each of the warehouse's matching rules has a case (docs/architecture.md): AWS
 * resource-based EC2 host names against the instance id (no ResourceName), Azure VM names and AKS
 * nodes of a scale set billed as a whole, Google Cloud instance names, Oracle hosts through the
 * host map the conf writer writes (the cost report names no resource), CoreWeave node names. One
 * more AWS host, with an IP-based name, sends telemetry and is on no bill ({@link #UNBILLED_HOST}).
 */
final class FleetCatalog {
  static final InstanceType P5 = new InstanceType("p5.48xlarge", "NVIDIA H100 80GB HBM3", 8, 81559);
  static final InstanceType P5E = new InstanceType("p5e.48xlarge", "NVIDIA H200", 8, 143771);
  static final InstanceType ND_H100 =
      new InstanceType("Standard_ND96isr_H100_v5", "NVIDIA H100 80GB HBM3", 8, 81559);
  static final InstanceType A3 =
      new InstanceType("a3-highgpu-8g", "NVIDIA H100 80GB HBM3", 8, 81559);
  static final InstanceType A4 = new InstanceType("a4-highgpu-8g", "NVIDIA B200", 8, 183359);
  static final InstanceType BM_GB200 =
      new InstanceType("BM.GPU.GB200.4", "NVIDIA GB200", 4, 189471);
  static final InstanceType CW_H100 =
      new InstanceType("gd-8xh100ib-i128", "NVIDIA H100 80GB HBM3", 8, 81559);

  /**
   * AWS: the resource-based host name EC2 gives an instance ({@code i-0abc....ec2.internal} in
   * us-east-1, {@code i-0abc....<region>.compute.internal} elsewhere); the bill has the instance id
   * and no ResourceName.
   */
  private static final Naming EC2_RESOURCE_NAMES =
      new Naming((base, id) -> id + "." + base, (base, id) -> null);

  /** Azure: the AKS GPU node pool's scale set; its nodes are this name and 6 base-36 chars. */
  private static final String AKS_POOL = "aks-gpupool-31415926-vmss";

  /**
   * The host that sends telemetry but is on no bill: an AWS host with an IP-based name, which holds
   * no instance id (fct_gpu_telemetry_unmatched_daily lists it).
   */
  static final String UNBILLED_HOST = "ip-10-16-200-7.ec2.internal";

  private FleetCatalog() {}

  static Fleet build(int scale, long seed) {
    List<Provider> providers =
        List.of(
            aws(scale, seed),
            azure(scale, seed),
            gcp(scale, seed),
            oci(scale, seed),
            coreweave(scale, seed));
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

  private static Provider aws(int scale, long seed) {
    SplittableRandom r = Rng.of(seed, "aws", "accounts");
    Account payer =
        new Account(
            Rng.digits(r, 12),
            "Meridian AI",
            "Payer Account",
            "USD",
            bd("15000"),
            bd("5000"),
            bd("0.06"),
            "US sales tax");
    SubAccount research =
        new SubAccount(
            Rng.digits(r, 12),
            "meridian-research",
            "Linked Account",
            payer,
            "us-east-1",
            "US East (N. Virginia)",
            1_800_000L * scale,
            bd("0.021"),
            bd("0.05"),
            1_500 * scale,
            4_000 * scale,
            "arn:aws:s3:::meridian-research-datasets",
            "meridian-research-datasets");
    SubAccount inference =
        new SubAccount(
            Rng.digits(r, 12),
            "meridian-inference",
            "Linked Account",
            payer,
            "us-east-2",
            "US East (Ohio)",
            120_000L * scale,
            bd("0.021"),
            bd("0.05"),
            15_000 * scale,
            30_000 * scale,
            "arn:aws:s3:::meridian-inference-artifacts",
            "meridian-inference-artifacts");
    String p5Text = "$%s per On Demand Linux p5.48xlarge Instance Hour";
    String p5eText = "$%s per On Demand Linux p5e.48xlarge Instance Hour";
    List<Node> nodes = new ArrayList<>();
    expand(
        nodes,
        seed,
        "aws",
        scale,
        new Group(
            research,
            P5,
            List.of(
                PRETRAIN, PRETRAIN, IDLE, PRETRAIN, PRETRAIN, PRETRAIN, PRETRAIN, FINETUNE,
                PRETRAIN, PRETRAIN, FINETUNE, PRETRAIN),
            5,
            bd("55.04"),
            null,
            false,
            p5Text,
            List.of("us-east-1a", "us-east-1b"),
            i -> "ec2.internal",
            (host, zone, rr) -> "i-0" + Rng.hex(rr, 16),
            EC2_RESOURCE_NAMES));
    expand(
        nodes,
        seed,
        "aws",
        scale,
        new Group(
            inference,
            P5E,
            List.of(INFERENCE, INFERENCE, INFERENCE, INFERENCE),
            -1,
            bd("63.30"),
            null,
            false,
            p5eText,
            List.of("us-east-2a"),
            i -> "us-east-2.compute.internal",
            (host, zone, rr) -> "i-0" + Rng.hex(rr, 16),
            EC2_RESOURCE_NAMES));
    return new Provider(
        "aws",
        Providers.AWS,
        "Amazon Web Services, Inc.",
        FocusDialect.of("1.2").gzipped(),
        bd("0.15"),
        "Amazon Elastic Compute Cloud",
        "Virtual Machines",
        "Instance",
        "Amazon Simple Storage Service",
        "AWS Data Transfer",
        "AWS Support (Enterprise)",
        "AWS Generative AI Accelerator credit",
        false,
        List.of(payer),
        List.of(research, inference),
        List.copyOf(nodes));
  }

  private static Provider azure(int scale, long seed) {
    SplittableRandom r = Rng.of(seed, "azure", "accounts");
    Account us =
        new Account(
            Rng.digits(r, 8),
            "Meridian AI (US)",
            "Enrollment",
            "USD",
            bd("12000"),
            bd("2500"),
            bd("0.06"),
            "US sales tax");
    Account eu =
        new Account(
            Rng.digits(r, 8),
            "Meridian AI (EU)",
            "Enrollment",
            "EUR",
            null,
            null,
            bd("0.19"),
            "VAT 19%");
    String trainSub = Rng.uuid(r);
    String euSub = Rng.uuid(r);
    SubAccount train =
        new SubAccount(
            trainSub,
            "llm-training-prod",
            "Subscription",
            us,
            "eastus",
            "East US",
            600_000L * scale,
            bd("0.0184"),
            bd("0.05"),
            1_000 * scale,
            3_000 * scale,
            azureStorage(trainSub, "meridiantraindata"),
            "meridiantraindata");
    SubAccount finetune =
        new SubAccount(
            euSub,
            "llm-finetune-eu",
            "Subscription",
            eu,
            "swedencentral",
            "Sweden Central",
            150_000L * scale,
            bd("0.0170"),
            bd("0.046"),
            500 * scale,
            1_500 * scale,
            azureStorage(euSub, "meridianeudata"),
            "meridianeudata");
    String text = "NDisrH100v5 Series - ND96isr H100 v5 - Linux";
    List<Node> nodes = new ArrayList<>();
    expand(
        nodes,
        seed,
        "azure",
        scale,
        new Group(
            train,
            ND_H100,
            List.of(PRETRAIN, IDLE),
            -1,
            bd("98.32"),
            null,
            false,
            text,
            // Azure's export leaves AvailabilityZone empty
            Collections.singletonList(null),
            i -> String.format(Locale.ROOT, "ndh100v5-eus-%03d", i + 1),
            (host, zone, rr) -> azureVm(trainSub, "rg-llm-training", host),
            Naming.SAME));
    // an AKS GPU node pool: a scale set billed as a whole, its nodes named after it
    expand(
        nodes,
        seed,
        "azure",
        scale,
        new Group(
            train,
            ND_H100,
            List.of(PRETRAIN, PRETRAIN),
            -1,
            bd("98.32"),
            null,
            false,
            text,
            Collections.singletonList(null),
            i ->
                AKS_POOL
                    + String.format(Locale.ROOT, "%6s", Integer.toString(i, 36)).replace(' ', '0'),
            (host, zone, rr) -> azureScaleSet(trainSub, "mc_rg-llm-training_aks-train", AKS_POOL),
            new Naming((base, id) -> base, (base, id) -> AKS_POOL)));
    expand(
        nodes,
        seed,
        "azure",
        scale,
        new Group(
            finetune,
            ND_H100,
            List.of(FINETUNE, FINETUNE),
            -1,
            bd("91.12"),
            null,
            false,
            text,
            Collections.singletonList(null),
            i -> String.format(Locale.ROOT, "ndh100v5-sec-%03d", i + 1),
            (host, zone, rr) -> azureVm(euSub, "rg-llm-finetune", host),
            Naming.SAME));
    return new Provider(
        "azure",
        Providers.AZURE,
        "Microsoft",
        FocusDialect.of("1.0").excelStyle(),
        bd("0.20"),
        "Virtual Machines",
        "Virtual Machines",
        "Virtual machine",
        "Storage",
        "Bandwidth",
        "Unified Support",
        "Azure sponsorship credit",
        false,
        List.of(us, eu),
        List.of(train, finetune),
        List.copyOf(nodes));
  }

  private static Provider gcp(int scale, long seed) {
    SplittableRandom r = Rng.of(seed, "gcp", "accounts");
    String billingId =
        (Rng.hex(r, 6) + "-" + Rng.hex(r, 6) + "-" + Rng.hex(r, 6)).toUpperCase(Locale.ROOT);
    Account ba =
        new Account(
            billingId,
            "Meridian AI billing",
            "Billing Account",
            "USD",
            bd("12500"),
            bd("6000"),
            bd("0.06"),
            "US sales tax");
    String trainProject = "meridian-train-" + Rng.digits(r, 6);
    String serveProject = "meridian-serve-" + Rng.digits(r, 6);
    SubAccount train =
        new SubAccount(
            trainProject,
            "Meridian Train",
            "Project",
            ba,
            "us-central1",
            "Iowa",
            900_000L * scale,
            bd("0.020"),
            bd("0.08"),
            1_000 * scale,
            3_000 * scale,
            "//storage.googleapis.com/projects/_/buckets/meridian-train-corpus",
            "meridian-train-corpus");
    SubAccount serve =
        new SubAccount(
            serveProject,
            "Meridian Serve",
            "Project",
            ba,
            "us-east5",
            "Columbus",
            80_000L * scale,
            bd("0.020"),
            bd("0.08"),
            8_000 * scale,
            16_000 * scale,
            "//storage.googleapis.com/projects/_/buckets/meridian-serve-models",
            "meridian-serve-models");
    String text = "A3 High instance: 8 NVIDIA H100 80GB GPUs, running in Americas";
    List<Node> nodes = new ArrayList<>();
    expand(
        nodes,
        seed,
        "gcp",
        scale,
        new Group(
            train,
            A3,
            List.of(PRETRAIN, PRETRAIN, IDLE, PRETRAIN),
            -1,
            bd("88.49"),
            bd("79.64"),
            false,
            text,
            List.of("us-central1-a", "us-central1-c"),
            i -> String.format(Locale.ROOT, "a3-train-%03d", i + 1),
            (host, zone, rr) -> gceInstance(trainProject, zone, rr),
            Naming.SAME));
    expand(
        nodes,
        seed,
        "gcp",
        scale,
        new Group(
            serve,
            A4,
            List.of(INFERENCE, INFERENCE),
            -1,
            bd("104.26"),
            bd("93.83"),
            false,
            "A4 instance: 8 NVIDIA B200 GPUs, running in Americas",
            List.of("us-east5-a"),
            i -> String.format(Locale.ROOT, "a3-serve-%03d", i + 1),
            (host, zone, rr) -> gceInstance(serveProject, zone, rr),
            Naming.SAME));
    return new Provider(
        "gcp",
        Providers.GCP,
        "Google Cloud",
        FocusDialect.of("1.1").nullAs("NULL"),
        bd("0.25"),
        "Compute Engine",
        "Virtual Machines",
        "Compute Instance",
        "Cloud Storage",
        "Networking",
        "Cloud Support",
        "Promotional credit",
        true,
        List.of(ba),
        List.of(train, serve),
        List.copyOf(nodes));
  }

  private static Provider oci(int scale, long seed) {
    SplittableRandom r = Rng.of(seed, "oci", "accounts");
    Account tenancy =
        new Account(
            "ocid1.tenancy.oc1..aaaaaaaa" + Rng.base32(r, 52),
            "meridianai",
            "Tenancy",
            "USD",
            null,
            // OCI cost reports carry neither credits nor tax lines (every line is usage)
            null,
            BigDecimal.ZERO,
            null);
    SubAccount compartment =
        new SubAccount(
            "ocid1.compartment.oc1..aaaaaaaa" + Rng.base32(r, 52),
            "gpu-training",
            "Compartment",
            tenancy,
            "us-ashburn-1",
            "US East (Ashburn)",
            400_000L * scale,
            bd("0.0255"),
            bd("0.0085"),
            800 * scale,
            2_000 * scale,
            "ocid1.bucket.oc1.iad.aaaaaaaa" + Rng.base32(r, 52),
            "training-corpus");
    List<Node> nodes = new ArrayList<>();
    expand(
        nodes,
        seed,
        "oci",
        scale,
        new Group(
            compartment,
            BM_GB200,
            List.of(PRETRAIN, PRETRAIN, PRETRAIN, IDLE),
            -1,
            // Oracle prices and bills GPU shapes per GPU-hour: 4 x $16 = $64 per node-hour
            bd("16.00"),
            null,
            true,
            "Compute - GPU - BM.GPU.GB200.4 - GPU Per Hour",
            List.of("Uocm:US-ASHBURN-AD-1", "Uocm:US-ASHBURN-AD-2"),
            i -> String.format(Locale.ROOT, "gpu-gb200-iad-%03d", i + 1),
            (host, zone, rr) -> "ocid1.instance.oc1.iad.anuwcljt" + Rng.base32(rr, 52),
            // Oracle's cost report names no resource: telemetry joins through the host map
            new Naming((base, id) -> base, (base, id) -> null)));
    return new Provider(
        "oci",
        Providers.OCI,
        "Oracle",
        FocusDialect.of("1.2").spaceSeparatedTimestamps(),
        bd("0.10"),
        "Compute",
        "Virtual Machines",
        "Bare Metal Instance",
        "Object Storage",
        "Networking",
        null,
        "Oracle Support Rewards",
        false,
        List.of(tenancy),
        List.of(compartment),
        List.copyOf(nodes));
  }

  private static Provider coreweave(int scale, long seed) {
    SplittableRandom r = Rng.of(seed, "coreweave", "accounts");
    Account org =
        new Account(
            "org-" + Rng.hex(r, 10),
            "meridian-ai",
            "Organization",
            "USD",
            null,
            null,
            BigDecimal.ZERO,
            null);
    SubAccount prod =
        new SubAccount(
            "proj-" + Rng.hex(r, 8),
            "meridian-prod",
            "Project",
            org,
            "US-EAST-04",
            "US East 04",
            500_000L * scale,
            bd("0.07"),
            // egress is free: zero-cost Usage rows
            BigDecimal.ZERO,
            2_000 * scale,
            6_000 * scale,
            "cwobject://meridian-checkpoints",
            "meridian-checkpoints");
    List<Node> nodes = new ArrayList<>();
    expand(
        nodes,
        seed,
        "coreweave",
        scale,
        new Group(
            prod,
            CW_H100,
            List.of(PRETRAIN, PRETRAIN, PRETRAIN, FINETUNE, PRETRAIN, IDLE, PRETRAIN, PRETRAIN),
            -1,
            bd("49.24"),
            null,
            false,
            "NVIDIA HGX H100, 8 GPUs, InfiniBand, per node-hour",
            List.of("US-EAST-04A"),
            i -> String.format(Locale.ROOT, "gd-h100-use04-%03d", i + 1),
            (host, zone, rr) -> Rng.uuid(rr),
            Naming.SAME));
    return new Provider(
        "coreweave",
        Providers.COREWEAVE,
        "CoreWeave",
        FocusDialect.of("1.3"),
        bd("0.30"),
        "CoreWeave Kubernetes Service",
        "Containers",
        "Node",
        "AI Object Storage",
        "Networking",
        null,
        null,
        false,
        List.of(org),
        List.of(prod),
        List.copyOf(nodes));
  }

  /** Makes a resource id from the host name, zone and the node's random stream. */
  @FunctionalInterface
  private interface ResourceIds {
    String id(String hostname, String zone, SplittableRandom r);
  }

  /**
   * A block of identical nodes in one sub account.
   *
   * @param pattern workloads of the scale-1 block; larger scales repeat it without the idle node
   * @param noTelemetryAt index (within the group) of the node that sends no telemetry, or -1
   * @param listPriceAfterChange list price from the provider's mid-month price change on, or null
   */
  private record Group(
      SubAccount sub,
      InstanceType type,
      List<Workload> pattern,
      int noTelemetryAt,
      BigDecimal listPrice,
      BigDecimal listPriceAfterChange,
      boolean perGpuPricing,
      String description,
      List<String> zones,
      IntFunction<String> hostnames,
      ResourceIds resourceIds,
      Naming naming) {}

  /**
   * A node's telemetry host name and its bill's ResourceName, from its base name and resource id.
   */
  private record Naming(BinaryOperator<String> host, BinaryOperator<String> billName) {
    /** The host name is the base name and the bill names it (GCP, CoreWeave, Azure VMs). */
    static final Naming SAME = new Naming((base, id) -> base, (base, id) -> base);
  }

  private static void expand(List<Node> nodes, long seed, String slug, int scale, Group g) {
    int base = g.pattern().size();
    SplittableRandom pr = Rng.of(seed, slug, "sku-price", g.type().sku(), g.sub().account().id());
    String skuPriceId = skuPriceId(slug, pr);
    for (int i = 0; i < base * scale; i++) {
      int ordinal = nodes.size();
      Workload w = g.pattern().get(i % base);
      if (w == IDLE && i >= base) {
        w = PRETRAIN;
      }
      String zone = g.zones().get(i % g.zones().size());
      String name = g.hostnames().apply(i);
      SplittableRandom r = Rng.of(seed, slug, "node", ordinal);
      String resourceId = g.resourceIds().id(name, zone, r);
      nodes.add(
          new Node(
              slug,
              ordinal,
              g.sub(),
              g.type(),
              resourceId,
              g.naming().host().apply(name, resourceId),
              g.naming().billName().apply(name, resourceId),
              zone,
              tags(w, ordinal),
              w,
              i != g.noTelemetryAt(),
              g.listPrice(),
              g.listPriceAfterChange(),
              g.perGpuPricing(),
              skuPriceId,
              g.description()));
    }
  }

  /**
   * Tags JSON for a node: most are tagged {"team":...,"project":...}; some are untagged and a few
   * use capitalised keys, as real estates do.
   */
  static String tags(Workload w, int ordinal) {
    if (ordinal % 7 == 4) {
      return null;
    }
    boolean mixed = ordinal % 9 == 6;
    StringBuilder sb = new StringBuilder("{");
    sb.append('"').append(mixed ? "Team" : "team").append("\":\"").append(w.team).append("\",");
    sb.append('"').append(mixed ? "Project" : "project").append("\":\"").append(w.project);
    sb.append('"');
    if (w == INFERENCE) {
      sb.append(",\"env\":\"prod\"");
    }
    return sb.append('}').toString();
  }

  private static String skuPriceId(String slug, SplittableRandom r) {
    return switch (slug) {
      case "aws" -> Rng.upperAlnum(r, 16) + ".JRTCKXETXF.6YS6EN2CT7";
      case "azure" -> "DZH318Z0" + Rng.upperAlnum(r, 4) + "/" + Rng.digits(r, 4);
      case "gcp" ->
          (Rng.hex(r, 4) + "-" + Rng.hex(r, 4) + "-" + Rng.hex(r, 4)).toUpperCase(Locale.ROOT);
      case "oci" -> "B" + Rng.digits(r, 5);
      default -> "cw-" + Rng.hex(r, 12);
    };
  }

  private static String azureVm(String subscription, String group, String host) {
    return "/subscriptions/"
        + subscription
        + "/resourceGroups/"
        + group
        + "/providers/Microsoft.Compute/virtualMachines/"
        + host;
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

  private static String azureScaleSet(String subscription, String group, String name) {
    return "/subscriptions/"
        + subscription
        + "/resourceGroups/"
        + group
        + "/providers/Microsoft.Compute/virtualMachineScaleSets/"
        + name;
  }

  private static String azureStorage(String subscription, String account) {
    return "/subscriptions/"
        + subscription
        + "/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/"
        + account;
  }

  private static String gceInstance(String project, String zone, SplittableRandom r) {
    return "//compute.googleapis.com/projects/"
        + project
        + "/zones/"
        + zone
        + "/instances/"
        + Rng.digits(r, 19);
  }

  static BigDecimal bd(String v) {
    return new BigDecimal(v);
  }
}
