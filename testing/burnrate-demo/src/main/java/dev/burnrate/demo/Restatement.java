package dev.burnrate.demo;

import static dev.burnrate.demo.BillLine.Col.BilledCost;
import static dev.burnrate.demo.BillLine.Col.ChargeCategory;
import static dev.burnrate.demo.BillLine.Col.ChargeDescription;
import static dev.burnrate.demo.BillLine.Col.ChargeFrequency;
import static dev.burnrate.demo.BillLine.Col.RegionId;
import static dev.burnrate.demo.BillLine.Col.RegionName;
import static dev.burnrate.demo.BillLine.Col.ResourceId;
import static dev.burnrate.demo.BillLine.Col.ResourceName;
import static dev.burnrate.demo.BillLine.Col.ResourceType;
import static dev.burnrate.demo.BillLine.Col.ServiceCategory;
import static dev.burnrate.demo.BillLine.Col.ServiceName;
import static dev.burnrate.demo.BillLine.Col.ServiceSubcategory;

import dev.burnrate.demo.Fleet.Node;
import dev.burnrate.demo.Fleet.Provider;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * A closed month re-rated after delivery: on {@code day}, {@code node} really ran only {@code
 * CORRECTED_HOURS} (a host hardware failure interrupted it), and a late SLA credit of a tenth of
 * its day's cost is added.
 */
record Restatement(Provider provider, YearMonth month, LocalDate day, Node node) {
  static final BigDecimal CORRECTED_HOURS = new BigDecimal("17.5");
  static final BigDecimal SLA_CREDIT_SHARE = new BigDecimal("0.10");

  /**
   * The restatement the window allows: AWS's month before the end date's month, on a day that is
   * not the 1st (support), the credit day or the month's last day (tax); null when that month is
   * not in the window.
   */
  static Restatement plan(Fleet fleet, Window w) {
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
          && d.getDayOfMonth() != Billing.CREDIT_DAY
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

  String description() {
    return "usage of "
        + node.resourceId()
        + " on "
        + day
        + " corrected from 24 to "
        + CORRECTED_HOURS.toPlainString()
        + " hours, plus a late SLA credit";
  }

  /**
   * The provider's lines of {@code day} as re-rated: on the restated day, the node's usage line
   * becomes its corrected usage followed by the SLA credit; any other day's lines stay as they are.
   */
  List<BillLine> apply(Charges charges, LocalDate day, List<BillLine> batch) {
    if (!day.equals(this.day)) {
      return batch;
    }
    Provider p = provider;
    List<BillLine> out = new ArrayList<>(batch.size() + 1);
    for (BillLine r : batch) {
      if (!node.resourceId().equals(r.get(ResourceId)) || !"Usage".equals(r.get(ChargeCategory))) {
        out.add(r);
        continue;
      }
      out.add(Discounts.negotiated(p, charges.compute(p, node, month, day, CORRECTED_HOURS)));
      BigDecimal credit =
          r.decimal(BilledCost).multiply(SLA_CREDIT_SHARE).setScale(2, RoundingMode.HALF_UP);
      BillLine c = charges.charge(p, node.sub().account(), month, day);
      Charges.subAccount(c, node.sub());
      c.set(ChargeCategory, "Credit")
          .set(ChargeFrequency, "One-Time")
          .set(ChargeDescription, "EC2 SLA credit: instance interrupted by a host hardware failure")
          .set(ResourceId, node.resourceId())
          .set(ResourceName, node.resourceName())
          .set(ResourceType, p.resourceType())
          .set(RegionId, node.sub().regionId())
          .set(RegionName, node.sub().regionName())
          .set(ServiceCategory, "Compute")
          .set(ServiceName, p.computeService())
          .set(ServiceSubcategory, p.computeSubcategory());
      Charges.costs(c, credit.negate(), BigDecimal.ZERO, BigDecimal.ZERO);
      out.add(c);
    }
    return out;
  }
}
