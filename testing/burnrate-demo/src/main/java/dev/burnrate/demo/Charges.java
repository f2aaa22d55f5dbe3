package dev.burnrate.demo;

import static dev.burnrate.demo.BillLine.Col.AvailabilityZone;
import static dev.burnrate.demo.BillLine.Col.BilledCost;
import static dev.burnrate.demo.BillLine.Col.BillingAccountId;
import static dev.burnrate.demo.BillLine.Col.BillingAccountName;
import static dev.burnrate.demo.BillLine.Col.BillingAccountType;
import static dev.burnrate.demo.BillLine.Col.BillingCurrency;
import static dev.burnrate.demo.BillLine.Col.BillingPeriodEnd;
import static dev.burnrate.demo.BillLine.Col.BillingPeriodStart;
import static dev.burnrate.demo.BillLine.Col.ChargeCategory;
import static dev.burnrate.demo.BillLine.Col.ChargeDescription;
import static dev.burnrate.demo.BillLine.Col.ChargeFrequency;
import static dev.burnrate.demo.BillLine.Col.ChargePeriodEnd;
import static dev.burnrate.demo.BillLine.Col.ChargePeriodStart;
import static dev.burnrate.demo.BillLine.Col.ConsumedQuantity;
import static dev.burnrate.demo.BillLine.Col.ConsumedUnit;
import static dev.burnrate.demo.BillLine.Col.ContractedCost;
import static dev.burnrate.demo.BillLine.Col.ContractedUnitPrice;
import static dev.burnrate.demo.BillLine.Col.EffectiveCost;
import static dev.burnrate.demo.BillLine.Col.HostProviderName;
import static dev.burnrate.demo.BillLine.Col.InvoiceId;
import static dev.burnrate.demo.BillLine.Col.InvoiceIssuerName;
import static dev.burnrate.demo.BillLine.Col.ListCost;
import static dev.burnrate.demo.BillLine.Col.ListUnitPrice;
import static dev.burnrate.demo.BillLine.Col.PricingCategory;
import static dev.burnrate.demo.BillLine.Col.PricingCurrency;
import static dev.burnrate.demo.BillLine.Col.PricingQuantity;
import static dev.burnrate.demo.BillLine.Col.PricingUnit;
import static dev.burnrate.demo.BillLine.Col.ProviderName;
import static dev.burnrate.demo.BillLine.Col.PublisherName;
import static dev.burnrate.demo.BillLine.Col.RegionId;
import static dev.burnrate.demo.BillLine.Col.RegionName;
import static dev.burnrate.demo.BillLine.Col.ResourceId;
import static dev.burnrate.demo.BillLine.Col.ResourceName;
import static dev.burnrate.demo.BillLine.Col.ResourceType;
import static dev.burnrate.demo.BillLine.Col.ServiceCategory;
import static dev.burnrate.demo.BillLine.Col.ServiceName;
import static dev.burnrate.demo.BillLine.Col.ServiceProviderName;
import static dev.burnrate.demo.BillLine.Col.ServiceSubcategory;
import static dev.burnrate.demo.BillLine.Col.SkuId;
import static dev.burnrate.demo.BillLine.Col.SkuMeter;
import static dev.burnrate.demo.BillLine.Col.SkuPriceId;
import static dev.burnrate.demo.BillLine.Col.SubAccountId;
import static dev.burnrate.demo.BillLine.Col.SubAccountName;
import static dev.burnrate.demo.BillLine.Col.SubAccountType;
import static dev.burnrate.demo.BillLine.Col.Tags;

import dev.burnrate.demo.Fleet.Account;
import dev.burnrate.demo.Fleet.Node;
import dev.burnrate.demo.Fleet.Provider;
import dev.burnrate.demo.Fleet.SubAccount;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The bill line of each kind of charge, priced: a node's compute, a sub account's storage and
 * network, an account's support fee and promotional credit. Every line carries its account's
 * columns ({@link #charge}): billing period, one-day charge period and, in a closed month, the
 * invoice id. Google Cloud cuts its list price on the 15th of one month ({@link #priceChangeDay}).
 */
final class Charges {
  static final BigDecimal HOURS_PER_DAY = BigDecimal.valueOf(24);
  static final String DATA_TAGS = "{\"team\":\"data\",\"project\":\"datasets\"}";

  private final Window window;
  private final long seed;
  private final LocalDate priceChangeDay;

  Charges(Window window, long seed) {
    this.window = window;
    this.seed = seed;
    this.priceChangeDay = priceChangeDay(window);
  }

  /** The most recent 15th inside the window (not its first day), or null. */
  static LocalDate priceChangeDay(Window w) {
    LocalDate d = w.end().withDayOfMonth(15);
    if (d.isAfter(w.end())) {
      d = d.minusMonths(1);
    }
    return d.isAfter(w.start()) ? d : null;
  }

  /** Node {@code n}'s usage of {@code hours} on {@code day}, at the list price of that day. */
  BillLine compute(Provider p, Node n, YearMonth month, LocalDate day, BigDecimal hours) {
    boolean changed =
        n.listPriceAfterChange() != null && priceChangeDay != null && !day.isBefore(priceChangeDay);
    BigDecimal list = changed ? n.listPriceAfterChange() : n.listPrice();
    BigDecimal pricingQty =
        n.perGpuPricing() ? hours.multiply(BigDecimal.valueOf(n.type().gpus())) : hours;
    String description =
        n.description().contains("%s")
            ? String.format(Locale.ROOT, n.description(), list.setScale(2).toPlainString())
            : n.description();
    BillLine r = charge(p, n.sub().account(), month, day);
    subAccount(r, n.sub());
    r.set(AvailabilityZone, n.zone())
        .set(ChargeCategory, "Usage")
        .set(ChargeDescription, description)
        .set(ChargeFrequency, "Usage-Based")
        .set(ConsumedQuantity, hours)
        .set(ConsumedUnit, "Hours")
        .set(RegionId, n.sub().regionId())
        .set(RegionName, n.sub().regionName())
        .set(ResourceId, n.resourceId())
        .set(ResourceName, n.resourceName())
        .set(ResourceType, p.resourceType())
        .set(ServiceCategory, "Compute")
        .set(ServiceName, p.computeService())
        .set(ServiceSubcategory, p.computeSubcategory())
        .set(SkuId, n.type().sku())
        .set(SkuMeter, "Compute Usage")
        .set(SkuPriceId, changed ? n.skuPriceId() + "-2" : n.skuPriceId())
        .set(Tags, n.tags());
    priced(r, p, pricingQty, n.perGpuPricing() ? "GPU Hours" : "Hours", list);
    return r;
  }

  /**
   * @param usageOnly a usage-only export's rows are priced by the reader (price x quantity), so the
   *     quantity has 3 decimals: the cost is then exact at the 6 decimals written here
   */
  BillLine storage(Provider p, SubAccount s, YearMonth month, LocalDate day, boolean usageOnly) {
    // the data sets grow by 0.15% a day
    long daysIn = day.toEpochDay() - window.start().toEpochDay();
    long gb = Math.round(s.storageGb() * (1 + 0.0015 * daysIn));
    BigDecimal qty =
        BigDecimal.valueOf(gb)
            .divide(
                BigDecimal.valueOf(month.lengthOfMonth()), usageOnly ? 3 : 6, RoundingMode.HALF_UP);
    BillLine r = charge(p, s.account(), month, day);
    subAccount(r, s);
    r.set(ChargeCategory, "Usage")
        .set(ChargeDescription, "Object storage, standard tier, per GB-month")
        .set(ChargeFrequency, "Usage-Based")
        .set(ConsumedQuantity, qty)
        .set(ConsumedUnit, "GB-Month")
        .set(RegionId, s.regionId())
        .set(RegionName, s.regionName())
        .set(ResourceId, s.bucketId())
        .set(ResourceName, s.bucketName())
        .set(ResourceType, "Bucket")
        .set(ServiceCategory, "Storage")
        .set(ServiceName, p.storageService())
        .set(ServiceSubcategory, "Object Storage")
        .set(SkuId, "object-storage-standard")
        .set(SkuMeter, "Storage")
        .set(SkuPriceId, "object-storage-standard-" + s.regionId())
        .set(Tags, DATA_TAGS);
    priced(r, p, qty, "GB-Month", s.storageListPrice());
    return r;
  }

  BillLine network(Provider p, SubAccount s, YearMonth month, LocalDate day) {
    SplittableRandom rnd = Rng.of(seed, p.slug(), "egress", s.id(), day.toEpochDay());
    BigDecimal gb = BigDecimal.valueOf(rnd.nextInt(s.egressMinGb(), s.egressMaxGb() + 1));
    BillLine r = charge(p, s.account(), month, day);
    subAccount(r, s);
    r.set(ChargeCategory, "Usage")
        .set(ChargeDescription, "Data transfer out to the internet, per GB")
        .set(ChargeFrequency, "Usage-Based")
        .set(ConsumedQuantity, gb)
        .set(ConsumedUnit, "GB")
        .set(RegionId, s.regionId())
        .set(RegionName, s.regionName())
        .set(ServiceCategory, "Networking")
        .set(ServiceName, p.networkService())
        .set(ServiceSubcategory, "Network Traffic")
        .set(SkuId, "data-transfer-out")
        .set(SkuMeter, "Data Transfer")
        .set(SkuPriceId, "data-transfer-out-" + s.regionId());
    priced(r, p, gb, "GB", s.networkListPrice());
    return r;
  }

  BillLine support(Provider p, Account a, YearMonth month, LocalDate day) {
    BillLine r = charge(p, a, month, day);
    r.set(ChargeCategory, "Purchase")
        .set(ChargeDescription, p.supportService() + ", monthly fee")
        .set(ChargeFrequency, "Recurring")
        .set(ServiceCategory, "Other")
        .set(ServiceName, p.supportService())
        .set(ServiceSubcategory, "Other (Other)")
        .set(SkuId, "support-monthly")
        .set(SkuMeter, "Support")
        .set(SkuPriceId, "support-monthly");
    // negotiated discounts do not apply to support: list = contracted
    r.set(PricingCategory, "Standard")
        .set(PricingCurrency, a.currency())
        .set(PricingQuantity, BigDecimal.ONE)
        .set(PricingUnit, "Months")
        .set(ListUnitPrice, a.supportMonthly())
        .set(ContractedUnitPrice, a.supportMonthly());
    costs(r, a.supportMonthly(), a.supportMonthly(), a.supportMonthly());
    return r;
  }

  BillLine credit(Provider p, Account a, YearMonth month, LocalDate day) {
    BillLine r = charge(p, a, month, day);
    r.set(ChargeCategory, "Credit")
        .set(ChargeDescription, p.creditDescription())
        .set(ChargeFrequency, "One-Time")
        .set(ServiceCategory, "Compute")
        .set(ServiceName, p.computeService())
        .set(ServiceSubcategory, p.computeSubcategory());
    costs(r, a.creditMonthly().negate(), BigDecimal.ZERO, BigDecimal.ZERO);
    return r;
  }

  /** The columns every row of an account's month has. */
  BillLine charge(Provider p, Account a, YearMonth month, LocalDate day) {
    return new BillLine()
        .set(BillingAccountId, a.id())
        .set(BillingAccountName, a.name())
        .set(BillingAccountType, a.type())
        .set(BillingCurrency, a.currency())
        .set(BillingPeriodStart, month.atDay(1))
        .set(BillingPeriodEnd, month.plusMonths(1).atDay(1))
        .set(ChargePeriodStart, day)
        .set(ChargePeriodEnd, day.plusDays(1))
        .set(InvoiceId, invoiceId(p, a, month))
        .set(InvoiceIssuerName, p.invoiceIssuer())
        .set(ProviderName, p.name())
        .set(PublisherName, p.name())
        .set(ServiceProviderName, p.name())
        .set(HostProviderName, p.name());
  }

  static void subAccount(BillLine r, SubAccount s) {
    r.set(SubAccountId, s.id()).set(SubAccountName, s.name()).set(SubAccountType, s.type());
  }

  /** Prices a Usage row at list and at the provider's negotiated discount. */
  private static void priced(
      BillLine r, Provider p, BigDecimal qty, String unit, BigDecimal listUnitPrice) {
    BigDecimal contractedUnitPrice =
        listUnitPrice
            .multiply(BigDecimal.ONE.subtract(p.discount()))
            .setScale(6, RoundingMode.HALF_UP);
    BigDecimal list = qty.multiply(listUnitPrice).setScale(6, RoundingMode.HALF_UP);
    BigDecimal contracted = qty.multiply(contractedUnitPrice).setScale(6, RoundingMode.HALF_UP);
    r.set(PricingCategory, "Standard")
        .set(PricingCurrency, r.get(BillingCurrency))
        .set(PricingQuantity, qty)
        .set(PricingUnit, unit)
        .set(ListUnitPrice, listUnitPrice)
        .set(ContractedUnitPrice, contractedUnitPrice);
    costs(r, contracted, list, contracted);
  }

  static void costs(BillLine r, BigDecimal billed, BigDecimal list, BigDecimal contracted) {
    r.set(BilledCost, billed)
        .set(EffectiveCost, billed)
        .set(ListCost, list)
        .set(ContractedCost, contracted);
  }

  /** Closed months carry an invoice id; the open month has none yet (as in AWS exports). */
  private String invoiceId(Provider p, Account a, YearMonth month) {
    if (!window.closed(month)) {
      return null;
    }
    SplittableRandom r = Rng.of(seed, p.slug(), "invoice", a.id(), month.toString());
    String ym = month.format(DateTimeFormatter.ofPattern("yyyyMM", Locale.ROOT));
    return switch (p.slug()) {
      case "aws" -> Rng.digits(r, 10);
      case "oci" -> "OCI-" + ym + "-" + Rng.digits(r, 7);
      case "coreweave" -> "INV-" + ym + "-" + Rng.digits(r, 5);
      default -> "E" + Rng.digits(r, 9);
    };
  }
}
