package dev.burnrate.demo;

import static dev.burnrate.demo.BillLine.Col.BilledCost;
import static dev.burnrate.demo.BillLine.Col.BillingAccountId;
import static dev.burnrate.demo.BillLine.Col.BillingCurrency;
import static dev.burnrate.demo.BillLine.Col.ChargeCategory;
import static dev.burnrate.demo.BillLine.Col.CommitmentDiscountId;
import static dev.burnrate.demo.BillLine.Col.CommitmentDiscountStatus;
import static dev.burnrate.demo.BillLine.Col.ConsumedQuantity;
import static dev.burnrate.demo.BillLine.Col.ContractedUnitPrice;
import static dev.burnrate.demo.BillLine.Col.EffectiveCost;
import static dev.burnrate.demo.BillLine.Col.PricingQuantity;
import static dev.burnrate.demo.BillLine.Col.ResourceId;
import static dev.burnrate.demo.BillLine.Col.ServiceCategory;
import static dev.burnrate.demo.BillLine.Col.ServiceName;
import static dev.burnrate.demo.BillLine.Col.SkuId;
import static dev.burnrate.demo.BillLine.Col.SkuPriceId;

import dev.burnrate.demo.Fleet.Node;
import dev.burnrate.demo.Fleet.Provider;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes an export's months ({@link Billing}) in the export's format (a FOCUS file or a
 * provider-native export), laid out as its delivery lays them out ({@link ProviderLayouts}), and
 * tallies what each month holds.
 */
final class ExportWriter {
  private final Billing billing;
  private final Window window;
  private final long seed;
  private final int scale;

  ExportWriter(Billing billing, Window window, long seed, int scale) {
    this.billing = billing;
    this.window = window;
    this.seed = seed;
    this.scale = scale;
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

  /**
   * Writes one export's month below {@code root} as its delivery lays it out: its provider's month,
   * only its billing account when it names one; {@code restated} applies the restatement (and makes
   * the delivery a new one: a new assembly, execution or run).
   */
  ExportResult write(Exports.Export e, Path root, boolean restated) throws IOException {
    Provider p = e.provider();
    YearMonth month = e.month();
    boolean usageOnly = e.format() == Exports.Format.FOCUS_USAGE;
    Map<String, Totals.CoveredUsage> covered = new LinkedHashMap<>();
    // (SkuId, SkuPriceId) -> ContractedUnitPrice, for the rate card of a usage-only export
    Map<List<String>, BigDecimal> rateCard = new TreeMap<>(ExportWriter::compareKeys);
    Map<String, Map<String, TreeMap<LocalDate, BigDecimal>>> eligible = new LinkedHashMap<>();
    TreeMap<LocalDate, BigDecimal> gpuHoursDaily = new TreeMap<>();
    Map<String, Integer> gpusByResource = new HashMap<>();
    for (Node n : p.nodes()) {
      gpusByResource.put(n.resourceId(), n.type().gpus());
    }
    BigDecimal gpuHours = BigDecimal.ZERO;
    long rows = 0;
    Map<String, BigDecimal[]> sums = new TreeMap<>();
    Map<String, Long> rowsByCurrency = new TreeMap<>();
    // one layout for every part: OCI numbers its lines across the month's reports
    NativeCsvWriter.Layout layout = NativeLayouts.of(e);
    Delivery out =
        ProviderLayouts.open(e, root, restated, seed, window, scale, file -> sink(e, layout, file));
    Billing.Month lines = billing.month(e, restated);
    for (LocalDate day = window.firstDay(month);
        !day.isAfter(window.lastDay(month));
        day = day.plusDays(1)) {
      for (BillLine r : lines.day(day)) {
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
  private static BigDecimal gpuHours(BillLine r, Map<String, Integer> gpusByResource) {
    if (!"Usage".equals(r.get(ChargeCategory))
        || !"Compute".equals(r.get(ServiceCategory))
        || r.get(ConsumedQuantity) == null
        || r.gpuComponent() == BillLine.Component.HOST) {
      return BigDecimal.ZERO;
    }
    if (r.gpuComponent() == BillLine.Component.GPU) {
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

  private static void addRate(Map<List<String>, BigDecimal> card, BillLine r) {
    if (r.get(ContractedUnitPrice) == null) {
      return;
    }
    List<String> key = Arrays.asList(r.string(SkuId), r.string(SkuPriceId));
    BigDecimal before = card.putIfAbsent(key, r.decimal(ContractedUnitPrice));
    if (before != null && before.compareTo(r.decimal(ContractedUnitPrice)) != 0) {
      throw new IllegalStateException("two prices for " + key + " in one usage-only export");
    }
  }

  private static int compareKeys(List<String> a, List<String> b) {
    return String.join("\u0000", a).compareTo(String.join("\u0000", b));
  }
}
