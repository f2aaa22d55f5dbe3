package dev.burnrate.demo;

import static dev.burnrate.demo.Fleet.Workload.IDLE;
import static dev.burnrate.demo.Fleet.Workload.INFERENCE;
import static dev.burnrate.demo.Fleet.Workload.PRETRAIN;

import dev.burnrate.demo.Fleet.InstanceType;
import dev.burnrate.demo.Fleet.Node;
import dev.burnrate.demo.Fleet.SubAccount;
import dev.burnrate.demo.Fleet.Workload;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.IntFunction;

/**
 * A block of identical nodes in one sub account, and how it expands into the fleet's nodes at a
 * scale: names, resource ids, tags and the SKU price id as each provider spells them.
 *
 * @param pattern workloads of the scale-1 block; larger scales repeat it without the idle node
 * @param noTelemetryAt index (within the group) of the node that sends no telemetry, or -1
 * @param listPriceAfterChange list price from the provider's mid-month price change on, or null
 */
record NodeGroup(
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
    Naming naming) {

  /** Makes a resource id from the host name, zone and the node's random stream. */
  @FunctionalInterface
  interface ResourceIds {
    String id(String hostname, String zone, SplittableRandom r);
  }

  /**
   * A node's telemetry host name and its bill's ResourceName, from its base name and resource id.
   */
  record Naming(BinaryOperator<String> host, BinaryOperator<String> billName) {
    /** The host name is the base name and the bill names it (GCP, CoreWeave, Azure VMs). */
    static final Naming SAME = new Naming((base, id) -> base, (base, id) -> base);
  }

  /** Adds group {@code g}'s nodes at {@code scale} to {@code nodes}, numbered on from its size. */
  static void expand(List<Node> nodes, long seed, String slug, int scale, NodeGroup g) {
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
  private static String tags(Workload w, int ordinal) {
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
}
