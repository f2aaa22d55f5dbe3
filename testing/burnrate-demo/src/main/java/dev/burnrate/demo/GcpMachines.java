package dev.burnrate.demo;

import static dev.burnrate.demo.BillLine.Col.BilledCost;
import static dev.burnrate.demo.BillLine.Col.ChargeDescription;
import static dev.burnrate.demo.BillLine.Col.ConsumedQuantity;
import static dev.burnrate.demo.BillLine.Col.ConsumedUnit;
import static dev.burnrate.demo.BillLine.Col.ContractedCost;
import static dev.burnrate.demo.BillLine.Col.ContractedUnitPrice;
import static dev.burnrate.demo.BillLine.Col.EffectiveCost;
import static dev.burnrate.demo.BillLine.Col.ListCost;
import static dev.burnrate.demo.BillLine.Col.ListUnitPrice;
import static dev.burnrate.demo.BillLine.Col.PricingQuantity;
import static dev.burnrate.demo.BillLine.Col.PricingUnit;
import static dev.burnrate.demo.BillLine.Col.SkuMeter;
import static dev.burnrate.demo.BillLine.Col.SkuPriceId;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Google Cloud bills an accelerator-optimized VM as three SKUs: its GPUs ("Nvidia H100 80GB GPU
 * running in Americas", usage in seconds of GPU time, priced per hour), its cores ("A3 Instance
 * Core running in Americas", vCPU-seconds) and its memory ("A3 Instance Ram running in Americas",
 * byte-seconds, priced per GiB-hour). All three rows carry the same resource name and the machine
 * type in the system label {@code compute.googleapis.com/machine_spec}.
 *
 * <p>A resource-based committed use discount on such VMs is billed per committed resource too: a
 * fee SKU each for the GPUs ("Commitment v1: Nvidia H100 80GB GPU running in Americas for 1 Year"),
 * the series' vCPUs ("Commitment v1: A3 Cpu in Americas for 1 Year") and memory ("Commitment v1: A3
 * Ram in Americas for 1 Year"), and a COMMITTED_USAGE_DISCOUNT credit on each covered usage row,
 * whose id names the kind of resource only ("Committed Usage Discount: GPU").
 */
final class GcpMachines {
  private GcpMachines() {}

  /** A machine type's host and the share of its price each part takes. */
  private record Shape(
      String family, String gpu, int vcpus, int memoryGib, BigDecimal gpuShare, BigDecimal cores) {}

  private static final Map<String, Shape> SHAPES =
      Map.of(
          "a3-highgpu-8g",
          new Shape(
              "A3",
              "Nvidia H100 80GB GPU",
              208,
              1872,
              new BigDecimal("0.86"),
              new BigDecimal("0.08")),
          "a4-highgpu-8g",
          new Shape(
              "A4", "Nvidia B200 GPU", 224, 3968, new BigDecimal("0.88"), new BigDecimal("0.07")));

  /** The geography Google Cloud's SKUs name for the generator's US regions. */
  static final String AMERICAS = "Americas";

  private static final BigDecimal SECONDS = BigDecimal.valueOf(3600);
  private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

  /**
   * The GPU, core and memory rows of {@code vm}, a row billing the whole machine ({@code vm} itself
   * is left as it is). The three rows' costs add up exactly to the machine's.
   */
  static List<BillLine> parts(BillLine vm, Fleet.InstanceType type, String region) {
    Shape s = SHAPES.get(type.sku());
    if (s == null) {
      throw new IllegalStateException("no Google Cloud SKUs for " + type.sku());
    }
    BigDecimal hours = vm.decimal(ConsumedQuantity);
    BillLine gpus = vm.copy();
    BillLine cores = vm.copy().gpuComponent(BillLine.Component.HOST);
    BillLine ram = vm.copy().gpuComponent(BillLine.Component.HOST);
    String where = " running in " + region;
    BigDecimal gpuHours = hours.multiply(BigDecimal.valueOf(type.gpus()));
    BigDecimal coreHours = hours.multiply(BigDecimal.valueOf(s.vcpus()));
    BigDecimal gibHours = hours.multiply(BigDecimal.valueOf(s.memoryGib()));
    for (BillLine.Col c : List.of(BilledCost, EffectiveCost, ListCost, ContractedCost)) {
      BigDecimal whole = vm.decimal(c);
      if (whole == null) {
        continue;
      }
      BigDecimal gpu = share(whole, s.gpuShare());
      BigDecimal core = share(whole, s.cores());
      gpus.set(c, gpu);
      cores.set(c, core);
      ram.set(c, whole.subtract(gpu).subtract(core));
    }
    part(gpus, s.gpu() + where, "GPU", gpuHours.multiply(SECONDS), "seconds", gpuHours, "hour");
    gpus.gpuComponent(BillLine.Component.GPU);
    part(
        cores,
        s.family() + " Instance Core" + where,
        "Core",
        coreHours.multiply(SECONDS),
        "seconds",
        coreHours,
        "hour");
    cores.set(SkuPriceId, vm.string(SkuPriceId) + "-C");
    part(
        ram,
        s.family() + " Instance Ram" + where,
        "Ram",
        gibHours.multiply(SECONDS).multiply(GIB),
        "byte-seconds",
        gibHours,
        "gibibyte hour");
    ram.set(SkuPriceId, vm.string(SkuPriceId) + "-R");
    return List.of(gpus, cores, ram);
  }

  /**
   * What a resource-based committed use discount commits to for {@code part} (a row of {@link
   * #parts}), as its fee SKU names it: the GPU model for the GPU row ("Nvidia B200 GPU"), the
   * series' Cpu or Ram for the core and memory rows ("A4 Cpu", "A4 Ram").
   */
  static String committedResource(BillLine part) {
    String sku = part.string(ChargeDescription);
    String name = sku.substring(0, sku.indexOf(" running in "));
    return switch (part.string(SkuMeter)) {
      case "GPU" -> name;
      case "Core" -> name.replace(" Instance Core", " Cpu");
      case "Ram" -> name.replace(" Instance Ram", " Ram");
      default -> throw new IllegalArgumentException("not a machine part: " + sku);
    };
  }

  /**
   * The fee SKU of a resource-based commitment on {@code resource} in {@code region} for a year: a
   * GPU's says where it runs ("Commitment v1: Nvidia B200 GPU running in Americas for 1 Year"), a
   * series' vCPUs and memory only where ("Commitment v1: A4 Cpu in Americas for 1 Year").
   */
  static String commitmentFeeSku(String resource, String region) {
    String where = resource.endsWith(" GPU") ? " running in " : " in ";
    return "Commitment v1: " + resource + where + region + " for 1 Year";
  }

  /**
   * The id (and name) of the COMMITTED_USAGE_DISCOUNT credit on {@code part}: for a resource-based
   * CUD Google's export states the kind of credit, not the commitment ("Committed Usage Discount:
   * GPU", ": CPU", ": RAM").
   */
  static String cudCredit(BillLine part) {
    return "Committed Usage Discount: "
        + switch (part.string(SkuMeter)) {
          case "GPU" -> "GPU";
          case "Core" -> "CPU";
          case "Ram" -> "RAM";
          default -> throw new IllegalArgumentException("not a machine part: " + part);
        };
  }

  private static void part(
      BillLine r,
      String description,
      String meter,
      BigDecimal consumed,
      String consumedUnit,
      BigDecimal priced,
      String pricingUnit) {
    r.set(ChargeDescription, description)
        .set(SkuMeter, meter)
        .set(ConsumedQuantity, consumed)
        .set(ConsumedUnit, consumedUnit)
        .set(PricingQuantity, priced)
        .set(PricingUnit, pricingUnit);
    if (r.decimal(ListCost) != null && priced.signum() != 0) {
      r.set(ListUnitPrice, r.decimal(ListCost).divide(priced, 6, RoundingMode.HALF_UP));
    }
    if (r.decimal(ContractedCost) != null && priced.signum() != 0) {
      r.set(ContractedUnitPrice, r.decimal(ContractedCost).divide(priced, 6, RoundingMode.HALF_UP));
    }
  }

  private static BigDecimal share(BigDecimal whole, BigDecimal share) {
    return whole.multiply(share).setScale(6, RoundingMode.HALF_UP);
  }
}
