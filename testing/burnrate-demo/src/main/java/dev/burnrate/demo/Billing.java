package dev.burnrate.demo;

import static dev.burnrate.demo.BillLine.Col.BilledCost;
import static dev.burnrate.demo.BillLine.Col.BillingAccountId;
import static dev.burnrate.demo.BillLine.Col.ChargeCategory;
import static dev.burnrate.demo.BillLine.Col.ChargeClass;
import static dev.burnrate.demo.BillLine.Col.ChargeDescription;
import static dev.burnrate.demo.BillLine.Col.ChargeFrequency;
import static dev.burnrate.demo.BillLine.Col.ConsumedQuantity;
import static dev.burnrate.demo.BillLine.Col.ContractedCost;
import static dev.burnrate.demo.BillLine.Col.EffectiveCost;
import static dev.burnrate.demo.BillLine.Col.ListCost;
import static dev.burnrate.demo.BillLine.Col.PricingQuantity;
import static dev.burnrate.demo.BillLine.Col.ResourceId;
import static dev.burnrate.demo.BillLine.Col.ServiceCategory;
import static dev.burnrate.demo.BillLine.Col.ServiceName;
import static dev.burnrate.demo.BillLine.Col.ServiceSubcategory;

import dev.burnrate.demo.Fleet.Account;
import dev.burnrate.demo.Fleet.Node;
import dev.burnrate.demo.Fleet.Provider;
import dev.burnrate.demo.Fleet.SubAccount;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bill lines of each provider's billing month, day by day, as one export of it holds them.
 *
 * <p>Every day of the window: one compute Usage row per node (24 instance-hours), one storage and
 * one network Usage row per sub account ({@link Charges}). On the 1st a monthly support fee
 * (Purchase, Recurring); on the {@value #CREDIT_DAY}th a promotional credit (Credit, negative
 * cost); on the last day of a closed month the tax (Tax) on that month's Usage and Purchase
 * charges, per service. Nodes a commitment discount covers are billed as {@link Commitments} says,
 * with the commitments' fees; OCI corrects two nodes' usage on the {@value #CORRECTION_DAY}th. The
 * usage no commitment covers gets the provider's {@link Discounts}; the promotional credit stays
 * Credit. Every row has a one-day charge period inside the window, so the data covers exactly
 * [start, end].
 */
final class Billing {
  static final int CREDIT_DAY = 20;
  static final int OCI_HOURS = 6;

  static final int CORRECTION_DAY = 12;
  static final BigDecimal CORRECTED_SHARE = new BigDecimal("0.25");
  static final int CORRECTED_NODES = 2;

  private final Window window;
  private final Charges charges;
  private final Restatement restatement;
  private final Commitments commitments;
  // the day each ramping node is first billed; nodes not in it run the whole window
  private final Map<Node, LocalDate> rampStart;

  Billing(Fleet fleet, Window window, long seed, Restatement restatement, int rampDays) {
    this.window = window;
    this.charges = new Charges(window, seed);
    this.restatement = restatement;
    this.commitments =
        new Commitments(
            fleet,
            window,
            (n, d) ->
                charges.compute(
                    fleet.provider(n.providerSlug()),
                    n,
                    YearMonth.from(d),
                    d,
                    Charges.HOURS_PER_DAY));
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
   * The month of export {@code e}; {@code restated} applies the restatement (the lines of a new
   * delivery of the month).
   */
  Month month(Exports.Export e, boolean restated) {
    return new Month(e, restated);
  }

  /** One export's month, asked for a day at a time in order (the tax sums the days before). */
  final class Month {
    private final Exports.Export export;
    private final boolean restated;
    // tax base per billing account and service, from the rows as first delivered
    private final Map<String, Map<String, TaxBase>> taxBase = new LinkedHashMap<>();

    private Month(Exports.Export export, boolean restated) {
      this.export = export;
      this.restated = restated;
    }

    /**
     * The day's lines the export holds: the day's charges, the tax on a closed month's last day,
     * the restatement when asked for, the EDP as line items in legacy CUR, and only the export's
     * billing account when it names one.
     */
    List<BillLine> day(LocalDate day) {
      Provider p = export.provider();
      YearMonth month = export.month();
      boolean usageOnly = export.format() == Exports.Format.FOCUS_USAGE;
      boolean focus = usageOnly || export.format() == Exports.Format.FOCUS;
      List<BillLine> batch = charges(p, month, day, usageOnly, focus);
      for (BillLine r : batch) {
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
              BillLine tax = tax(p, a, month, day, t);
              if (tax.decimal(BilledCost).signum() != 0) {
                batch.add(tax);
              }
            }
          }
        }
      }
      if (restated && restatement != null && p == restatement.provider()) {
        batch = restatement.apply(charges, day, batch);
      }
      if (export.format() == Exports.Format.AWS_CUR
          || export.format() == Exports.Format.AWS_CUR_PARQUET) {
        batch = Discounts.discountLineItems(batch);
      }
      if (export.account() != null) {
        String account = export.account().id();
        batch = batch.stream().filter(r -> account.equals(r.get(BillingAccountId))).toList();
      }
      return batch;
    }
  }

  /** The rows of one day, before tax and restatement. */
  private List<BillLine> charges(
      Provider p, YearMonth month, LocalDate day, boolean usageOnly, boolean focus) {
    List<BillLine> batch = new ArrayList<>();
    if (day.getDayOfMonth() == 1) {
      for (Account a : p.accounts()) {
        if (a.supportMonthly() != null) {
          batch.add(charges.support(p, a, month, day));
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
          batch.add(
              charges
                  .compute(p, n, month, day, BigDecimal.valueOf(OCI_HOURS))
                  .period(h, OCI_HOURS));
        }
        continue;
      }
      BillLine usage = charges.compute(p, n, month, day, Charges.HOURS_PER_DAY);
      // Google Cloud bills the machine's GPUs, cores and memory apart, each with its own credits
      List<BillLine> billed =
          p.slug().equals("gcp")
              ? GcpMachines.parts(usage, n.type(), GcpMachines.AMERICAS)
              : List.of(usage);
      Fleet.Commitment c = commitments.covering(n, day);
      for (BillLine part : billed) {
        if (c == null) {
          batch.add(Discounts.negotiated(p, part));
          if (p.slug().equals("gcp")) {
            batch.add(Discounts.sustainedUse(part));
          }
        } else {
          batch.addAll(commitments.cover(c, part, focus));
        }
      }
    }
    batch.addAll(corrections(p, day, batch));
    batch.addAll(commitments.fees(p, day, a -> charges.charge(p, a, month, day), batch, focus));
    for (SubAccount s : p.subAccounts()) {
      batch.add(Discounts.negotiated(p, charges.storage(p, s, month, day, usageOnly)));
      batch.add(Discounts.negotiated(p, charges.network(p, s, month, day)));
    }
    if (day.getDayOfMonth() == CREDIT_DAY) {
      for (Account a : p.accounts()) {
        if (a.creditMonthly() != null) {
          batch.add(charges.credit(p, a, month, day));
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
  private static List<BillLine> corrections(Provider p, LocalDate day, List<BillLine> batch) {
    if (!p.slug().equals("oci") || day.getDayOfMonth() != CORRECTION_DAY) {
      return List.of();
    }
    List<BillLine> out = new ArrayList<>();
    Set<Object> nodes = new HashSet<>();
    for (BillLine r : batch) {
      if (out.size() < CORRECTED_NODES
          && BillLineText.isCompute(r)
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

  /** The tax on one service's taxable charges of a closed month, at the account's rate. */
  private BillLine tax(Provider p, Account a, YearMonth month, LocalDate day, TaxBase t) {
    BigDecimal tax = t.base.multiply(a.taxRate()).setScale(2, RoundingMode.HALF_UP);
    BillLine r = charges.charge(p, a, month, day);
    r.set(ChargeCategory, "Tax")
        .set(ChargeDescription, a.taxDescription() + " for " + month)
        .set(ChargeFrequency, "Recurring")
        .set(ServiceCategory, t.category)
        .set(ServiceName, t.service)
        .set(ServiceSubcategory, t.subcategory);
    Charges.costs(r, tax, tax, tax);
    return r;
  }

  /** One service's taxable charges in one billing account. */
  private static final class TaxBase {
    final String service;
    final String category;
    final String subcategory;
    BigDecimal base = BigDecimal.ZERO;

    TaxBase(BillLine first) {
      this.service = first.string(ServiceName);
      this.category = first.string(ServiceCategory);
      this.subcategory = first.string(ServiceSubcategory);
    }

    void add(BigDecimal v) {
      base = base.add(v);
    }
  }
}
