package dev.burnrate.demo;

import dev.burnrate.demo.ExportWriter.ExportResult;
import dev.burnrate.demo.Fleet.Account;
import dev.burnrate.demo.Fleet.Provider;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * contracts.yaml, sized from the generated fleet's own spend ({@link RunRates}) so that the demo
 * tells a story: AWS's ramping 7-year deal is behind its first year's minimum, Azure's USD
 * commitment is ahead, Google Cloud is on pace, Oracle slightly behind, and CoreWeave's GPU-hour
 * commitment (starting mid-month) on pace.
 */
final class ContractsWriter {
  /** AWS's yearly minimums, as multiples of the first year's. */
  private static final double[] AWS_RAMP = {1.0, 1.4, 1.9, 2.5, 3.2, 4.0, 5.0};

  /**
   * The reserved GPU-hour's contract price (USD): what a GPU-hour short of CoreWeave's minimum
   * costs, so its shortfall is valued in money (contracts.yaml {@code rate}).
   */
  private static final BigDecimal CW_GPU_HOUR_RATE = new BigDecimal("2.85");

  private final Fleet fleet;
  private final Window window;
  private final Generator.Options options;
  private final RunRates rates;

  ContractsWriter(Fleet fleet, Window window, List<ExportResult> files, Generator.Options options) {
    this.fleet = fleet;
    this.window = window;
    this.options = options;
    this.rates = new RunRates(window, files);
  }

  /** The contracts.yaml text. */
  String yaml() {
    Provider aws = fleet.provider("aws");
    Provider azure = fleet.provider("azure");
    Provider gcp = fleet.provider("gcp");
    Provider oci = fleet.provider("oci");
    Provider cw = fleet.provider("coreweave");
    Account azureUsd =
        azure.accounts().stream().filter(a -> a.currency().equals("USD")).findFirst().orElseThrow();

    BigDecimal awsRate = rates.spend(aws, a -> true, s -> true);
    BigDecimal azureRate = rates.spend(azure, a -> a.equals(azureUsd.id()), s -> true);
    BigDecimal gcpRate = rates.spend(gcp, a -> true, s -> s.equals(gcp.computeService()));
    BigDecimal ociRate = rates.spend(oci, a -> true, s -> true);
    BigDecimal cwGpuHours = rates.gpuHours(cw);

    LocalDate awsStart = awsStart(window);
    LocalDate monthStart = firstMonthStart(window);
    LocalDate midMonth = midMonthStart(window);

    StringBuilder y = new StringBuilder();
    y.append("# Contracts for the synthetic fleet of `burnrate generate` (seed ")
        .append(options.seed())
        .append(", scale ")
        .append(options.scale())
        .append("),\n");
    y.append("# sized from its own spend. Run rates: average daily Usage + Purchase BilledCost,\n");
    y.append("# ").append(rates.from()).append(" .. ").append(window.end()).append(":\n");
    y.append("#   AWS ").append(plain(awsRate)).append(" USD/day: year-1 minimum 30% above it,");
    y.append(" so AWS is behind with a shortfall\n");
    y.append("#   Microsoft (USD account) ").append(plain(azureRate));
    y.append(" USD/day: commitment 20% below it, ahead\n");
    y.append("#   Google Cloud (Compute Engine) ").append(plain(gcpRate));
    y.append(" USD/day: commitment 5% below it, on pace\n");
    y.append("#   Oracle ").append(plain(ociRate)).append(" USD/day: commitment 8% above it\n");
    y.append("#   CoreWeave ").append(plain(cwGpuHours));
    y.append(" GPU-hours/day: commitment 2% below it, starts mid-month\n");
    y.append("contracts:\n");

    // AWS: a 7-year committed-spend deal whose first year began inside the data window
    BigDecimal y1 = tidy(awsRate.multiply(BigDecimal.valueOf(1.3 * yearDays(awsStart))));
    List<Commitment> awsYears = new ArrayList<>();
    for (int i = 0; i < AWS_RAMP.length; i++) {
      awsYears.add(
          Commitment.spend(
              "aws-gpu-" + awsStart.getYear() + "-y" + (i + 1),
              awsStart.plusYears(i),
              awsStart.plusYears(i + 1L),
              i == 0 ? y1 : tidy(y1.multiply(BigDecimal.valueOf(AWS_RAMP[i])))));
    }
    contract(
        y,
        "aws-gpu-" + awsStart.getYear(),
        aws,
        List.of(),
        awsStart,
        awsStart.plusYears(AWS_RAMP.length),
        "7-year committed spend for GPU capacity; yearly minimums ramp with the build-out",
        null,
        awsYears);

    LocalDate azureEnd = monthStart.plusYears(1);
    contract(
        y,
        "azure-macc-" + monthStart.getYear(),
        azure,
        List.of(azureUsd.id()),
        monthStart,
        azureEnd,
        "Azure consumption commitment of the US enrollment (USD)",
        null,
        List.of(
            Commitment.spend(
                "azure-macc-" + monthStart.getYear() + "-y1",
                monthStart,
                azureEnd,
                tidy(azureRate.multiply(BigDecimal.valueOf(0.8 * yearDays(monthStart)))))));

    contract(
        y,
        "gcp-commit-" + monthStart.getYear(),
        gcp,
        List.of(),
        monthStart,
        azureEnd,
        "Committed spend on Compute Engine",
        "    eligibility:\n      include_services: [\"" + gcp.computeService() + "\"]\n",
        List.of(
            Commitment.spend(
                "gcp-commit-" + monthStart.getYear() + "-y1",
                monthStart,
                azureEnd,
                tidy(gcpRate.multiply(BigDecimal.valueOf(0.95 * yearDays(monthStart)))))));

    BigDecimal ociY1 = tidy(ociRate.multiply(BigDecimal.valueOf(1.08 * yearDays(monthStart))));
    contract(
        y,
        "oci-ucc-" + monthStart.getYear(),
        oci,
        List.of(),
        monthStart,
        monthStart.plusYears(2),
        "Universal Credits, two yearly minimums",
        null,
        List.of(
            Commitment.spend(
                "oci-ucc-" + monthStart.getYear() + "-y1",
                monthStart,
                monthStart.plusYears(1),
                ociY1),
            Commitment.spend(
                "oci-ucc-" + monthStart.getYear() + "-y2",
                monthStart.plusYears(1),
                monthStart.plusYears(2),
                tidy(ociY1.multiply(new BigDecimal("1.25"))))));

    contract(
        y,
        "coreweave-h100-" + midMonth.getYear(),
        cw,
        List.of(),
        midMonth,
        midMonth.plusYears(1),
        "Reserved HGX H100 capacity, committed in GPU-hours",
        null,
        List.of(
            new Commitment(
                "coreweave-h100-" + midMonth.getYear() + "-gpuh",
                "Usage",
                midMonth,
                midMonth.plusYears(1),
                null,
                tidy(cwGpuHours.multiply(BigDecimal.valueOf(0.98 * yearDays(midMonth)))),
                "GPU-hours",
                CW_GPU_HOUR_RATE)));
    return y.toString();
  }

  /** A Contract Commitment row as it goes into the YAML. */
  private record Commitment(
      String id,
      String category,
      LocalDate start,
      LocalDate end,
      BigDecimal amount,
      BigDecimal quantity,
      String unit,
      BigDecimal rate) {
    static Commitment spend(String id, LocalDate start, LocalDate end, BigDecimal amount) {
      return new Commitment(id, "Spend", start, end, amount, null, null, null);
    }
  }

  private void contract(
      StringBuilder y,
      String id,
      Provider p,
      List<String> accounts,
      LocalDate start,
      LocalDate end,
      String description,
      String eligibility,
      List<Commitment> commitments) {
    y.append("  - contract_id: ").append(id).append('\n');
    y.append("    provider: ").append(p.name()).append('\n');
    y.append("    billing_accounts: [");
    for (int i = 0; i < accounts.size(); i++) {
      y.append(i == 0 ? "" : ", ").append('"').append(accounts.get(i)).append('"');
    }
    y.append("]\n");
    y.append("    currency: USD\n");
    y.append("    period: {start: ").append(start).append(", end: ").append(end).append("}\n");
    BigDecimal total = BigDecimal.ZERO;
    boolean spend = false;
    for (Commitment c : commitments) {
      if (c.amount() != null) {
        total = total.add(c.amount());
        spend = true;
      }
    }
    if (spend) {
      y.append("    total: ").append(total.toPlainString()).append('\n');
    }
    y.append("    discount_pct: ")
        .append(p.discount().movePointRight(2).stripTrailingZeros().toPlainString())
        .append('\n');
    y.append("    description: \"").append(description).append("\"\n");
    if (eligibility != null) {
      y.append(eligibility);
    }
    y.append("    commitments:\n");
    for (Commitment c : commitments) {
      y.append("      - id: ").append(c.id()).append('\n');
      y.append("        category: ").append(c.category()).append('\n');
      y.append("        period: {start: ").append(c.start()).append(", end: ");
      y.append(c.end()).append("}\n");
      if (c.amount() != null) {
        y.append("        amount: ").append(c.amount().toPlainString()).append('\n');
      } else {
        y.append("        quantity: ").append(c.quantity().toPlainString()).append('\n');
        y.append("        unit: ").append(c.unit()).append('\n');
        if (c.rate() != null) {
          y.append("        rate: ").append(c.rate().toPlainString()).append('\n');
        }
      }
    }
  }

  /**
   * AWS's contract start: the 3rd of the month about 40% into the window, so that the first yearly
   * period begins inside it.
   */
  static LocalDate awsStart(Window w) {
    long days = ChronoUnit.DAYS.between(w.start(), w.end()) + 1;
    LocalDate anchor = w.start().plusDays(days * 2 / 5);
    LocalDate d = anchor.withDayOfMonth(3);
    if (!d.isAfter(w.start())) {
      d = d.plusMonths(1);
    }
    return d.isAfter(w.end()) ? anchor : d;
  }

  /** The first 1st of a month inside the window (or the window's first day). */
  static LocalDate firstMonthStart(Window w) {
    LocalDate d =
        w.start().getDayOfMonth() == 1 ? w.start() : w.start().withDayOfMonth(1).plusMonths(1);
    return d.isAfter(w.end()) ? w.start() : d;
  }

  /** The first 15th inside the window (or the window's first day). */
  static LocalDate midMonthStart(Window w) {
    LocalDate d = w.start().withDayOfMonth(15);
    if (d.isBefore(w.start())) {
      d = d.plusMonths(1);
    }
    return d.isAfter(w.end()) ? w.start() : d;
  }

  private static long yearDays(LocalDate start) {
    return ChronoUnit.DAYS.between(start, start.plusYears(1));
  }

  /** Three significant digits, no decimals: 8,864,213.17 -> 8,860,000. */
  static BigDecimal tidy(BigDecimal v) {
    BigDecimal r = v.round(new MathContext(3, RoundingMode.HALF_UP));
    return r.setScale(0, RoundingMode.HALF_UP);
  }

  private static String plain(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }
}
