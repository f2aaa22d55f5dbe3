package dev.burnrate.core.focus;

import static dev.burnrate.core.focus.FocusColumn.Type.DECIMAL;
import static dev.burnrate.core.focus.FocusColumn.Type.JSON;
import static dev.burnrate.core.focus.FocusColumn.Type.LONG;
import static dev.burnrate.core.focus.FocusColumn.Type.STRING;
import static dev.burnrate.core.focus.FocusColumn.Type.TIMESTAMP;

import java.util.List;
import java.util.Optional;

/**
 * The lake's cost schema: the FOCUS 1.2 columns plus the 1.3 provider columns and ContractApplied,
 * then burnrate's x_ extensions. Every stage uses this order.
 */
public final class FocusColumns {
  private FocusColumns() {}

  public static final List<FocusColumn> ALL =
      List.of(
          c("AvailabilityZone", STRING, "0.5", "Provider-assigned zone the resource runs in"),
          c("BilledCost", DECIMAL, "0.5", "Cost invoiced for the charge, in BillingCurrency"),
          c("BillingAccountId", STRING, "0.5", "Account the invoice is issued to"),
          c("BillingAccountName", STRING, "0.5", "Display name of the billing account"),
          c("BillingAccountType", STRING, "1.2", "Provider's label for the billing account kind"),
          c("BillingCurrency", STRING, "0.5", "ISO 4217 currency of BilledCost/EffectiveCost"),
          c("BillingPeriodEnd", TIMESTAMP, "0.5", "Exclusive end of the billing period (UTC)"),
          c("BillingPeriodStart", TIMESTAMP, "0.5", "Inclusive start of the billing period (UTC)"),
          c("CapacityReservationId", STRING, "1.1", "Capacity reservation applied, if any"),
          c("CapacityReservationStatus", STRING, "1.1", "Used or Unused capacity reservation"),
          c("ChargeCategory", STRING, "0.5", "Usage, Purchase, Tax, Credit or Adjustment"),
          c("ChargeClass", STRING, "1.0", "Null, or Correction for a fix of an earlier period"),
          c("ChargeDescription", STRING, "1.0", "Provider's description of the charge"),
          c("ChargeFrequency", STRING, "1.0", "One-Time, Recurring or Usage-Based"),
          c("ChargePeriodEnd", TIMESTAMP, "0.5", "Exclusive end of the charge's time slice (UTC)"),
          c("ChargePeriodStart", TIMESTAMP, "0.5", "Inclusive start of the charge's time slice"),
          c("CommitmentDiscountCategory", STRING, "1.0", "Spend or Usage commitment discount"),
          c("CommitmentDiscountId", STRING, "1.0", "Savings plan / reservation identifier"),
          c("CommitmentDiscountName", STRING, "1.0", "Display name of the commitment discount"),
          c("CommitmentDiscountQuantity", DECIMAL, "1.1", "Commitment discount amount applied"),
          c("CommitmentDiscountStatus", STRING, "1.0", "Used or Unused commitment discount"),
          c("CommitmentDiscountType", STRING, "1.0", "Provider's commitment discount type"),
          c("CommitmentDiscountUnit", STRING, "1.1", "Unit of CommitmentDiscountQuantity"),
          c("ConsumedQuantity", DECIMAL, "1.0", "Usage consumed, in ConsumedUnit"),
          c("ConsumedUnit", STRING, "1.0", "Unit of ConsumedQuantity, e.g. Hours"),
          c(
              "ContractedCost",
              DECIMAL,
              "1.0",
              "Cost at negotiated rates (ContractedUnitPrice x qty)"),
          c("ContractedUnitPrice", DECIMAL, "1.0", "Negotiated unit price, in BillingCurrency"),
          c("EffectiveCost", DECIMAL, "0.5", "Amortized cost after discounts, in BillingCurrency"),
          c("InvoiceId", STRING, "1.2", "Invoice the charge appears on"),
          c("InvoiceIssuerName", STRING, "0.5", "Who issued the invoice"),
          c("ListCost", DECIMAL, "1.0", "Cost at public list prices"),
          c("ListUnitPrice", DECIMAL, "1.0", "Public list unit price"),
          c("PricingCategory", STRING, "1.0", "Standard, Dynamic, Committed or Other"),
          c("PricingCurrency", STRING, "1.2", "Currency prices were quoted in"),
          c("PricingQuantity", DECIMAL, "1.0", "Quantity priced, in PricingUnit"),
          c("PricingUnit", STRING, "1.0", "Unit the price applies to"),
          c("ProviderName", STRING, "0.5", "Who made the resources available (deprecated 1.3)"),
          c("PublisherName", STRING, "0.5", "Who produced the resources (deprecated 1.3)"),
          c("RegionId", STRING, "1.0", "Provider-assigned region id"),
          c("RegionName", STRING, "1.0", "Region display name"),
          c("ResourceId", STRING, "0.5", "Provider-assigned resource id (instance id)"),
          c("ResourceName", STRING, "0.5", "Display name of the resource"),
          c("ResourceType", STRING, "1.0", "Kind of resource, e.g. Virtual Machine"),
          c("ServiceCategory", STRING, "0.5", "FOCUS service category, e.g. Compute"),
          c("ServiceName", STRING, "0.5", "Provider's service name"),
          c("ServiceSubcategory", STRING, "1.1", "FOCUS service subcategory"),
          c("SkuId", STRING, "1.0", "Provider SKU id"),
          c("SkuMeter", STRING, "1.1", "Functionality metered by the SKU"),
          c("SkuPriceId", STRING, "1.0", "Provider SKU price id"),
          c("SubAccountId", STRING, "0.5", "Sub account (AWS linked account, Azure subscription)"),
          c("SubAccountName", STRING, "0.5", "Sub account display name"),
          c("SubAccountType", STRING, "1.2", "Provider's label for the sub account kind"),
          c("Tags", JSON, "1.0", "Tags as a JSON object, keys normalized"),
          c("ServiceProviderName", STRING, "1.3", "Who made the service available"),
          c("HostProviderName", STRING, "1.3", "Who hosts the resources"),
          c("ContractApplied", JSON, "1.3", "JSON array of contract commitments this row burned"),
          c("x_SourceName", STRING, "x", "pipeline.yaml source the row came from"),
          c("x_SourceFormat", STRING, "x", "Export format the row was read as"),
          c("x_SourceFile", STRING, "x", "File the row was read from"),
          c("x_SourceLine", LONG, "x", "Line (CSV) or row number (Parquet) in that file, from 1"),
          c("x_FocusVersion", STRING, "x", "FOCUS version detected for native FOCUS files"),
          c("x_RunId", STRING, "x", "Ingest run that wrote the row"),
          c("x_PricedFrom", STRING, "x", "Where the cost came from: 'bill' or 'rate-card'"));

  /** The FOCUS columns without burnrate's x_ extensions. */
  public static List<FocusColumn> focusOnly() {
    return ALL.stream().filter(c -> !c.name().startsWith("x_")).toList();
  }

  public static Optional<FocusColumn> byName(String name) {
    return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The cost columns that the "nothing lost" check sums. */
  public static final List<String> COST_COLUMNS = List.of("BilledCost", "EffectiveCost");

  private static FocusColumn c(String name, FocusColumn.Type type, String since, String desc) {
    return new FocusColumn(name, type, since, desc);
  }
}
