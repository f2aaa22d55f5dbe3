package dev.burnrate.demo;

import static dev.burnrate.demo.CostRow.Col.AvailabilityZone;
import static dev.burnrate.demo.CostRow.Col.BilledCost;
import static dev.burnrate.demo.CostRow.Col.BillingAccountId;
import static dev.burnrate.demo.CostRow.Col.BillingAccountName;
import static dev.burnrate.demo.CostRow.Col.BillingCurrency;
import static dev.burnrate.demo.CostRow.Col.BillingPeriodEnd;
import static dev.burnrate.demo.CostRow.Col.BillingPeriodStart;
import static dev.burnrate.demo.CostRow.Col.ChargeCategory;
import static dev.burnrate.demo.CostRow.Col.ChargeDescription;
import static dev.burnrate.demo.CostRow.Col.ChargeFrequency;
import static dev.burnrate.demo.CostRow.Col.ChargePeriodEnd;
import static dev.burnrate.demo.CostRow.Col.ChargePeriodStart;
import static dev.burnrate.demo.CostRow.Col.ConsumedQuantity;
import static dev.burnrate.demo.CostRow.Col.ConsumedUnit;
import static dev.burnrate.demo.CostRow.Col.ContractedUnitPrice;
import static dev.burnrate.demo.CostRow.Col.EffectiveCost;
import static dev.burnrate.demo.CostRow.Col.InvoiceId;
import static dev.burnrate.demo.CostRow.Col.InvoiceIssuerName;
import static dev.burnrate.demo.CostRow.Col.ListCost;
import static dev.burnrate.demo.CostRow.Col.ListUnitPrice;
import static dev.burnrate.demo.CostRow.Col.PricingQuantity;
import static dev.burnrate.demo.CostRow.Col.PricingUnit;
import static dev.burnrate.demo.CostRow.Col.RegionId;
import static dev.burnrate.demo.CostRow.Col.RegionName;
import static dev.burnrate.demo.CostRow.Col.ResourceId;
import static dev.burnrate.demo.CostRow.Col.ResourceName;
import static dev.burnrate.demo.CostRow.Col.ServiceCategory;
import static dev.burnrate.demo.CostRow.Col.ServiceName;
import static dev.burnrate.demo.CostRow.Col.ServiceSubcategory;
import static dev.burnrate.demo.CostRow.Col.SkuId;
import static dev.burnrate.demo.CostRow.Col.SkuMeter;
import static dev.burnrate.demo.CostRow.Col.SkuPriceId;
import static dev.burnrate.demo.CostRow.Col.SubAccountId;
import static dev.burnrate.demo.CostRow.Col.SubAccountName;
import static dev.burnrate.demo.CostRow.Col.Tags;
import static dev.burnrate.demo.Fleet.CommitmentKind.AWS_RESERVED_INSTANCE;
import static dev.burnrate.demo.Fleet.CommitmentKind.AWS_SAVINGS_PLAN;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.demo.NativeCsvWriter.Column;
import dev.burnrate.demo.NativeCsvWriter.Layout;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The columns of each provider-native CSV export, filled from FOCUS-shaped cost rows so that the
 * format's mapping (etl/src/main/resources/mappings) gives back exactly the row's BilledCost,
 * EffectiveCost, ChargeCategory, account, period, service, SKU and quantities. Column names follow
 * the providers' data dictionaries; every amount is written as the exact decimal.
 */
final class NativeLayouts {
  private NativeLayouts() {}

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  private static final Map<String, Map<String, String>> TAGS = new ConcurrentHashMap<>();
  private static final DateTimeFormatter US_DATE =
      DateTimeFormatter.ofPattern("M/d/yyyy", Locale.ROOT);

  /** AWS legacy CUR: slash-named columns, one resourceTags/user:&lt;key&gt; column per tag key. */
  static Layout awsCur(Set<String> keys) {
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
    c.add(col("lineItem/LineItemType", NativeLayouts::awsLineItemType));
    c.add(col("lineItem/UsageStartDate", r -> iso(r, ChargePeriodStart)));
    c.add(col("lineItem/UsageEndDate", r -> iso(r, ChargePeriodEnd)));
    c.add(col("lineItem/ProductCode", NativeLayouts::awsProductCode));
    c.add(col("lineItem/UsageType", NativeLayouts::awsUsageType));
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
    c.add(col("pricing/unit", NativeLayouts::unit));
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
  static Layout awsCur2() {
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
    c.add(col("line_item_line_item_type", NativeLayouts::awsLineItemType));
    c.add(col("line_item_operation", r -> isCompute(r) ? "RunInstances" : null));
    c.add(col("line_item_product_code", NativeLayouts::awsProductCode));
    c.add(col("line_item_resource_id", r -> text(r, ResourceId)));
    c.add(col("line_item_net_unblended_cost", r -> num(r, BilledCost)));
    c.add(col("line_item_unblended_cost", r -> plain(gross(r))));
    c.add(col("line_item_unblended_rate", r -> num(r, ContractedUnitPrice)));
    c.add(col("line_item_usage_account_id", r -> text(r, SubAccountId)));
    c.add(col("line_item_usage_account_name", r -> text(r, SubAccountName)));
    c.add(col("line_item_usage_amount", r -> num(r, PricingQuantity)));
    c.add(col("line_item_usage_end_date", r -> isoMillis(r, ChargePeriodEnd)));
    c.add(col("line_item_usage_start_date", r -> isoMillis(r, ChargePeriodStart)));
    c.add(col("line_item_usage_type", NativeLayouts::awsUsageType));
    c.add(col("pricing_public_on_demand_cost", r -> num(r, ListCost)));
    c.add(col("pricing_public_on_demand_rate", r -> num(r, ListUnitPrice)));
    c.add(col("pricing_rate_id", r -> text(r, SkuPriceId)));
    c.add(col("pricing_term", r -> "Usage".equals(r.get(ChargeCategory)) ? "OnDemand" : null));
    c.add(col("pricing_unit", NativeLayouts::unit));
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

  /**
   * Azure cost details, actual cost. EA: PascalCase headers after a byte-order mark, CRLF, M/D/YYYY
   * dates; MCA: camelCase headers, ISO dates, the billing profile as the FOCUS billing account.
   */
  static Layout azure(boolean ea) {
    Function<LocalDate, String> date = ea ? US_DATE::format : LocalDate::toString;
    List<Column> c = new ArrayList<>();
    if (ea) {
      c.add(col("BillingAccountId", r -> text(r, BillingAccountId)));
      c.add(col("BillingAccountName", r -> text(r, BillingAccountName)));
      c.add(col("AccountOwnerId", r -> "finops@meridian.ai"));
    } else {
      c.add(col("billingAccountId", r -> "mca-" + text(r, BillingAccountId)));
      c.add(col("billingProfileId", r -> text(r, BillingAccountId)));
      c.add(col("billingProfileName", r -> text(r, BillingAccountName)));
    }
    c.add(col("BillingPeriodStartDate", r -> date.apply(r.date(BillingPeriodStart))));
    c.add(col("BillingPeriodEndDate", r -> date.apply(r.date(BillingPeriodEnd).minusDays(1))));
    c.add(col("InvoiceId", r -> text(r, InvoiceId)));
    c.add(col("SubscriptionId", r -> text(r, SubAccountId)));
    c.add(col("SubscriptionName", r -> text(r, SubAccountName)));
    c.add(col("Date", r -> date.apply(r.date(ChargePeriodStart))));
    c.add(col("ProductName", r -> text(r, ChargeDescription)));
    c.add(col("MeterId", r -> text(r, SkuPriceId)));
    c.add(col("MeterCategory", r -> text(r, ServiceName)));
    c.add(col("MeterSubCategory", r -> text(r, ServiceSubcategory)));
    c.add(col("MeterName", r -> text(r, SkuMeter)));
    c.add(col("MeterRegion", r -> text(r, RegionName)));
    c.add(col("ServiceFamily", r -> text(r, ServiceCategory)));
    c.add(col("Quantity", r -> num(r, PricingQuantity)));
    c.add(col("UnitOfMeasure", NativeLayouts::unit));
    c.add(col("UnitPrice", r -> num(r, ContractedUnitPrice)));
    c.add(col("PayGPrice", r -> num(r, ListUnitPrice)));
    c.add(col("CostInBillingCurrency", r -> num(r, BilledCost)));
    c.add(col("BillingCurrencyCode", r -> text(r, BillingCurrency)));
    c.add(col("ResourceLocation", r -> text(r, RegionId)));
    c.add(col("ResourceId", r -> text(r, ResourceId)));
    c.add(col("ResourceName", r -> text(r, ResourceName)));
    c.add(
        col(
            "AdditionalInfo",
            r -> isCompute(r) ? json(Map.of("ServiceType", text(r, SkuId))) : null));
    c.add(col("Tags", NativeLayouts::tagsWithoutBraces));
    c.add(col("ChargeType", r -> text(r, ChargeCategory)));
    c.add(col("Frequency", r -> azureFrequency(text(r, ChargeFrequency))));
    c.add(col("PricingModel", NativeLayouts::azurePricingModel));
    c.add(col("BenefitId", r -> r.commitment() == null ? null : r.commitment().id()));
    c.add(col("BenefitName", r -> r.commitment() == null ? null : r.commitment().name()));
    c.add(col("PublisherType", r -> "Azure"));
    List<Column> named = new ArrayList<>();
    for (Column x : c) {
      String h = x.header();
      named.add(
          ea ? x : new Column(Character.toLowerCase(h.charAt(0)) + h.substring(1), x.value()));
    }
    return new Layout(named, !ea, ea, ea ? "\r\n" : "\n");
  }

  /**
   * OCI cost report: lineItem/referenceNo numbered from 1 per month (a correction names the line it
   * corrects, which may lie in an earlier report), hourly intervals, free-form tags as {@code
   * tags/<key>} and the defined tag Oracle-Tags.CreatedBy. GPU shapes are billed per GPU: the
   * quantity of a GPU shape's line is GPU-hours (GPUs x hours) at the price of one GPU-hour, with
   * the unit "GPU Per Hour".
   */
  static Layout oci(Set<String> keys) {
    Set<String> tagKeys = tagColumns(keys);
    Map<CostRow, String> refs = new IdentityHashMap<>();
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
  private static boolean perGpu(CostRow r) {
    return "GPU Hours".equals(r.get(PricingUnit)) && r.get(ConsumedQuantity) != null;
  }

  // ---- helpers shared with GcpBillingWriter ----

  static Column col(String header, Function<CostRow, String> value) {
    return new Column(header, value);
  }

  static String text(CostRow r, CostRow.Col c) {
    Object v = r.get(c);
    return v == null ? null : v.toString();
  }

  /** An exact decimal, never in exponent form; null stays null. */
  static String num(CostRow r, CostRow.Col c) {
    return plain(r.decimal(c));
  }

  static String plain(BigDecimal d) {
    if (d == null) {
      return null;
    }
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }

  static boolean isCompute(CostRow r) {
    return "Compute".equals(r.get(ServiceCategory)) && "Usage".equals(r.get(ChargeCategory));
  }

  /** The row's Tags object as key -> value in key order of the JSON. */
  static Map<String, String> tags(CostRow r) {
    String t = r.string(Tags);
    if (t == null) {
      return Map.of();
    }
    return TAGS.computeIfAbsent(
        t,
        s -> {
          try {
            return JSON.readValue(s, new TypeReference<LinkedHashMap<String, String>>() {});
          } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** The value of the tag whose key equals {@code key} ignoring case (see {@link #tagColumns}). */
  private static String tag(CostRow r, String key) {
    for (Map.Entry<String, String> e : tags(r).entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  /**
   * One tag column per key ignoring case (the first spelling in sort order): a report with both
   * "Team" and "team" columns would have two columns that Spark, case-insensitive, cannot tell
   * apart.
   */
  static Set<String> tagColumns(Set<String> keys) {
    Set<String> out = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    out.addAll(new java.util.TreeSet<>(keys));
    return out;
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The consumed quantity (usage), else the priced one (a fee's 1 month). */
  static String consumed(CostRow r) {
    return plain(
        r.get(ConsumedQuantity) != null ? r.decimal(ConsumedQuantity) : r.decimal(PricingQuantity));
  }

  static String unit(CostRow r) {
    return r.get(ConsumedUnit) != null ? text(r, ConsumedUnit) : text(r, PricingUnit);
  }

  /** The contracted price per consumed unit: per node-hour for a GPU priced per GPU-hour. */
  private static String pricePerConsumedUnit(CostRow r) {
    BigDecimal price = r.decimal(ContractedUnitPrice);
    BigDecimal priced = r.decimal(PricingQuantity);
    BigDecimal used = r.decimal(ConsumedQuantity);
    if (price == null || priced == null || used == null || used.signum() == 0) {
      return plain(price);
    }
    return plain(price.multiply(priced).divide(used, MathContext.DECIMAL64));
  }

  private static String iso(CostRow r, CostRow.Col c) {
    return r.date(c) + "T00:00:00Z";
  }

  private static String isoMillis(CostRow r, CostRow.Col c) {
    return r.date(c) + "T00:00:00.000Z";
  }

  private static String awsLineItemType(CostRow r) {
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

  private static String awsProductCode(CostRow r) {
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

  private static String awsUsageType(CostRow r) {
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
  private static BigDecimal gross(CostRow r) {
    BigDecimal billed = r.decimal(BilledCost);
    return r.negotiatedDiscount() == null ? billed : billed.subtract(r.negotiatedDiscount());
  }

  /** The commitment discount's id when the row is one of {@code kind}'s. */
  private static String commitmentId(CostRow r, Fleet.CommitmentKind kind) {
    return r.commitment() != null && r.commitment().kind() == kind ? r.commitment().id() : null;
  }

  /** reservation/EffectiveCost: the amortized cost of DiscountedUsage. */
  private static String riEffective(CostRow r) {
    return "DiscountedUsage".equals(r.awsLineItemType()) ? num(r, EffectiveCost) : null;
  }

  /** The unused parts of a fully used reservation's RIFee. */
  private static String riUnused(CostRow r) {
    return "RIFee".equals(r.awsLineItemType()) ? "0" : null;
  }

  /** savingsPlan/SavingsPlanEffectiveCost: what covered usage costs at the plan's rate. */
  private static String spEffective(CostRow r) {
    return "SavingsPlanCoveredUsage".equals(r.awsLineItemType()) ? num(r, EffectiveCost) : null;
  }

  /** savingsPlan/TotalCommitmentToDate on the recurring fee: the day's commitment. */
  private static String spTotal(CostRow r) {
    return "SavingsPlanRecurringFee".equals(r.awsLineItemType()) ? num(r, BilledCost) : null;
  }

  private static String azurePricingModel(CostRow r) {
    if (r.commitment() != null) {
      return r.commitment().kind() == Fleet.CommitmentKind.AZURE_RESERVATION
          ? "Reservation"
          : "SavingsPlan";
    }
    return "Usage".equals(r.get(ChargeCategory)) ? "OnDemand" : null;
  }

  private static String azureFrequency(String focus) {
    if (focus == null) {
      return null;
    }
    return switch (focus) {
      case "Usage-Based" -> "UsageBased";
      case "One-Time" -> "OneTime";
      default -> focus;
    };
  }

  /** Azure writes Tags as the JSON object's members without the outer braces. */
  private static String tagsWithoutBraces(CostRow r) {
    String t = r.string(Tags);
    return t == null ? null : t.substring(1, t.length() - 1);
  }
}
