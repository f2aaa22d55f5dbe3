package dev.burnrate.demo;

import static dev.burnrate.demo.BillLine.Col.AvailabilityZone;
import static dev.burnrate.demo.BillLine.Col.BilledCost;
import static dev.burnrate.demo.BillLine.Col.BillingAccountId;
import static dev.burnrate.demo.BillLine.Col.BillingCurrency;
import static dev.burnrate.demo.BillLine.Col.ChargeDescription;
import static dev.burnrate.demo.BillLine.Col.ConsumedQuantity;
import static dev.burnrate.demo.BillLine.Col.ConsumedUnit;
import static dev.burnrate.demo.BillLine.Col.ContractedUnitPrice;
import static dev.burnrate.demo.BillLine.Col.PricingQuantity;
import static dev.burnrate.demo.BillLine.Col.PricingUnit;
import static dev.burnrate.demo.BillLine.Col.RegionId;
import static dev.burnrate.demo.BillLine.Col.ResourceId;
import static dev.burnrate.demo.BillLine.Col.ServiceName;
import static dev.burnrate.demo.BillLine.Col.SkuPriceId;
import static dev.burnrate.demo.BillLine.Col.SubAccountId;
import static dev.burnrate.demo.BillLine.Col.SubAccountName;
import static dev.burnrate.demo.BillLineText.col;
import static dev.burnrate.demo.BillLineText.consumed;
import static dev.burnrate.demo.BillLineText.num;
import static dev.burnrate.demo.BillLineText.plain;
import static dev.burnrate.demo.BillLineText.tag;
import static dev.burnrate.demo.BillLineText.tagColumns;
import static dev.burnrate.demo.BillLineText.text;

import dev.burnrate.demo.NativeCsvWriter.Column;
import dev.burnrate.demo.NativeCsvWriter.Layout;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Oracle's cost report, filled from bill lines so that the oci mapping
 * (etl/src/main/resources/mappings) gives back exactly the line's costs, category, account, period,
 * service, SKU and quantities.
 */
final class OciLayout {
  private OciLayout() {}

  /**
   * OCI cost report: lineItem/referenceNo numbered from 1 per month (a correction names the line it
   * corrects, which may lie in an earlier report), hourly intervals, free-form tags as {@code
   * tags/<key>} and the defined tag Oracle-Tags.CreatedBy. GPU shapes are billed per GPU: the
   * quantity of a GPU shape's line is GPU-hours (GPUs x hours) at the price of one GPU-hour, with
   * the unit "GPU Per Hour".
   */
  static Layout of(Set<String> keys) {
    Set<String> tagKeys = tagColumns(keys);
    Map<BillLine, String> refs = new IdentityHashMap<>();
    List<Column> c = new ArrayList<>();
    c.add(
        col(
            "lineItem/referenceNo",
            r -> {
              String ref = "ref-" + (refs.size() + 1);
              refs.put(r, ref);
              return ref;
            }));
    c.add(col("lineItem/tenantId", r -> text(r, BillingAccountId)));
    c.add(col("lineItem/intervalUsageStart", r -> r.chargeTime(false) + "Z"));
    c.add(col("lineItem/intervalUsageEnd", r -> r.chargeTime(true) + "Z"));
    c.add(col("product/service", r -> text(r, ServiceName)));
    c.add(col("product/compartmentId", r -> text(r, SubAccountId)));
    c.add(col("product/compartmentName", r -> text(r, SubAccountName)));
    c.add(col("product/region", r -> text(r, RegionId)));
    c.add(col("product/availabilityDomain", r -> text(r, AvailabilityZone)));
    c.add(col("product/resourceId", r -> text(r, ResourceId)));
    c.add(col("usage/billedQuantity", r -> perGpu(r) ? num(r, PricingQuantity) : consumed(r)));
    c.add(col("cost/productSku", r -> text(r, SkuPriceId)));
    c.add(col("product/Description", r -> text(r, ChargeDescription)));
    c.add(
        col(
            "cost/unitPrice",
            r -> perGpu(r) ? num(r, ContractedUnitPrice) : pricePerConsumedUnit(r)));
    c.add(col("cost/myCost", r -> num(r, BilledCost)));
    c.add(col("cost/currencyCode", r -> text(r, BillingCurrency)));
    c.add(col("cost/billingUnitReadable", r -> perGpu(r) ? "GPU Per Hour" : text(r, ConsumedUnit)));
    c.add(col("cost/skuUnitDescription", r -> perGpu(r) ? "GPU Per Hour" : text(r, ConsumedUnit)));
    c.add(col("cost/overageFlag", r -> null));
    c.add(col("lineItem/isCorrection", r -> String.valueOf(r.refersTo() != null)));
    c.add(col("lineItem/backreferenceNo", r -> refs.get(r.refersTo())));
    c.add(col("tags/Oracle-Tags.CreatedBy", r -> r.get(ResourceId) == null ? null : "terraform"));
    for (String k : tagKeys) {
      c.add(col("tags/" + k, r -> tag(r, k)));
    }
    return new Layout(c, true, false, "\n");
  }

  /** A GPU shape's line, billed per GPU-hour. */
  private static boolean perGpu(BillLine r) {
    return "GPU Hours".equals(r.get(PricingUnit)) && r.get(ConsumedQuantity) != null;
  }

  /** The contracted price per consumed unit: per node-hour for a GPU priced per GPU-hour. */
  private static String pricePerConsumedUnit(BillLine r) {
    BigDecimal price = r.decimal(ContractedUnitPrice);
    BigDecimal priced = r.decimal(PricingQuantity);
    BigDecimal used = r.decimal(ConsumedQuantity);
    if (price == null || priced == null || used == null || used.signum() == 0) {
      return plain(price);
    }
    return plain(price.multiply(priced).divide(used, MathContext.DECIMAL64));
  }
}
