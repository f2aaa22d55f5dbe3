package dev.burnrate.demo;

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
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Meridian's Google Cloud estate: one billing account, a training project with 4 a3-highgpu-8g
 * (H100) and a serving project with 2 a4-highgpu-8g (B200) at scale 1, named by their instance
 * names; both machine types' list prices drop on the price change day.
 */
final class GcpFleet {
  private static final InstanceType A3 =
      new InstanceType("a3-highgpu-8g", "NVIDIA H100 80GB HBM3", 8, 81559);
  private static final InstanceType A4 =
      new InstanceType("a4-highgpu-8g", "NVIDIA B200", 8, 183359);

  private GcpFleet() {}

  static Provider build(int scale, long seed) {
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
    NodeGroup.expand(
        nodes,
        seed,
        "gcp",
        scale,
        new NodeGroup(
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
            NodeGroup.Naming.SAME));
    NodeGroup.expand(
        nodes,
        seed,
        "gcp",
        scale,
        new NodeGroup(
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
            NodeGroup.Naming.SAME));
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

  private static String gceInstance(String project, String zone, SplittableRandom r) {
    return "//compute.googleapis.com/projects/"
        + project
        + "/zones/"
        + zone
        + "/instances/"
        + Rng.digits(r, 19);
  }
}
