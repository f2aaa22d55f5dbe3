package dev.burnrate.demo;

import static dev.burnrate.demo.Fleet.Workload.FINETUNE;
import static dev.burnrate.demo.Fleet.Workload.IDLE;
import static dev.burnrate.demo.Fleet.Workload.PRETRAIN;
import static dev.burnrate.demo.FleetCatalog.bd;

import dev.burnrate.core.focus.Providers;
import dev.burnrate.demo.Fleet.Account;
import dev.burnrate.demo.Fleet.InstanceType;
import dev.burnrate.demo.Fleet.Node;
import dev.burnrate.demo.Fleet.Provider;
import dev.burnrate.demo.Fleet.SubAccount;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Meridian's CoreWeave estate: one organization and project with 8 HGX H100 nodes at scale 1, named
 * by their node names; egress is free.
 */
final class CoreWeaveFleet {
  private static final InstanceType CW_H100 =
      new InstanceType("gd-8xh100ib-i128", "NVIDIA H100 80GB HBM3", 8, 81559);

  private CoreWeaveFleet() {}

  static Provider build(int scale, long seed) {
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
    NodeGroup.expand(
        nodes,
        seed,
        "coreweave",
        scale,
        new NodeGroup(
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
            NodeGroup.Naming.SAME));
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
}
