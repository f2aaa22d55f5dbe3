package dev.burnrate.etl.generate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * One FOCUS cost row as the generator fills it. Values are typed (String, BigDecimal, or LocalDate
 * for timestamps at midnight UTC); {@link FocusDialect} decides how each provider writes them.
 */
final class CostRow {

  /**
   * The FOCUS columns the generator fills, named exactly as in core's FocusColumns. A dialect
   * writes those its FOCUS version has, in FocusColumns order.
   */
  enum Col {
    AvailabilityZone,
    BilledCost,
    BillingAccountId,
    BillingAccountName,
    BillingAccountType,
    BillingCurrency,
    BillingPeriodEnd,
    BillingPeriodStart,
    ChargeCategory,
    // always null here, but written: readers detect FOCUS 1.0 by it
    ChargeClass,
    ChargeDescription,
    ChargeFrequency,
    ChargePeriodEnd,
    ChargePeriodStart,
    ConsumedQuantity,
    ConsumedUnit,
    ContractedCost,
    ContractedUnitPrice,
    EffectiveCost,
    InvoiceId,
    InvoiceIssuerName,
    ListCost,
    ListUnitPrice,
    PricingCategory,
    PricingCurrency,
    PricingQuantity,
    PricingUnit,
    ProviderName,
    PublisherName,
    RegionId,
    RegionName,
    ResourceId,
    ResourceName,
    ResourceType,
    ServiceCategory,
    ServiceName,
    ServiceSubcategory,
    SkuId,
    SkuMeter,
    SkuPriceId,
    SubAccountId,
    SubAccountName,
    SubAccountType,
    Tags,
    ServiceProviderName,
    HostProviderName
  }

  private static final Col[] COLS = Col.values();
  private final Object[] values;

  CostRow() {
    this.values = new Object[COLS.length];
  }

  private CostRow(Object[] values) {
    this.values = values;
  }

  CostRow set(Col c, Object value) {
    values[c.ordinal()] = value;
    return this;
  }

  Object get(Col c) {
    return values[c.ordinal()];
  }

  String string(Col c) {
    return (String) values[c.ordinal()];
  }

  BigDecimal decimal(Col c) {
    return (BigDecimal) values[c.ordinal()];
  }

  LocalDate date(Col c) {
    return (LocalDate) values[c.ordinal()];
  }

  CostRow copy() {
    return new CostRow(Arrays.copyOf(values, values.length));
  }
}
