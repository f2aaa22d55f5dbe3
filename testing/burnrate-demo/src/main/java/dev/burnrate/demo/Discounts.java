package dev.burnrate.demo;

import static dev.burnrate.demo.BillLine.Col.BilledCost;
import static dev.burnrate.demo.BillLine.Col.BillingAccountId;
import static dev.burnrate.demo.BillLine.Col.ChargeCategory;
import static dev.burnrate.demo.BillLine.Col.ChargeDescription;
import static dev.burnrate.demo.BillLine.Col.ChargeFrequency;
import static dev.burnrate.demo.BillLine.Col.ConsumedQuantity;
import static dev.burnrate.demo.BillLine.Col.ConsumedUnit;
import static dev.burnrate.demo.BillLine.Col.ContractedCost;
import static dev.burnrate.demo.BillLine.Col.ContractedUnitPrice;
import static dev.burnrate.demo.BillLine.Col.EffectiveCost;
import static dev.burnrate.demo.BillLine.Col.ListCost;
import static dev.burnrate.demo.BillLine.Col.ListUnitPrice;
import static dev.burnrate.demo.BillLine.Col.PricingCategory;
import static dev.burnrate.demo.BillLine.Col.PricingQuantity;
import static dev.burnrate.demo.BillLine.Col.PricingUnit;
import static dev.burnrate.demo.BillLine.Col.RegionId;
import static dev.burnrate.demo.BillLine.Col.ResourceId;
import static dev.burnrate.demo.BillLine.Col.ServiceName;
import static dev.burnrate.demo.BillLine.Col.SkuId;
import static dev.burnrate.demo.BillLine.Col.SubAccountId;

import dev.burnrate.demo.Fleet.Provider;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The discounts taken off usage no commitment covers, part of the usage's cost (ChargeCategory
 * Usage, no quantity): AWS takes a 6% EDP ({@link #EDP_SHARE}: net in FOCUS, on the discounted line
 * in CUR 2.0, EdpDiscount line items in legacy CUR); Google Cloud gives a sustained use discount
 * credit on the VMs no CUD covers ({@link #SUD_SHARE}).
 */
final class Discounts {
  /**
   * Negotiated discounts taken off eligible usage (on-demand Usage rows, not usage a commitment
   * discount covers) after pricing, by provider: AWS's Enterprise Discount Program. Its rows carry
   * the discount ({@link BillLine#negotiatedDiscount()}) so that each AWS format bills it its way.
   */
  static final Map<String, BigDecimal> EDP_SHARE = Map.of("aws", new BigDecimal("0.06"));

  /** Google Cloud's sustained use discount on the usage no committed use discount covers. */
  static final BigDecimal SUD_SHARE = new BigDecimal("0.20");

  private Discounts() {}

  /** Takes the provider's negotiated discount ({@link #EDP_SHARE}) off an eligible usage row. */
  static BillLine negotiated(Provider p, BillLine r) {
    BigDecimal share = EDP_SHARE.get(p.slug());
    if (share == null) {
      return r;
    }
    BigDecimal d = r.decimal(BilledCost).multiply(share).setScale(6, RoundingMode.HALF_UP).negate();
    return r.negotiatedDiscount(d)
        .set(BilledCost, r.decimal(BilledCost).add(d))
        .set(EffectiveCost, r.decimal(EffectiveCost).add(d));
  }

  /**
   * Google Cloud's sustained use discount of a machine that ran all day: a credit of {@link
   * #SUD_SHARE} of its cost nested in its row; part of the usage's cost (Usage), no quantity.
   */
  static BillLine sustainedUse(BillLine usage) {
    BigDecimal amount =
        usage.decimal(BilledCost).multiply(SUD_SHARE).setScale(6, RoundingMode.HALF_UP).negate();
    return discountOf(usage)
        .refersTo(usage)
        .gcpCreditType("SUSTAINED_USAGE_DISCOUNT")
        .set(ChargeDescription, "Sustained usage discount")
        .set(ListCost, BigDecimal.ZERO)
        .set(ContractedCost, BigDecimal.ZERO)
        .set(BilledCost, amount)
        .set(EffectiveCost, amount);
  }

  /**
   * Legacy CUR bills a negotiated discount as its own line items: the discounted rows gross, and
   * one EdpDiscount line per billing account, linked account, product, usage type and resource of
   * the day with the sum of their discounts (same totals as the net rows it replaces). It carries
   * the resource, zone and tags of what it discounts, so that GPU cost per resource nets it.
   */
  static List<BillLine> discountLineItems(List<BillLine> batch) {
    List<BillLine> out = new ArrayList<>(batch.size());
    Map<List<Object>, BillLine> lines = new LinkedHashMap<>();
    for (BillLine r : batch) {
      BigDecimal d = r.negotiatedDiscount();
      if (d == null) {
        out.add(r);
        continue;
      }
      out.add(
          r.copy()
              .negotiatedDiscount(null)
              .set(BilledCost, r.decimal(BilledCost).subtract(d))
              .set(EffectiveCost, r.decimal(EffectiveCost).subtract(d)));
      List<Object> key =
          Arrays.asList(
              r.get(BillingAccountId),
              r.get(SubAccountId),
              r.get(ServiceName),
              r.get(RegionId),
              r.get(SkuId),
              r.get(ResourceId));
      BillLine line = lines.get(key);
      if (line == null) {
        lines.put(
            key,
            discountOf(r)
                .awsLineItemType("EdpDiscount")
                .set(ChargeDescription, "Enterprise Discount Program discount")
                .set(ListCost, null)
                .set(ContractedCost, d)
                .set(BilledCost, d)
                .set(EffectiveCost, d));
      } else {
        line.set(ContractedCost, line.decimal(ContractedCost).add(d))
            .set(BilledCost, line.decimal(BilledCost).add(d))
            .set(EffectiveCost, line.decimal(EffectiveCost).add(d));
      }
    }
    out.addAll(lines.values());
    return out;
  }

  /** A discount of {@code r}: its service, SKU and account, Usage without quantity or prices. */
  private static BillLine discountOf(BillLine r) {
    return r.copy()
        .negotiatedDiscount(null)
        .gpuComponent(null)
        .set(ChargeCategory, "Usage")
        .set(ChargeFrequency, "Usage-Based")
        .set(PricingCategory, null)
        .set(ConsumedQuantity, null)
        .set(ConsumedUnit, null)
        .set(PricingQuantity, null)
        .set(PricingUnit, null)
        .set(ListUnitPrice, null)
        .set(ContractedUnitPrice, null);
  }
}
