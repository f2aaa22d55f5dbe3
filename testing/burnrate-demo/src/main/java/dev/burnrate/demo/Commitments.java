package dev.burnrate.demo;

import static dev.burnrate.demo.BillLine.Col.BilledCost;
import static dev.burnrate.demo.BillLine.Col.BillingAccountId;
import static dev.burnrate.demo.BillLine.Col.ChargeCategory;
import static dev.burnrate.demo.BillLine.Col.ChargeDescription;
import static dev.burnrate.demo.BillLine.Col.ChargeFrequency;
import static dev.burnrate.demo.BillLine.Col.CommitmentDiscountId;
import static dev.burnrate.demo.BillLine.Col.ConsumedQuantity;
import static dev.burnrate.demo.BillLine.Col.ConsumedUnit;
import static dev.burnrate.demo.BillLine.Col.ContractedCost;
import static dev.burnrate.demo.BillLine.Col.ContractedUnitPrice;
import static dev.burnrate.demo.BillLine.Col.EffectiveCost;
import static dev.burnrate.demo.BillLine.Col.ListCost;
import static dev.burnrate.demo.BillLine.Col.ListUnitPrice;
import static dev.burnrate.demo.BillLine.Col.PricingCategory;
import static dev.burnrate.demo.BillLine.Col.PricingQuantity;
import static dev.burnrate.demo.BillLine.Col.PricingUnit;
import static dev.burnrate.demo.BillLine.Col.RegionId;
import static dev.burnrate.demo.BillLine.Col.RegionName;
import static dev.burnrate.demo.BillLine.Col.ServiceCategory;
import static dev.burnrate.demo.BillLine.Col.ServiceName;
import static dev.burnrate.demo.BillLine.Col.ServiceSubcategory;
import static dev.burnrate.demo.BillLine.Col.SkuId;
import static dev.burnrate.demo.BillLine.Col.SkuMeter;
import static dev.burnrate.demo.BillLine.Col.SkuPriceId;
import static dev.burnrate.demo.BillLine.Col.SubAccountId;
import static dev.burnrate.demo.BillLine.Col.SubAccountName;
import static dev.burnrate.demo.BillLine.Col.SubAccountType;

import dev.burnrate.demo.Fleet.Account;
import dev.burnrate.demo.Fleet.Commitment;
import dev.burnrate.demo.Fleet.Node;
import dev.burnrate.demo.Fleet.Provider;
import dev.burnrate.demo.Fleet.SubAccount;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The commitment discounts' rows, the way each provider bills them, for the FOCUS cost model of
 * {@link Billing}: a covered node's day of usage becomes covered usage (plus, in AWS's native
 * reports, a Savings Plan negation), and each commitment adds its fees. Every amount is set so the
 * row's BilledCost and EffectiveCost are what the format's mapping reads back:
 *
 * <ul>
 *   <li>AWS Savings Plan: covered usage bills the on-demand cost X (0 in FOCUS) at EffectiveCost X
 *       x (1 - discount); the negation bills -X; a daily SavingsPlanRecurringFee bills the
 *       commitment and keeps the unused part as its EffectiveCost.
 *   <li>AWS Reserved Instances: DiscountedUsage bills 0 at the amortized rate; the upfront Fee (on
 *       the purchase day) and the monthly RIFee have EffectiveCost 0 (the reservations are fully
 *       used).
 *   <li>Azure reservation, actual-cost export: covered usage costs 0, the monthly Purchase its
 *       price (FOCUS: covered usage at the amortized rate, the Purchase at EffectiveCost 0).
 *   <li>Google Cloud resource-based CUD, per machine part ({@link GcpMachines}): covered usage
 *       keeps its cost, a COMMITTED_USAGE_DISCOUNT credit cancels it (part of the usage's cost:
 *       ChargeCategory Usage, no quantity), and a daily fee per committed resource (the GPUs, the
 *       series' vCPUs, its memory) bills the discounted price, in the commitment's region and
 *       project. Google's export names the commitment on none of them, so all three carry the pool
 *       the gcp-billing mapping derives as CommitmentDiscountId ({@link #gcpPool}).
 * </ul>
 */
final class Commitments {
  private static final BigDecimal HOURS = BigDecimal.valueOf(24);
  private static final BigDecimal DAYS_PER_TERM = BigDecimal.valueOf(365);

  private final Fleet fleet;
  private final LocalDate reservationPurchase;
  // a covered node's full day at the commitment's rate: what fees are sized from
  private final Map<Commitment, BigDecimal> dailyRate = new LinkedHashMap<>();
  // a Google Cloud CUD's daily fee per committed resource, its covered parts' full day at its rate
  private final Map<Commitment, Map<GcpFee, BigDecimal>> gcpFees = new LinkedHashMap<>();

  /** A Google Cloud CUD's fee: the project that bought it and the resource it commits to. */
  private record GcpFee(SubAccount project, String resource) {}

  /**
   * @param fullDay a node's regular Usage row for 24 hours on a day
   */
  Commitments(Fleet fleet, Window window, BiFunction<Node, LocalDate, BillLine> fullDay) {
    this.fleet = fleet;
    this.reservationPurchase = reservationPurchase(window);
    for (Commitment c : fleet.commitments()) {
      BigDecimal rate = BigDecimal.ZERO;
      Map<GcpFee, BigDecimal> fees = new LinkedHashMap<>();
      for (Node n : covered(c)) {
        BillLine day = fullDay.apply(n, window.start());
        rate = rate.add(discounted(c, day.decimal(BilledCost)));
        if (c.kind() == Fleet.CommitmentKind.GCP_CUD) {
          for (BillLine part : GcpMachines.parts(day, n.type(), GcpMachines.AMERICAS)) {
            fees.merge(
                new GcpFee(n.sub(), GcpMachines.committedResource(part)),
                discounted(c, part.decimal(BilledCost)),
                BigDecimal::add);
          }
        }
      }
      dailyRate.put(c, rate);
      gcpFees.put(c, fees);
    }
  }

  /**
   * The day Reserved Instances are bought: the first 1st of a month after the window's first day,
   * so the upfront fee is in the data; null (bought before the window) when there is none.
   */
  static LocalDate reservationPurchase(Window w) {
    LocalDate first = w.start().withDayOfMonth(1).plusMonths(1);
    return first.isAfter(w.end()) ? null : first;
  }

  /** The commitment covering node {@code n} on {@code day}, or null. */
  Commitment covering(Node n, LocalDate day) {
    for (Commitment c : fleet.commitments()) {
      if (c.providerSlug().equals(n.providerSlug())
          && c.covers() == n.workload()
          && active(c, day)) {
        return c;
      }
    }
    return null;
  }

  /**
   * The rows that replace node usage {@code u} covered by {@code c}.
   *
   * @param focus true for a FOCUS file, false for the provider's native export
   */
  List<BillLine> cover(Commitment c, BillLine u, boolean focus) {
    BigDecimal x = u.decimal(BilledCost);
    BigDecimal e = discounted(c, x);
    List<BillLine> out = new ArrayList<>(2);
    switch (c.kind()) {
      case AWS_SAVINGS_PLAN -> {
        out.add(
            covered(u, c, "SavingsPlanCoveredUsage")
                .set(BilledCost, focus ? BigDecimal.ZERO : x)
                .set(EffectiveCost, e));
        if (!focus) {
          out.add(
              u.copy()
                  .awsLineItemType("SavingsPlanNegation")
                  .commitment(c, null)
                  .set(ChargeDescription, "Savings Plan negation of the covered usage")
                  .set(ConsumedQuantity, null)
                  .set(ConsumedUnit, null)
                  .set(ListCost, null)
                  .set(ContractedCost, x.negate())
                  .set(BilledCost, x.negate())
                  .set(EffectiveCost, BigDecimal.ZERO));
        }
      }
      case AWS_RESERVED_INSTANCE ->
          out.add(
              covered(u, c, "DiscountedUsage")
                  .set(BilledCost, BigDecimal.ZERO)
                  .set(ContractedCost, BigDecimal.ZERO)
                  .set(EffectiveCost, e));
      case AZURE_RESERVATION ->
          out.add(
              covered(u, c, null)
                  .set(BilledCost, BigDecimal.ZERO)
                  .set(EffectiveCost, focus ? e : BigDecimal.ZERO));
      case GCP_CUD -> {
        String pool =
            gcpPool(
                u.string(BillingAccountId), u.string(RegionId), GcpMachines.committedResource(u));
        BillLine used = covered(u, c, null).set(CommitmentDiscountId, pool);
        out.add(used);
        out.add(
            used.copy()
                .refersTo(used)
                .commitment(c, null)
                .gcpCreditType("COMMITTED_USAGE_DISCOUNT")
                .set(CommitmentDiscountId, pool)
                .set(ChargeCategory, "Usage")
                .set(ChargeFrequency, "Usage-Based")
                .set(ChargeDescription, GcpMachines.cudCredit(u))
                .set(ConsumedQuantity, null)
                .set(ConsumedUnit, null)
                .set(PricingQuantity, null)
                .set(PricingUnit, null)
                .set(ListUnitPrice, null)
                .set(ContractedUnitPrice, null)
                .set(ListCost, BigDecimal.ZERO)
                .set(ContractedCost, BigDecimal.ZERO)
                .set(BilledCost, x.negate())
                .set(EffectiveCost, x.negate()));
      }
    }
    return out;
  }

  /**
   * The fee rows of {@code p}'s commitments on {@code day}.
   *
   * @param charge the columns every row of an account's day has
   * @param batch the day's rows so far (the Savings Plan fee states what covered usage used)
   */
  List<BillLine> fees(
      Provider p,
      LocalDate day,
      Function<Account, BillLine> charge,
      List<BillLine> batch,
      boolean focus) {
    List<BillLine> out = new ArrayList<>();
    for (Commitment c : fleet.commitments(p)) {
      if (!active(c, day)) {
        continue;
      }
      BigDecimal rate = dailyRate.get(c);
      boolean first = day.getDayOfMonth() == 1;
      BigDecimal month = BigDecimal.valueOf(day.lengthOfMonth());
      switch (c.kind()) {
        case AWS_SAVINGS_PLAN -> {
          BigDecimal hourly =
              rate.multiply(BigDecimal.ONE.add(c.headroom()))
                  .divide(HOURS, 3, RoundingMode.CEILING);
          BigDecimal commitment = hourly.multiply(HOURS);
          BigDecimal used = BigDecimal.ZERO;
          for (BillLine r : batch) {
            if (r.commitment() == c
                && "Used".equals(r.get(BillLine.Col.CommitmentDiscountStatus))) {
              used = used.add(r.decimal(EffectiveCost));
            }
          }
          out.add(
              fee(charge.apply(c.account()), c, "SavingsPlanRecurringFee", "Recurring", commitment)
                  .set(ChargeDescription, "1 year No Upfront Compute Savings Plan")
                  .set(ServiceCategory, "Other")
                  .set(ServiceName, "Savings Plans for AWS Compute usage")
                  .set(ServiceSubcategory, "Other (Other)")
                  .set(PricingQuantity, HOURS)
                  .set(PricingUnit, "Hours")
                  .set(ListUnitPrice, hourly)
                  .set(ContractedUnitPrice, hourly)
                  .set(EffectiveCost, commitment.subtract(used))
                  .usedCommitment(used));
        }
        case AWS_RESERVED_INSTANCE -> {
          BigDecimal upfrontDaily = rate.divide(BigDecimal.valueOf(2), 6, RoundingMode.HALF_UP);
          if (day.equals(reservationPurchase)) {
            out.add(
                compute(
                        p,
                        fee(
                            charge.apply(c.account()),
                            c,
                            "Fee",
                            "One-Time",
                            upfrontDaily.multiply(DAYS_PER_TERM)))
                    .set(ChargeDescription, "Sign up charge for subscription: " + c.name())
                    .set(EffectiveCost, BigDecimal.ZERO));
          }
          if (first) {
            out.add(
                compute(
                        p,
                        fee(
                            charge.apply(c.account()),
                            c,
                            "RIFee",
                            "Recurring",
                            rate.subtract(upfrontDaily).multiply(month)))
                    .set(ChargeDescription, "Recurring fee: " + c.name())
                    .set(EffectiveCost, BigDecimal.ZERO));
          }
        }
        case AZURE_RESERVATION -> {
          if (first) {
            BigDecimal price = rate.multiply(month);
            out.add(
                compute(p, fee(charge.apply(c.account()), c, null, "Recurring", price))
                    .set(ChargeDescription, "Reservation monthly payment: " + c.name())
                    .set(EffectiveCost, focus ? BigDecimal.ZERO : price));
          }
        }
        case GCP_CUD ->
            gcpFees
                .get(c)
                .forEach(
                    (f, amount) ->
                        out.add(
                            compute(p, fee(charge.apply(c.account()), c, null, "Recurring", amount))
                                .set(ChargeCategory, "Usage")
                                .set(
                                    ChargeDescription,
                                    GcpMachines.commitmentFeeSku(
                                        f.resource(), GcpMachines.AMERICAS))
                                .set(
                                    SkuPriceId,
                                    "CUD-" + slug(f.resource()).toUpperCase(Locale.ROOT) + "-1Y")
                                .set(SubAccountId, f.project().id())
                                .set(SubAccountName, f.project().name())
                                .set(SubAccountType, f.project().type())
                                .set(RegionId, f.project().regionId())
                                .set(RegionName, f.project().regionName())
                                .set(
                                    CommitmentDiscountId,
                                    gcpPool(
                                        c.account().id(), f.project().regionId(), f.resource()))));
      }
    }
    return out;
  }

  /**
   * The CommitmentDiscountId the gcp-billing mapping derives for the pool of a resource-based CUD:
   * billing account, region and committed resource ("cud-pool/&lt;account&gt;/us-east5/a4-cpu").
   */
  static String gcpPool(String account, String region, String resource) {
    return "cud-pool/" + account + "/" + region + "/" + slug(resource);
  }

  private static String slug(String resource) {
    return resource.toLowerCase(Locale.ROOT).replace(' ', '-');
  }

  private boolean active(Commitment c, LocalDate day) {
    return c.kind() != Fleet.CommitmentKind.AWS_RESERVED_INSTANCE
        || reservationPurchase == null
        || !day.isBefore(reservationPurchase);
  }

  private List<Node> covered(Commitment c) {
    return fleet.provider(c.providerSlug()).nodes().stream()
        .filter(n -> n.workload() == c.covers())
        .toList();
  }

  private static BigDecimal discounted(Commitment c, BigDecimal cost) {
    return cost.multiply(BigDecimal.ONE.subtract(c.discount())).setScale(6, RoundingMode.HALF_UP);
  }

  private static BillLine covered(BillLine u, Commitment c, String awsType) {
    return u.copy()
        .awsLineItemType(awsType)
        .commitment(c, "Used")
        .set(PricingCategory, "Committed");
  }

  /** A commitment's fee on the account's row: billed {@code amount}, no usage. */
  private static BillLine fee(
      BillLine r, Commitment c, String awsType, String frequency, BigDecimal amount) {
    return r.awsLineItemType(awsType)
        .commitment(c, null)
        .set(ChargeCategory, "Purchase")
        .set(ChargeFrequency, frequency)
        .set(SkuId, null)
        .set(SkuMeter, "Commitment")
        .set(PricingCategory, "Committed")
        .set(BilledCost, amount)
        .set(EffectiveCost, amount)
        .set(ListCost, amount)
        .set(ContractedCost, amount);
  }

  private static BillLine compute(Provider p, BillLine r) {
    return r.set(ServiceCategory, "Compute")
        .set(ServiceName, p.computeService())
        .set(ServiceSubcategory, p.computeSubcategory());
  }
}
