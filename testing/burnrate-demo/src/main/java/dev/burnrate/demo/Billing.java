package dev.burnrate.demo;

import static dev.burnrate.demo.CostRow.Col.AvailabilityZone;
import static dev.burnrate.demo.CostRow.Col.BilledCost;
import static dev.burnrate.demo.CostRow.Col.BillingAccountId;
import static dev.burnrate.demo.CostRow.Col.BillingAccountName;
import static dev.burnrate.demo.CostRow.Col.BillingAccountType;
import static dev.burnrate.demo.CostRow.Col.BillingCurrency;
import static dev.burnrate.demo.CostRow.Col.BillingPeriodEnd;
import static dev.burnrate.demo.CostRow.Col.BillingPeriodStart;
import static dev.burnrate.demo.CostRow.Col.ChargeCategory;
import static dev.burnrate.demo.CostRow.Col.ChargeClass;
import static dev.burnrate.demo.CostRow.Col.ChargeDescription;
import static dev.burnrate.demo.CostRow.Col.ChargeFrequency;
import static dev.burnrate.demo.CostRow.Col.ChargePeriodEnd;
import static dev.burnrate.demo.CostRow.Col.ChargePeriodStart;
import static dev.burnrate.demo.CostRow.Col.CommitmentDiscountId;
import static dev.burnrate.demo.CostRow.Col.CommitmentDiscountStatus;
import static dev.burnrate.demo.CostRow.Col.ConsumedQuantity;
import static dev.burnrate.demo.CostRow.Col.ConsumedUnit;
import static dev.burnrate.demo.CostRow.Col.ContractedCost;
import static dev.burnrate.demo.CostRow.Col.ContractedUnitPrice;
import static dev.burnrate.demo.CostRow.Col.EffectiveCost;
import static dev.burnrate.demo.CostRow.Col.HostProviderName;
import static dev.burnrate.demo.CostRow.Col.InvoiceId;
import static dev.burnrate.demo.CostRow.Col.InvoiceIssuerName;
import static dev.burnrate.demo.CostRow.Col.ListCost;
import static dev.burnrate.demo.CostRow.Col.ListUnitPrice;
import static dev.burnrate.demo.CostRow.Col.PricingCategory;
import static dev.burnrate.demo.CostRow.Col.PricingCurrency;
import static dev.burnrate.demo.CostRow.Col.PricingQuantity;
import static dev.burnrate.demo.CostRow.Col.PricingUnit;
import static dev.burnrate.demo.CostRow.Col.ProviderName;
import static dev.burnrate.demo.CostRow.Col.PublisherName;
import static dev.burnrate.demo.CostRow.Col.RegionId;
import static dev.burnrate.demo.CostRow.Col.RegionName;
import static dev.burnrate.demo.CostRow.Col.ResourceId;
import static dev.burnrate.demo.CostRow.Col.ResourceName;
import static dev.burnrate.demo.CostRow.Col.ResourceType;
import static dev.burnrate.demo.CostRow.Col.ServiceCategory;
import static dev.burnrate.demo.CostRow.Col.ServiceName;
import static dev.burnrate.demo.CostRow.Col.ServiceProviderName;
import static dev.burnrate.demo.CostRow.Col.ServiceSubcategory;
import static dev.burnrate.demo.CostRow.Col.SkuId;
import static dev.burnrate.demo.CostRow.Col.SkuMeter;
import static dev.burnrate.demo.CostRow.Col.SkuPriceId;
import static dev.burnrate.demo.CostRow.Col.SubAccountId;
import static dev.burnrate.demo.CostRow.Col.SubAccountName;
import static dev.burnrate.demo.CostRow.Col.SubAccountType;
import static dev.burnrate.demo.CostRow.Col.Tags;

import dev.burnrate.demo.Fleet.Account;
import dev.burnrate.demo.Fleet.Node;
import dev.burnrate.demo.Fleet.Provider;
import dev.burnrate.demo.Fleet.SubAccount;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The cost rows of one provider's billing month, written in the format of its {@link
 * Exports.Export} (a FOCUS file or a provider-native export).
 *
 * <p>Every day of the window: one compute Usage row per node (24 instance-hours), one storage and
 * one network Usage row per sub account. On the 1st a monthly support fee (Purchase, Recurring); on
 * the {@value #CREDIT_DAY}th a promotional credit (Credit, negative cost); on the last day of a
 * closed month the tax (Tax) on that month's Usage and Purchase charges, per service. Google Cloud
 * cuts its list price on the 15th of one month. Nodes a commitment discount covers are billed as
 * {@link Commitments} says, with the commitments' fees; OCI corrects two nodes' usage on the
 * {@value #CORRECTION_DAY}th. AWS takes a 6% EDP off the usage no commitment covers ({@link
 * #EDP_SHARE}: net in FOCUS, on the discounted line in CUR 2.0, EdpDiscount line items in legacy
 * CUR); Google Cloud gives a sustained use discount credit on the VMs no CUD covers. Both are part
 * of the usage's cost (ChargeCategory Usage, no quantity), the promotional credit stays Credit.
 * Every row has a one-day charge period inside the window, so the data covers exactly [start, end].
 */
final class Billing {
  static final int CREDIT_DAY = 20;
  static final String DATA_TAGS = "{\"team\":\"data\",\"project\":\"datasets\"}";
  private static final BigDecimal HOURS_PER_DAY = BigDecimal.valueOf(24);
  static final int OCI_HOURS = 6;

  /**
   * Negotiated discounts taken off eligible usage (on-demand Usage rows, not usage a commitment
   * discount covers) after pricing, by provider: AWS's Enterprise Discount Program. Its rows carry
   * the discount ({@link CostRow#negotiatedDiscount()}) so that each AWS format bills it its way.
   */
  static final Map<String, BigDecimal> EDP_SHARE = Map.of("aws", new BigDecimal("0.06"));

  /** Google Cloud's sustained use discount on the usage no committed use discount covers. */
  static final BigDecimal SUD_SHARE = new BigDecimal("0.20");

  static final int CORRECTION_DAY = 12;
  static final BigDecimal CORRECTED_SHARE = new BigDecimal("0.25");
  static final int CORRECTED_NODES = 2;

  private final Window window;
  private final long seed;
  private final int scale;
  private final Restatement restatement;
  private final LocalDate priceChangeDay;
  private final Commitments commitments;
  // the day each ramping node is first billed; nodes not in it run the whole window
  private final Map<Node, LocalDate> rampStart;

  /**
   * A closed month re-rated after delivery: on {@code day}, {@code node} really ran only {@code
   * correctedHours} (a host hardware failure interrupted it), and a late SLA credit of a tenth of
   * its day's cost is added.
   */
  record Restatement(Provider provider, YearMonth month, LocalDate day, Node node) {
    static final BigDecimal CORRECTED_HOURS = new BigDecimal("17.5");
    static final BigDecimal SLA_CREDIT_SHARE = new BigDecimal("0.10");

    String description() {
      return "usage of "
          + node.resourceId()
          + " on "
          + day
          + " corrected from 24 to "
          + CORRECTED_HOURS.toPlainString()
          + " hours, plus a late SLA credit";
    }
  }

  /**
   * What one export's month holds, for the totals and for sizing the contracts.
   *
   * @param parts the files it was written as, in name order
   * @param currencies the month's totals over all parts
   * @param eligibleDaily Usage + Purchase BilledCost per billing account, ServiceName and day
   * @param covered the usage rows each commitment discount covers (CommitmentDiscountStatus Used)
   */
  record ExportResult(
      Exports.Export export,
      List<Delivery.Part> parts,
      long rows,
      List<Totals.CurrencyTotal> currencies,
      BigDecimal gpuHours,
      Map<String, Map<String, TreeMap<LocalDate, BigDecimal>>> eligibleDaily,
      TreeMap<LocalDate, BigDecimal> gpuHoursDaily,
      Map<List<String>, BigDecimal> rateCard,
      List<Totals.CoveredUsage> covered) {

    Provider provider() {
      return export.provider();
    }

    YearMonth month() {
      return export.month();
    }
  }

  Billing(Fleet fleet, Window window, long seed, int scale, Restatement restatement, int rampDays) {
    this.window = window;
    this.seed = seed;
    this.scale = scale;
    this.restatement = restatement;
    this.priceChangeDay = priceChangeDay(window);
    this.commitments =
        new Commitments(
            fleet,
            window,
            (n, d) ->
                compute(fleet.provider(n.providerSlug()), n, YearMonth.from(d), d, HOURS_PER_DAY));
    this.rampStart = rampStart(fleet, window, rampDays);
  }

  /**
   * A growing fleet: per provider, its k-th of m on-demand nodes (no commitment discount covers its
   * workload) is first billed {@code rampDays * k / m} days after the window's first day.
   * Commitment-covered nodes run from the first day, so the commitments' fees stay sized to them.
   */
  private static Map<Node, LocalDate> rampStart(Fleet fleet, Window window, int rampDays) {
    Map<Node, LocalDate> start = new HashMap<>();
    if (rampDays == 0) {
      return start;
    }
    for (Provider p : fleet.providers()) {
      List<Node> onDemand =
          p.nodes().stream()
              .filter(n -> fleet.commitments(p).stream().noneMatch(c -> c.covers() == n.workload()))
              .toList();
      for (int k = 0; k < onDemand.size(); k++) {
        start.put(onDemand.get(k), window.start().plusDays((long) rampDays * k / onDemand.size()));
      }
    }
    return start;
  }

  private boolean billed(Node n, LocalDate day) {
    LocalDate first = rampStart.get(n);
    return first == null || !day.isBefore(first);
  }

  /**
   * The restatement the window allows: AWS's month before the end date's month, on a day that is
   * not the 1st (support), the credit day or the month's last day (tax); null when that month is
   * not in the window.
   */
  static Restatement planRestatement(Fleet fleet, Window w) {
    Provider aws = fleet.provider("aws");
    YearMonth month = YearMonth.from(w.end()).minusMonths(1);
    if (month.atEndOfMonth().isBefore(w.start())) {
      return null;
    }
    List<LocalDate> candidates = new ArrayList<>();
    List<LocalDate> covered = new ArrayList<>();
    for (LocalDate d = w.firstDay(month); !d.isAfter(w.lastDay(month)); d = d.plusDays(1)) {
      covered.add(d);
      if (d.getDayOfMonth() != 1
          && d.getDayOfMonth() != CREDIT_DAY
          && !d.equals(month.atEndOfMonth())) {
        candidates.add(d);
      }
    }
    List<LocalDate> days = candidates.isEmpty() ? covered : candidates;
    Node node =
        aws.nodes().stream()
            .filter(n -> n.workload() == Fleet.Workload.PRETRAIN && n.telemetry())
            .findFirst()
            .orElseThrow();
    return new Restatement(aws, month, days.get(days.size() / 2), node);
  }

  /** The most recent 15th inside the window (not its first day), or null. */
  static LocalDate priceChangeDay(Window w) {
    LocalDate d = w.end().withDayOfMonth(15);
    if (d.isAfter(w.end())) {
      d = d.minusMonths(1);
    }
    return d.isAfter(w.start()) ? d : null;
  }

  LocalDate priceChangeDay() {
    return priceChangeDay;
  }

  /**
   * Writes one export's month below {@code root} as its delivery lays it out: its provider's month,
   * only its billing account when it names one; {@code restated} applies the restatement (and makes
   * the delivery a new one: a new assembly, execution or run).
   */
  ExportResult write(Exports.Export e, Path root, boolean restated) throws IOException {
    Provider p = e.provider();
    YearMonth month = e.month();
    boolean usageOnly = e.format() == Exports.Format.FOCUS_USAGE;
    boolean focus = usageOnly || e.format() == Exports.Format.FOCUS;
    Map<String, Totals.CoveredUsage> covered = new LinkedHashMap<>();
    // (SkuId, SkuPriceId) -> ContractedUnitPrice, for the rate card of a usage-only export
    Map<List<String>, BigDecimal> rateCard = new TreeMap<>(Billing::compareKeys);
    Map<String, Map<String, TreeMap<LocalDate, BigDecimal>>> eligible = new LinkedHashMap<>();
    TreeMap<LocalDate, BigDecimal> gpuHoursDaily = new TreeMap<>();
    // tax base per billing account and service, from the rows as first delivered
    Map<String, Map<String, TaxBase>> taxBase = new LinkedHashMap<>();
    Map<String, Integer> gpusByResource = new HashMap<>();
    for (Node n : p.nodes()) {
      gpusByResource.put(n.resourceId(), n.type().gpus());
    }
    BigDecimal gpuHours = BigDecimal.ZERO;
    long rows = 0;
    Map<String, BigDecimal[]> sums = new TreeMap<>();
    Map<String, Long> rowsByCurrency = new TreeMap<>();
    // one layout for every part: OCI numbers its lines across the month's reports
    NativeCsvWriter.Layout layout = layout(e);
    Delivery out =
        ProviderLayouts.open(e, root, restated, seed, window, scale, file -> sink(e, layout, file));
    for (LocalDate day = window.firstDay(month);
        !day.isAfter(window.lastDay(month));
        day = day.plusDays(1)) {
      List<CostRow> batch = day(p, month, day, usageOnly, focus);
      for (CostRow r : batch) {
        String cat = r.string(ChargeCategory);
        if (cat.equals("Usage") || cat.equals("Purchase")) {
          taxBase
              .computeIfAbsent(r.string(BillingAccountId), k -> new LinkedHashMap<>())
              .computeIfAbsent(r.string(ServiceName), k -> new TaxBase(r))
              .add(r.decimal(BilledCost));
        }
      }
      if (window.closed(month) && day.equals(month.atEndOfMonth())) {
        for (Account a : p.accounts()) {
          if (a.taxRate().signum() > 0 && taxBase.containsKey(a.id())) {
            for (TaxBase t : taxBase.get(a.id()).values()) {
              CostRow tax = tax(p, a, month, day, t);
              if (tax.decimal(BilledCost).signum() != 0) {
                batch.add(tax);
              }
            }
          }
        }
      }
      if (restated && restatement != null && p == restatement.provider()) {
        batch = restate(p, month, day, batch);
      }
      if (e.format() == Exports.Format.AWS_CUR || e.format() == Exports.Format.AWS_CUR_PARQUET) {
        batch = discountLineItems(batch);
      }
      for (CostRow r : batch) {
        if (e.account() != null && !e.account().id().equals(r.get(BillingAccountId))) {
          continue;
        }
        BigDecimal h = gpuHours(r, gpusByResource);
        out.write(r, day, h);
        rows++;
        gpuHours = gpuHours.add(h);
        if (h.signum() != 0) {
          gpuHoursDaily.merge(day, h, BigDecimal::add);
        }
        BigDecimal[] sum =
            sums.computeIfAbsent(
                r.string(BillingCurrency),
                k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        sum[0] = sum[0].add(r.decimal(BilledCost));
        sum[1] = sum[1].add(r.decimal(EffectiveCost));
        rowsByCurrency.merge(r.string(BillingCurrency), 1L, Long::sum);
        if (usageOnly) {
          addRate(rateCard, r);
        }
        String cat = r.string(ChargeCategory);
        if (cat.equals("Usage") || cat.equals("Purchase")) {
          eligible
              .computeIfAbsent(r.string(BillingAccountId), k -> new LinkedHashMap<>())
              .computeIfAbsent(r.string(ServiceName), k -> new TreeMap<>())
              .merge(day, r.decimal(BilledCost), BigDecimal::add);
        }
        if (r.commitment() != null && "Used".equals(r.get(CommitmentDiscountStatus))) {
          covered.merge(
              r.string(CommitmentDiscountId),
              Totals.CoveredUsage.of(r.commitment(), r),
              Totals.CoveredUsage::plus);
        }
      }
    }
    List<Delivery.Part> parts = out.finish();
    List<Totals.CurrencyTotal> currencies = new ArrayList<>();
    sums.forEach(
        (c, v) -> currencies.add(Totals.CurrencyTotal.of(c, v[0], v[1], rowsByCurrency.get(c))));
    return new ExportResult(
        e,
        parts,
        rows,
        currencies,
        gpuHours,
        eligible,
        gpuHoursDaily,
        rateCard,
        List.copyOf(covered.values()));
  }

  /**
   * Billed GPU-hours of a row: a compute usage row's GPUs x hours (instance-hours x GPUs per node,
   * or the GPU SKU's GPU-hours where the GPU is billed on its own row); 0 for any other row.
   */
  private static BigDecimal gpuHours(CostRow r, Map<String, Integer> gpusByResource) {
    if (!"Usage".equals(r.get(ChargeCategory))
        || !"Compute".equals(r.get(ServiceCategory))
        || r.get(ConsumedQuantity) == null
        || r.gpuComponent() == CostRow.Component.HOST) {
      return BigDecimal.ZERO;
    }
    if (r.gpuComponent() == CostRow.Component.GPU) {
      return r.decimal(PricingQuantity);
    }
    int gpus = gpusByResource.get(r.string(ResourceId));
    return r.decimal(ConsumedQuantity).multiply(BigDecimal.valueOf(gpus));
  }

  private static CostSink sink(Exports.Export e, NativeCsvWriter.Layout layout, Path file)
      throws IOException {
    return switch (e.format()) {
      case FOCUS -> new FocusCsvWriter(file, e.provider().dialect());
      case FOCUS_USAGE -> new FocusCsvWriter(file, FocusDialect.of("1.2").withoutCosts());
      case AWS_CUR_PARQUET -> new AthenaParquetWriter(file, layout);
      case GCP_CSV -> new GcpBillingWriter(file, false);
      case GCP_JSON -> new GcpBillingWriter(file, true);
      default -> new NativeCsvWriter(file, layout);
    };
  }

  /** The native CSV layout of the export's format, or null for the others. */
  private static NativeCsvWriter.Layout layout(Exports.Export e) {
    Provider p = e.provider();
    return switch (e.format()) {
      case AWS_CUR, AWS_CUR_PARQUET -> NativeLayouts.awsCur(tagKeys(p));
      case AWS_CUR2 -> NativeLayouts.awsCur2();
      case AZURE_EA -> NativeLayouts.azure(true);
      case AZURE_MCA -> NativeLayouts.azure(false);
      case OCI_COST -> NativeLayouts.oci(tagKeys(p));
      default -> null;
    };
  }

  /** Every tag key of the provider's rows, sorted: the tag columns of a CUR or OCI report. */
  static Set<String> tagKeys(Provider p) {
    Set<String> keys = new TreeSet<>();
    CostRow probe = new CostRow().set(Tags, DATA_TAGS);
    keys.addAll(NativeLayouts.tags(probe).keySet());
    for (Node n : p.nodes()) {
      keys.addAll(NativeLayouts.tags(probe.set(Tags, n.tags())).keySet());
    }
    return keys;
  }

  private static void addRate(Map<List<String>, BigDecimal> card, CostRow r) {
    if (r.get(ContractedUnitPrice) == null) {
      return;
    }
    List<String> key = java.util.Arrays.asList(r.string(SkuId), r.string(SkuPriceId));
    BigDecimal before = card.putIfAbsent(key, r.decimal(ContractedUnitPrice));
    if (before != null && before.compareTo(r.decimal(ContractedUnitPrice)) != 0) {
      throw new IllegalStateException("two prices for " + key + " in one usage-only export");
    }
  }

  private static int compareKeys(List<String> a, List<String> b) {
    return String.join("\u0000", a).compareTo(String.join("\u0000", b));
  }

  /** The rows of one day, before tax and restatement. */
  private List<CostRow> day(
      Provider p, YearMonth month, LocalDate day, boolean usageOnly, boolean focus) {
    List<CostRow> batch = new ArrayList<>();
    if (day.getDayOfMonth() == 1) {
      for (Account a : p.accounts()) {
        if (a.supportMonthly() != null) {
          batch.add(support(p, a, month, day));
        }
      }
    }
    for (Node n : p.nodes()) {
      if (!billed(n, day)) {
        continue;
      }
      if (p.slug().equals("oci")) {
        // OCI meters per hour and reports every six hours: one row per node and six hours
        for (int h = 0; h < 24; h += OCI_HOURS) {
          batch.add(compute(p, n, month, day, BigDecimal.valueOf(OCI_HOURS)).period(h, OCI_HOURS));
        }
        continue;
      }
      CostRow usage = compute(p, n, month, day, HOURS_PER_DAY);
      // Google Cloud bills the machine's GPUs, cores and memory apart, each with its own credits
      List<CostRow> billed =
          p.slug().equals("gcp")
              ? GcpMachines.parts(usage, n.type(), GcpMachines.AMERICAS)
              : List.of(usage);
      Fleet.Commitment c = commitments.covering(n, day);
      for (CostRow part : billed) {
        if (c == null) {
          batch.add(negotiated(p, part));
          if (p.slug().equals("gcp")) {
            batch.add(sustainedUse(part));
          }
        } else {
          batch.addAll(commitments.cover(c, part, focus));
        }
      }
    }
    batch.addAll(corrections(p, day, batch));
    batch.addAll(commitments.fees(p, day, a -> charge(p, a, month, day), batch, focus));
    for (SubAccount s : p.subAccounts()) {
      batch.add(negotiated(p, storage(p, s, month, day, usageOnly)));
      batch.add(negotiated(p, network(p, s, month, day)));
    }
    if (day.getDayOfMonth() == CREDIT_DAY) {
      for (Account a : p.accounts()) {
        if (a.creditMonthly() != null) {
          batch.add(credit(p, a, month, day));
        }
      }
    }
    return batch;
  }

  /**
   * OCI's corrections: on the {@value #CORRECTION_DAY}th, the usage of the first {@value
   * #CORRECTED_NODES} GPU nodes is corrected by a credit of a quarter of its cost, as a line that
   * points back to the corrected one (ChargeClass Correction).
   */
  private static List<CostRow> corrections(Provider p, LocalDate day, List<CostRow> batch) {
    if (!p.slug().equals("oci") || day.getDayOfMonth() != CORRECTION_DAY) {
      return List.of();
    }
    List<CostRow> out = new ArrayList<>();
    Set<Object> nodes = new java.util.HashSet<>();
    for (CostRow r : batch) {
      if (out.size() < CORRECTED_NODES
          && NativeLayouts.isCompute(r)
          && nodes.add(r.get(ResourceId))) {
        BigDecimal amount =
            r.decimal(BilledCost).multiply(CORRECTED_SHARE).setScale(2, RoundingMode.HALF_UP);
        out.add(
            r.copy()
                .refersTo(r)
                .set(ChargeClass, "Correction")
                .set(ConsumedQuantity, BigDecimal.ZERO)
                .set(PricingQuantity, BigDecimal.ZERO)
                .set(ListCost, BigDecimal.ZERO)
                .set(ContractedCost, amount.negate())
                .set(BilledCost, amount.negate())
                .set(EffectiveCost, amount.negate()));
      }
    }
    return out;
  }

  private List<CostRow> restate(Provider p, YearMonth month, LocalDate day, List<CostRow> batch) {
    if (!day.equals(restatement.day())) {
      return batch;
    }
    Node n = restatement.node();
    List<CostRow> out = new ArrayList<>(batch.size() + 1);
    for (CostRow r : batch) {
      if (!n.resourceId().equals(r.get(ResourceId)) || !"Usage".equals(r.get(ChargeCategory))) {
        out.add(r);
        continue;
      }
      out.add(negotiated(p, compute(p, n, month, day, Restatement.CORRECTED_HOURS)));
      BigDecimal credit =
          r.decimal(BilledCost)
              .multiply(Restatement.SLA_CREDIT_SHARE)
              .setScale(2, RoundingMode.HALF_UP);
      CostRow c = charge(p, n.sub().account(), month, day);
      subAccount(c, n.sub());
      c.set(ChargeCategory, "Credit")
          .set(ChargeFrequency, "One-Time")
          .set(ChargeDescription, "EC2 SLA credit: instance interrupted by a host hardware failure")
          .set(ResourceId, n.resourceId())
          .set(ResourceName, n.resourceName())
          .set(ResourceType, p.resourceType())
          .set(RegionId, n.sub().regionId())
          .set(RegionName, n.sub().regionName())
          .set(ServiceCategory, "Compute")
          .set(ServiceName, p.computeService())
          .set(ServiceSubcategory, p.computeSubcategory());
      costs(c, credit.negate(), BigDecimal.ZERO, BigDecimal.ZERO);
      out.add(c);
    }
    return out;
  }

  private CostRow compute(Provider p, Node n, YearMonth month, LocalDate day, BigDecimal hours) {
    boolean changed =
        n.listPriceAfterChange() != null && priceChangeDay != null && !day.isBefore(priceChangeDay);
    BigDecimal list = changed ? n.listPriceAfterChange() : n.listPrice();
    BigDecimal pricingQty =
        n.perGpuPricing() ? hours.multiply(BigDecimal.valueOf(n.type().gpus())) : hours;
    String description =
        n.description().contains("%s")
            ? String.format(Locale.ROOT, n.description(), list.setScale(2).toPlainString())
            : n.description();
    CostRow r = charge(p, n.sub().account(), month, day);
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
  private CostRow storage(
      Provider p, SubAccount s, YearMonth month, LocalDate day, boolean usageOnly) {
    // the data sets grow by 0.15% a day
    long daysIn = day.toEpochDay() - window.start().toEpochDay();
    long gb = Math.round(s.storageGb() * (1 + 0.0015 * daysIn));
    BigDecimal qty =
        BigDecimal.valueOf(gb)
            .divide(
                BigDecimal.valueOf(month.lengthOfMonth()), usageOnly ? 3 : 6, RoundingMode.HALF_UP);
    CostRow r = charge(p, s.account(), month, day);
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

  private CostRow network(Provider p, SubAccount s, YearMonth month, LocalDate day) {
    SplittableRandom rnd = Rng.of(seed, p.slug(), "egress", s.id(), day.toEpochDay());
    BigDecimal gb = BigDecimal.valueOf(rnd.nextInt(s.egressMinGb(), s.egressMaxGb() + 1));
    CostRow r = charge(p, s.account(), month, day);
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

  /** Takes the provider's negotiated discount ({@link #EDP_SHARE}) off an eligible usage row. */
  private static CostRow negotiated(Provider p, CostRow r) {
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
  private static CostRow sustainedUse(CostRow usage) {
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

  /** A discount of {@code r}: its service, SKU and account, Usage without quantity or prices. */
  private static CostRow discountOf(CostRow r) {
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

  /**
   * Legacy CUR bills a negotiated discount as its own line items: the discounted rows gross, and
   * one EdpDiscount line per billing account, linked account, product, usage type and resource of
   * the day with the sum of their discounts (same totals as the net rows it replaces). It carries
   * the resource, zone and tags of what it discounts, so that GPU cost per resource nets it.
   */
  private static List<CostRow> discountLineItems(List<CostRow> batch) {
    List<CostRow> out = new ArrayList<>(batch.size());
    Map<List<Object>, CostRow> lines = new LinkedHashMap<>();
    for (CostRow r : batch) {
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
          java.util.Arrays.asList(
              r.get(BillingAccountId),
              r.get(SubAccountId),
              r.get(ServiceName),
              r.get(RegionId),
              r.get(SkuId),
              r.get(ResourceId));
      CostRow line = lines.get(key);
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

  private CostRow support(Provider p, Account a, YearMonth month, LocalDate day) {
    CostRow r = charge(p, a, month, day);
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

  private CostRow credit(Provider p, Account a, YearMonth month, LocalDate day) {
    CostRow r = charge(p, a, month, day);
    r.set(ChargeCategory, "Credit")
        .set(ChargeDescription, p.creditDescription())
        .set(ChargeFrequency, "One-Time")
        .set(ServiceCategory, "Compute")
        .set(ServiceName, p.computeService())
        .set(ServiceSubcategory, p.computeSubcategory());
    costs(r, a.creditMonthly().negate(), BigDecimal.ZERO, BigDecimal.ZERO);
    return r;
  }

  private CostRow tax(Provider p, Account a, YearMonth month, LocalDate day, TaxBase t) {
    BigDecimal tax = t.base.multiply(a.taxRate()).setScale(2, RoundingMode.HALF_UP);
    CostRow r = charge(p, a, month, day);
    r.set(ChargeCategory, "Tax")
        .set(ChargeDescription, a.taxDescription() + " for " + month)
        .set(ChargeFrequency, "Recurring")
        .set(ServiceCategory, t.category)
        .set(ServiceName, t.service)
        .set(ServiceSubcategory, t.subcategory);
    costs(r, tax, tax, tax);
    return r;
  }

  /** The columns every row of an account's month has. */
  private CostRow charge(Provider p, Account a, YearMonth month, LocalDate day) {
    return new CostRow()
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

  private static void subAccount(CostRow r, SubAccount s) {
    r.set(SubAccountId, s.id()).set(SubAccountName, s.name()).set(SubAccountType, s.type());
  }

  /** Prices a Usage row at list and at the provider's negotiated discount. */
  private static void priced(
      CostRow r, Provider p, BigDecimal qty, String unit, BigDecimal listUnitPrice) {
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

  private static void costs(CostRow r, BigDecimal billed, BigDecimal list, BigDecimal contracted) {
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

  /** One service's taxable charges in one billing account. */
  private static final class TaxBase {
    final String service;
    final String category;
    final String subcategory;
    BigDecimal base = BigDecimal.ZERO;

    TaxBase(CostRow first) {
      this.service = first.string(ServiceName);
      this.category = first.string(ServiceCategory);
      this.subcategory = first.string(ServiceSubcategory);
    }

    void add(BigDecimal v) {
      base = base.add(v);
    }
  }
}
