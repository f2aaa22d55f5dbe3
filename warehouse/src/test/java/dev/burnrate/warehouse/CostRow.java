package dev.burnrate.warehouse;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One lake cost row for a test fixture: FOCUS column name to value (String, Long or null). */
final class CostRow {
  final Map<String, Object> values = new LinkedHashMap<>();

  private CostRow() {}

  /**
   * A usage charge for one day with the mandatory columns filled in; EffectiveCost = BilledCost.
   */
  static CostRow charge(String provider, LocalDate day, String billedCost) {
    CostRow row = new CostRow();
    LocalDate month = day.withDayOfMonth(1);
    row.set("ProviderName", provider)
        .set("PublisherName", provider)
        .set("BillingAccountId", "acct-1")
        .set("BillingCurrency", "USD")
        .set("BilledCost", billedCost)
        .set("EffectiveCost", billedCost)
        .set("ChargeCategory", "Usage")
        .set("ChargePeriodStart", day + " 00:00:00")
        .set("ChargePeriodEnd", day.plusDays(1) + " 00:00:00")
        .set("BillingPeriodStart", month + " 00:00:00")
        .set("BillingPeriodEnd", month.plusMonths(1) + " 00:00:00")
        .set("ServiceName", "Compute")
        .set("x_SourceName", "test-source")
        .set("x_SourceFormat", "focus")
        .set("x_RunId", "run-1");
    return row;
  }

  /** One charge of {@code amount} per day from {@code first} through {@code last} (ISO dates). */
  static List<CostRow> daily(String provider, String first, String last, String amount) {
    List<CostRow> rows = new ArrayList<>();
    LocalDate end = LocalDate.parse(last);
    for (LocalDate d = LocalDate.parse(first); !d.isAfter(end); d = d.plusDays(1)) {
      rows.add(charge(provider, d, amount));
    }
    return rows;
  }

  CostRow set(String column, Object value) {
    values.put(column, value);
    return this;
  }

  CostRow currency(String currency) {
    return set("BillingCurrency", currency);
  }

  CostRow account(String account) {
    return set("BillingAccountId", account);
  }

  CostRow service(String service) {
    return set("ServiceName", service);
  }

  CostRow category(String category) {
    return set("ChargeCategory", category);
  }

  CostRow effective(String effectiveCost) {
    return set("EffectiveCost", effectiveCost);
  }

  CostRow gpuInstance(String sku, String hours) {
    return set("SkuId", sku).set("ConsumedQuantity", hours).set("ConsumedUnit", "Hours");
  }

  CostRow frequency(String chargeFrequency) {
    return set("ChargeFrequency", chargeFrequency);
  }

  CostRow publisher(String publisherName) {
    return set("PublisherName", publisherName);
  }

  CostRow contractApplied(String json) {
    return set("ContractApplied", json);
  }

  /**
   * A ChargeClass 'Correction' row carried by the billing period (calendar month) starting on
   * {@code billingPeriodStart}, which may lie after the month of its charge day.
   */
  CostRow correctionCarriedIn(String billingPeriodStart) {
    LocalDate month = LocalDate.parse(billingPeriodStart);
    return set("ChargeClass", "Correction")
        .set("BillingPeriodStart", month + " 00:00:00")
        .set("BillingPeriodEnd", month.plusMonths(1) + " 00:00:00");
  }

  Object get(String column) {
    return values.get(column);
  }
}
