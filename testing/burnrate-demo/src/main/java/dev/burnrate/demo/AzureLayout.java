package dev.burnrate.demo;

import static dev.burnrate.demo.BillLine.Col.BilledCost;
import static dev.burnrate.demo.BillLine.Col.BillingAccountId;
import static dev.burnrate.demo.BillLine.Col.BillingAccountName;
import static dev.burnrate.demo.BillLine.Col.BillingCurrency;
import static dev.burnrate.demo.BillLine.Col.BillingPeriodEnd;
import static dev.burnrate.demo.BillLine.Col.BillingPeriodStart;
import static dev.burnrate.demo.BillLine.Col.ChargeCategory;
import static dev.burnrate.demo.BillLine.Col.ChargeDescription;
import static dev.burnrate.demo.BillLine.Col.ChargeFrequency;
import static dev.burnrate.demo.BillLine.Col.ChargePeriodStart;
import static dev.burnrate.demo.BillLine.Col.ContractedUnitPrice;
import static dev.burnrate.demo.BillLine.Col.InvoiceId;
import static dev.burnrate.demo.BillLine.Col.ListUnitPrice;
import static dev.burnrate.demo.BillLine.Col.PricingQuantity;
import static dev.burnrate.demo.BillLine.Col.RegionId;
import static dev.burnrate.demo.BillLine.Col.RegionName;
import static dev.burnrate.demo.BillLine.Col.ResourceId;
import static dev.burnrate.demo.BillLine.Col.ResourceName;
import static dev.burnrate.demo.BillLine.Col.ServiceCategory;
import static dev.burnrate.demo.BillLine.Col.ServiceName;
import static dev.burnrate.demo.BillLine.Col.ServiceSubcategory;
import static dev.burnrate.demo.BillLine.Col.SkuId;
import static dev.burnrate.demo.BillLine.Col.SkuMeter;
import static dev.burnrate.demo.BillLine.Col.SkuPriceId;
import static dev.burnrate.demo.BillLine.Col.SubAccountId;
import static dev.burnrate.demo.BillLine.Col.SubAccountName;
import static dev.burnrate.demo.BillLine.Col.Tags;
import static dev.burnrate.demo.BillLineText.col;
import static dev.burnrate.demo.BillLineText.isCompute;
import static dev.burnrate.demo.BillLineText.json;
import static dev.burnrate.demo.BillLineText.num;
import static dev.burnrate.demo.BillLineText.text;

import dev.burnrate.demo.NativeCsvWriter.Column;
import dev.burnrate.demo.NativeCsvWriter.Layout;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Azure's cost details export (EA and MCA), filled from bill lines so that the azure mappings
 * (etl/src/main/resources/mappings) give back exactly the line's costs, category, account, period,
 * service, SKU and quantities.
 */
final class AzureLayout {
  private static final DateTimeFormatter US_DATE =
      DateTimeFormatter.ofPattern("M/d/yyyy", Locale.ROOT);

  private AzureLayout() {}

  /**
   * Azure cost details, actual cost. EA: PascalCase headers after a byte-order mark, CRLF, M/D/YYYY
   * dates; MCA: camelCase headers, ISO dates, the billing profile as the FOCUS billing account.
   */
  static Layout of(boolean ea) {
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
    c.add(col("UnitOfMeasure", BillLineText::unit));
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
    c.add(col("Tags", AzureLayout::tagsWithoutBraces));
    c.add(col("ChargeType", r -> text(r, ChargeCategory)));
    c.add(col("Frequency", r -> azureFrequency(text(r, ChargeFrequency))));
    c.add(col("PricingModel", AzureLayout::azurePricingModel));
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

  private static String azurePricingModel(BillLine r) {
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
  private static String tagsWithoutBraces(BillLine r) {
    String t = r.string(Tags);
    return t == null ? null : t.substring(1, t.length() - 1);
  }
}
