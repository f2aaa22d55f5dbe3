package dev.burnrate.demo;

import static dev.burnrate.demo.BillLine.Col.AvailabilityZone;
import static dev.burnrate.demo.BillLine.Col.BilledCost;
import static dev.burnrate.demo.BillLine.Col.BillingAccountId;
import static dev.burnrate.demo.BillLine.Col.BillingAccountName;
import static dev.burnrate.demo.BillLine.Col.BillingCurrency;
import static dev.burnrate.demo.BillLine.Col.BillingPeriodEnd;
import static dev.burnrate.demo.BillLine.Col.BillingPeriodStart;
import static dev.burnrate.demo.BillLine.Col.ChargeCategory;
import static dev.burnrate.demo.BillLine.Col.ChargeDescription;
import static dev.burnrate.demo.BillLine.Col.ChargePeriodEnd;
import static dev.burnrate.demo.BillLine.Col.ChargePeriodStart;
import static dev.burnrate.demo.BillLine.Col.ContractedUnitPrice;
import static dev.burnrate.demo.BillLine.Col.EffectiveCost;
import static dev.burnrate.demo.BillLine.Col.InvoiceId;
import static dev.burnrate.demo.BillLine.Col.InvoiceIssuerName;
import static dev.burnrate.demo.BillLine.Col.ListCost;
import static dev.burnrate.demo.BillLine.Col.ListUnitPrice;
import static dev.burnrate.demo.BillLine.Col.PricingQuantity;
import static dev.burnrate.demo.BillLine.Col.RegionId;
import static dev.burnrate.demo.BillLine.Col.RegionName;
import static dev.burnrate.demo.BillLine.Col.ResourceId;
import static dev.burnrate.demo.BillLine.Col.ServiceCategory;
import static dev.burnrate.demo.BillLine.Col.ServiceName;
import static dev.burnrate.demo.BillLine.Col.SkuId;
import static dev.burnrate.demo.BillLine.Col.SkuMeter;
import static dev.burnrate.demo.BillLine.Col.SkuPriceId;
import static dev.burnrate.demo.BillLine.Col.SubAccountId;
import static dev.burnrate.demo.BillLine.Col.SubAccountName;
import static dev.burnrate.demo.BillLineText.col;
import static dev.burnrate.demo.BillLineText.isCompute;
import static dev.burnrate.demo.BillLineText.json;
import static dev.burnrate.demo.BillLineText.num;
import static dev.burnrate.demo.BillLineText.plain;
import static dev.burnrate.demo.BillLineText.tag;
import static dev.burnrate.demo.BillLineText.tagColumns;
import static dev.burnrate.demo.BillLineText.tags;
import static dev.burnrate.demo.BillLineText.text;
import static dev.burnrate.demo.Fleet.CommitmentKind.AWS_RESERVED_INSTANCE;
import static dev.burnrate.demo.Fleet.CommitmentKind.AWS_SAVINGS_PLAN;

import dev.burnrate.demo.NativeCsvWriter.Column;
import dev.burnrate.demo.NativeCsvWriter.Layout;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * AWS's two native exports, legacy CUR and Data Exports CUR 2.0, filled from bill lines so that
 * their mappings (etl/src/main/resources/mappings) give back exactly the line's costs, category,
 * account, period, service, SKU and quantities: usage types, product codes, line item types and the
 * reservation and Savings Plan columns as AWS's data dictionary names them.
 */
final class AwsLayouts {
  private AwsLayouts() {}

  /** AWS legacy CUR: slash-named columns, one resourceTags/user:&lt;key&gt; column per tag key. */
  static Layout cur(Set<String> keys) {
    Set<String> tagKeys = tagColumns(keys);
    List<Column> c = new ArrayList<>();
    c.add(
        col(
            "identity/TimeInterval",
            r -> iso(r, ChargePeriodStart) + "/" + iso(r, ChargePeriodEnd)));
    c.add(col("bill/InvoiceId", r -> text(r, InvoiceId)));
    c.add(col("bill/InvoicingEntity", r -> text(r, InvoiceIssuerName)));
    c.add(col("bill/BillingEntity", r -> "AWS"));
    c.add(col("bill/BillType", r -> "Anniversary"));
    c.add(col("bill/PayerAccountId", r -> text(r, BillingAccountId)));
    c.add(col("bill/BillingPeriodStartDate", r -> iso(r, BillingPeriodStart)));
    c.add(col("bill/BillingPeriodEndDate", r -> iso(r, BillingPeriodEnd)));
    c.add(col("lineItem/UsageAccountId", r -> text(r, SubAccountId)));
    c.add(col("lineItem/LineItemType", AwsLayouts::awsLineItemType));
    c.add(col("lineItem/UsageStartDate", r -> iso(r, ChargePeriodStart)));
    c.add(col("lineItem/UsageEndDate", r -> iso(r, ChargePeriodEnd)));
    c.add(col("lineItem/ProductCode", AwsLayouts::awsProductCode));
    c.add(col("lineItem/UsageType", AwsLayouts::awsUsageType));
    c.add(col("lineItem/Operation", r -> isCompute(r) ? "RunInstances" : null));
    c.add(col("lineItem/AvailabilityZone", r -> text(r, AvailabilityZone)));
    c.add(col("lineItem/ResourceId", r -> text(r, ResourceId)));
    c.add(col("lineItem/UsageAmount", r -> num(r, PricingQuantity)));
    c.add(col("lineItem/CurrencyCode", r -> text(r, BillingCurrency)));
    c.add(col("lineItem/UnblendedRate", r -> num(r, ContractedUnitPrice)));
    c.add(col("lineItem/UnblendedCost", r -> num(r, BilledCost)));
    c.add(col("lineItem/LineItemDescription", r -> text(r, ChargeDescription)));
    c.add(col("product/ProductName", r -> text(r, ServiceName)));
    c.add(col("product/instanceType", r -> isCompute(r) ? text(r, SkuId) : null));
    c.add(col("product/region", r -> text(r, RegionId)));
    c.add(col("product/location", r -> text(r, RegionName)));
    c.add(col("product/sku", r -> text(r, SkuId)));
    c.add(col("pricing/RateId", r -> text(r, SkuPriceId)));
    c.add(col("pricing/publicOnDemandCost", r -> num(r, ListCost)));
    c.add(col("pricing/publicOnDemandRate", r -> num(r, ListUnitPrice)));
    c.add(col("pricing/term", r -> "Usage".equals(r.get(ChargeCategory)) ? "OnDemand" : null));
    c.add(col("pricing/unit", BillLineText::unit));
    c.add(col("reservation/EffectiveCost", r -> riEffective(r)));
    c.add(col("reservation/ReservationARN", r -> commitmentId(r, AWS_RESERVED_INSTANCE)));
    c.add(col("reservation/UnusedAmortizedUpfrontFeeForBillingPeriod", r -> riUnused(r)));
    c.add(col("reservation/UnusedRecurringFee", r -> riUnused(r)));
    c.add(col("savingsPlan/SavingsPlanARN", r -> commitmentId(r, AWS_SAVINGS_PLAN)));
    c.add(col("savingsPlan/SavingsPlanEffectiveCost", r -> spEffective(r)));
    c.add(col("savingsPlan/TotalCommitmentToDate", r -> spTotal(r)));
    c.add(col("savingsPlan/UsedCommitment", r -> plain(r.usedCommitment())));
    for (String k : tagKeys) {
      c.add(col("resourceTags/user:" + k, r -> tag(r, k)));
    }
    return new Layout(c, true, false, "\n");
  }

  /** Legacy CUR columns that hold amounts (the manifest's type BigDecimal; Parquet double). */
  private static final Set<String> CUR_DECIMALS =
      Set.of(
          "lineItem/UsageAmount",
          "lineItem/UnblendedRate",
          "lineItem/UnblendedCost",
          "pricing/publicOnDemandCost",
          "pricing/publicOnDemandRate",
          "reservation/EffectiveCost",
          "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod",
          "reservation/UnusedRecurringFee",
          "savingsPlan/SavingsPlanEffectiveCost",
          "savingsPlan/TotalCommitmentToDate",
          "savingsPlan/UsedCommitment");

  /** Legacy CUR columns that hold timestamps (DateTime; Parquet timestamp). */
  private static final Set<String> CUR_TIMES =
      Set.of(
          "bill/BillingPeriodStartDate",
          "bill/BillingPeriodEndDate",
          "lineItem/UsageStartDate",
          "lineItem/UsageEndDate");

  /** A legacy CUR column's type as the CUR manifest states it. */
  static String curType(String header) {
    if (CUR_TIMES.contains(header)) {
      return "DateTime";
    }
    return CUR_DECIMALS.contains(header) ? "BigDecimal" : "String";
  }

  /**
   * A legacy CUR column's name in the Athena integration's Parquet: camelCase words and the
   * separators become snake_case ({@code lineItem/UnblendedCost} -> {@code
   * line_item_unblended_cost}, {@code resourceTags/user:Team} -> {@code resource_tags_user_team},
   * {@code savingsPlan/SavingsPlanARN} -> {@code savings_plan_savings_plan_a_r_n}).
   */
  static String athenaName(String header) {
    StringBuilder sb = new StringBuilder();
    for (char c : header.toCharArray()) {
      if (Character.isUpperCase(c)) {
        sb.append('_').append(Character.toLowerCase(c));
      } else if (Character.isLetterOrDigit(c)) {
        sb.append(c);
      } else {
        sb.append('_');
      }
    }
    return sb.toString().replaceAll("_+", "_").replaceAll("^_|_$", "");
  }

  /** AWS CUR 2.0: snake_case columns with the map columns product and resource_tags as JSON. */
  static Layout cur2() {
    List<Column> c = new ArrayList<>();
    c.add(col("bill_bill_type", r -> "Anniversary"));
    c.add(col("bill_billing_entity", r -> "AWS"));
    c.add(col("bill_billing_period_end_date", r -> isoMillis(r, BillingPeriodEnd)));
    c.add(col("bill_billing_period_start_date", r -> isoMillis(r, BillingPeriodStart)));
    c.add(col("bill_invoice_id", r -> text(r, InvoiceId)));
    c.add(col("bill_invoicing_entity", r -> text(r, InvoiceIssuerName)));
    c.add(col("bill_payer_account_id", r -> text(r, BillingAccountId)));
    c.add(col("bill_payer_account_name", r -> text(r, BillingAccountName)));
    c.add(col("cost_category", r -> "{}"));
    // the negotiated discount on the line it discounts (no manual discount compatibility)
    c.add(
        col(
            "discount",
            r -> {
              Map<String, BigDecimal> m = new LinkedHashMap<>();
              if (r.negotiatedDiscount() != null) {
                m.put("edp_discount", r.negotiatedDiscount());
                m.put("total_discount", r.negotiatedDiscount());
              }
              return json(m);
            }));
    c.add(col("discount_edp_discount", r -> plain(r.negotiatedDiscount())));
    c.add(col("discount_total_discount", r -> plain(r.negotiatedDiscount())));
    c.add(col("line_item_availability_zone", r -> text(r, AvailabilityZone)));
    c.add(col("line_item_currency_code", r -> text(r, BillingCurrency)));
    c.add(col("line_item_line_item_description", r -> text(r, ChargeDescription)));
    c.add(col("line_item_line_item_type", AwsLayouts::awsLineItemType));
    c.add(col("line_item_operation", r -> isCompute(r) ? "RunInstances" : null));
    c.add(col("line_item_product_code", AwsLayouts::awsProductCode));
    c.add(col("line_item_resource_id", r -> text(r, ResourceId)));
    c.add(col("line_item_net_unblended_cost", r -> num(r, BilledCost)));
    c.add(col("line_item_unblended_cost", r -> plain(gross(r))));
    c.add(col("line_item_unblended_rate", r -> num(r, ContractedUnitPrice)));
    c.add(col("line_item_usage_account_id", r -> text(r, SubAccountId)));
    c.add(col("line_item_usage_account_name", r -> text(r, SubAccountName)));
    c.add(col("line_item_usage_amount", r -> num(r, PricingQuantity)));
    c.add(col("line_item_usage_end_date", r -> isoMillis(r, ChargePeriodEnd)));
    c.add(col("line_item_usage_start_date", r -> isoMillis(r, ChargePeriodStart)));
    c.add(col("line_item_usage_type", AwsLayouts::awsUsageType));
    c.add(col("pricing_public_on_demand_cost", r -> num(r, ListCost)));
    c.add(col("pricing_public_on_demand_rate", r -> num(r, ListUnitPrice)));
    c.add(col("pricing_rate_id", r -> text(r, SkuPriceId)));
    c.add(col("pricing_term", r -> "Usage".equals(r.get(ChargeCategory)) ? "OnDemand" : null));
    c.add(col("pricing_unit", BillLineText::unit));
    c.add(
        col(
            "product",
            r -> {
              Map<String, String> m = new LinkedHashMap<>();
              m.put("product_name", text(r, ServiceName));
              if (r.get(RegionId) != null) {
                m.put("region", text(r, RegionId));
              }
              return json(m);
            }));
    c.add(col("product_instance_type", r -> isCompute(r) ? text(r, SkuId) : null));
    c.add(col("product_location", r -> text(r, RegionName)));
    c.add(col("product_region_code", r -> text(r, RegionId)));
    c.add(col("product_sku", r -> text(r, SkuId)));
    c.add(col("reservation_effective_cost", r -> riEffective(r)));
    c.add(col("reservation_reservation_a_r_n", r -> commitmentId(r, AWS_RESERVED_INSTANCE)));
    c.add(col("reservation_unused_amortized_upfront_fee_for_billing_period", r -> riUnused(r)));
    c.add(col("reservation_unused_recurring_fee", r -> riUnused(r)));
    c.add(
        col(
            "resource_tags",
            r -> {
              Map<String, String> m = new LinkedHashMap<>();
              tags(r).forEach((k, v) -> m.put("user_" + k, v));
              return json(m);
            }));
    c.add(col("savings_plan_savings_plan_a_r_n", r -> commitmentId(r, AWS_SAVINGS_PLAN)));
    c.add(col("savings_plan_savings_plan_effective_cost", r -> spEffective(r)));
    c.add(col("savings_plan_total_commitment_to_date", r -> spTotal(r)));
    c.add(col("savings_plan_used_commitment", r -> plain(r.usedCommitment())));
    return new Layout(c, true, false, "\n");
  }

  private static String iso(BillLine r, BillLine.Col c) {
    return r.date(c) + "T00:00:00Z";
  }

  private static String isoMillis(BillLine r, BillLine.Col c) {
    return r.date(c) + "T00:00:00.000Z";
  }

  private static String awsLineItemType(BillLine r) {
    if (r.awsLineItemType() != null) {
      return r.awsLineItemType();
    }
    return switch (text(r, ChargeCategory)) {
      case "Purchase" -> "Fee";
      case "Credit" -> "Credit";
      case "Tax" -> "Tax";
      default -> "Usage";
    };
  }

  private static String awsProductCode(BillLine r) {
    if ("SavingsPlanRecurringFee".equals(r.awsLineItemType())) {
      return "ComputeSavingsPlans";
    }
    return switch (String.valueOf(r.get(ServiceCategory))) {
      case "Compute" -> "AmazonEC2";
      case "Storage" -> "AmazonS3";
      case "Networking" -> "AWSDataTransfer";
      default -> "AWSSupportEnterprise";
    };
  }

  private static String awsUsageType(BillLine r) {
    if (!"Usage".equals(r.get(ChargeCategory))) {
      return null;
    }
    String region = r.get(RegionId) == null ? "" : awsRegionPrefix(text(r, RegionId)) + "-";
    return switch (String.valueOf(r.get(ServiceCategory))) {
      case "Compute" -> region + "BoxUsage:" + text(r, SkuId);
      case "Storage" -> region + "TimedStorage-ByteHrs";
      case "Networking" -> region + "DataTransfer-Out-Bytes";
      default -> text(r, SkuMeter);
    };
  }

  /** us-east-1 -> USE1, us-east-2 -> USE2. */
  private static String awsRegionPrefix(String region) {
    String[] p = region.split("-");
    return (p[0] + p[1].charAt(0) + p[p.length - 1]).toUpperCase(Locale.ROOT);
  }

  /** The row's BilledCost before its negotiated discount. */
  private static BigDecimal gross(BillLine r) {
    BigDecimal billed = r.decimal(BilledCost);
    return r.negotiatedDiscount() == null ? billed : billed.subtract(r.negotiatedDiscount());
  }

  /** The commitment discount's id when the row is one of {@code kind}'s. */
  private static String commitmentId(BillLine r, Fleet.CommitmentKind kind) {
    return r.commitment() != null && r.commitment().kind() == kind ? r.commitment().id() : null;
  }

  /** reservation/EffectiveCost: the amortized cost of DiscountedUsage. */
  private static String riEffective(BillLine r) {
    return "DiscountedUsage".equals(r.awsLineItemType()) ? num(r, EffectiveCost) : null;
  }

  /** The unused parts of a fully used reservation's RIFee. */
  private static String riUnused(BillLine r) {
    return "RIFee".equals(r.awsLineItemType()) ? "0" : null;
  }

  /** savingsPlan/SavingsPlanEffectiveCost: what covered usage costs at the plan's rate. */
  private static String spEffective(BillLine r) {
    return "SavingsPlanCoveredUsage".equals(r.awsLineItemType()) ? num(r, EffectiveCost) : null;
  }

  /** savingsPlan/TotalCommitmentToDate on the recurring fee: the day's commitment. */
  private static String spTotal(BillLine r) {
    return "SavingsPlanRecurringFee".equals(r.awsLineItemType()) ? num(r, BilledCost) : null;
  }
}
