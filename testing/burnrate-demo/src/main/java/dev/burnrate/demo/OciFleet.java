package dev.burnrate.demo;

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
 * Meridian's Oracle estate: one tenancy and compartment with 4 BM.GPU.GB200.4 (GB200, 4 GPUs each)
 * at scale 1, priced per GPU-hour. The cost report names no resource: telemetry joins through the
 * host map the conf writer writes.
 */
final class OciFleet {
  private static final InstanceType BM_GB200 =
      new InstanceType("BM.GPU.GB200.4", "NVIDIA GB200", 4, 189471);

  private OciFleet() {}

  static Provider build(int scale, long seed) {
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
    NodeGroup.expand(
        nodes,
        seed,
        "oci",
        scale,
        new NodeGroup(
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
            new NodeGroup.Naming((base, id) -> base, (base, id) -> null)));
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
}
