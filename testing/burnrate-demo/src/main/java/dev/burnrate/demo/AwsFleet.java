package dev.burnrate.demo;

import static dev.burnrate.demo.Fleet.Workload.FINETUNE;
import static dev.burnrate.demo.Fleet.Workload.IDLE;
import static dev.burnrate.demo.Fleet.Workload.INFERENCE;
import static dev.burnrate.demo.Fleet.Workload.PRETRAIN;
import static dev.burnrate.demo.FleetCatalog.bd;

import dev.burnrate.core.focus.Providers;
import dev.burnrate.demo.Fleet.Account;
import dev.burnrate.demo.Fleet.InstanceType;
import dev.burnrate.demo.Fleet.Node;
import dev.burnrate.demo.Fleet.Provider;
import dev.burnrate.demo.Fleet.SubAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Meridian's AWS estate: a payer account with a research and an inference linked account, 12
 * p5.48xlarge (H100) and 4 p5e.48xlarge (H200) at scale 1. Hosts have EC2's resource-based names;
 * the bill has the instance id and no ResourceName.
 */
final class AwsFleet {
  private static final InstanceType P5 =
      new InstanceType("p5.48xlarge", "NVIDIA H100 80GB HBM3", 8, 81559);
  private static final InstanceType P5E =
      new InstanceType("p5e.48xlarge", "NVIDIA H200", 8, 143771);

  /**
   * AWS: the resource-based host name EC2 gives an instance ({@code i-0abc....ec2.internal} in
   * us-east-1, {@code i-0abc....<region>.compute.internal} elsewhere); the bill has the instance id
   * and no ResourceName.
   */
  private static final NodeGroup.Naming EC2_RESOURCE_NAMES =
      new NodeGroup.Naming((base, id) -> id + "." + base, (base, id) -> null);

  private AwsFleet() {}

  static Provider build(int scale, long seed) {
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
    NodeGroup.expand(
        nodes,
        seed,
        "aws",
        scale,
        new NodeGroup(
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
    NodeGroup.expand(
        nodes,
        seed,
        "aws",
        scale,
        new NodeGroup(
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
}
