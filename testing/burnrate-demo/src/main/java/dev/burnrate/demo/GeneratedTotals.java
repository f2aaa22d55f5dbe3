package dev.burnrate.demo;

import dev.burnrate.demo.ExportWriter.ExportResult;
import dev.burnrate.demo.Fleet.Node;
import dev.burnrate.demo.Fleet.Provider;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link Totals} of one generate run, summed from what its exports and telemetry writers
 * reported: per file, provider and currency, as first delivered and after the restatement.
 */
final class GeneratedTotals {
  private GeneratedTotals() {}

  /**
   * @param initial every export's months as first delivered
   * @param fin the same with the restated month as re-delivered (the other months the same results
   *     as in {@code initial})
   */
  static Totals of(
      Generator.Options o,
      Window window,
      Fleet fleet,
      Restatement restatement,
      List<ExportResult> initial,
      List<ExportResult> fin,
      DcgmScrapes.Result telemetry) {
    return new Totals(
        new Totals.OptionsUsed(
            o.scale(),
            o.seed(),
            o.endDate(),
            o.days(),
            o.telemetryDays(),
            o.rampDays(),
            window.start()),
        snapshot(fleet, fin),
        snapshot(fleet, initial),
        restatementInfo(restatement, initial, fin),
        gpu(fleet, initial, fin, telemetry));
  }

  private static Totals.Snapshot snapshot(Fleet fleet, List<ExportResult> exports) {
    List<Totals.FileTotal> fileTotals = new ArrayList<>();
    List<Totals.ProviderTotal> providers = new ArrayList<>();
    for (Provider p : fleet.providers()) {
      Map<String, BigDecimal[]> sums = new TreeMap<>();
      Map<String, Long> rows = new TreeMap<>();
      for (ExportResult x : exports) {
        if (x.provider() != p) {
          continue;
        }
        for (Delivery.Part f : x.parts()) {
          fileTotals.add(
              new Totals.FileTotal(
                  f.path(),
                  p.name(),
                  x.export().source(),
                  x.month().toString(),
                  f.rows(),
                  Totals.quantity(f.gpuHours()),
                  f.currencies()));
        }
        for (Totals.CurrencyTotal c : x.currencies()) {
          BigDecimal[] s =
              sums.computeIfAbsent(
                  c.billingCurrency(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
          s[0] = s[0].add(c.billedCost());
          s[1] = s[1].add(c.effectiveCost());
          rows.merge(c.billingCurrency(), c.rows(), Long::sum);
        }
      }
      sums.forEach(
          (currency, s) ->
              providers.add(
                  new Totals.ProviderTotal(
                      p.name(),
                      currency,
                      Totals.money(s[0]),
                      Totals.money(s[1]),
                      rows.get(currency))));
    }
    Map<String, Totals.CoveredUsage> covered = new LinkedHashMap<>();
    for (ExportResult x : exports) {
      for (Totals.CoveredUsage c : x.covered()) {
        covered.merge(c.commitmentDiscountId(), c, Totals.CoveredUsage::plus);
      }
    }
    return new Totals.Snapshot(providers, fileTotals, List.copyOf(covered.values()));
  }

  /**
   * The re-delivered month: the first delivery's files, and the new delivery's as written below
   * {@code restated/} (a new assembly folder and the rewritten manifest).
   */
  private static Totals.Restatement restatementInfo(
      Restatement r, List<ExportResult> initial, List<ExportResult> fin) {
    if (r == null) {
      return null;
    }
    for (int i = 0; i < initial.size(); i++) {
      ExportResult before = initial.get(i);
      ExportResult after = fin.get(i);
      if (before != after) {
        String currency = before.currencies().get(0).billingCurrency();
        BigDecimal delta =
            after
                .currencies()
                .get(0)
                .billedCost()
                .subtract(before.currencies().get(0).billedCost());
        return new Totals.Restatement(
            r.provider().name(),
            r.month().toString(),
            r.day(),
            before.parts().stream().map(Delivery.Part::path).toList(),
            after.parts().stream().map(f -> "restated/" + f.path()).toList(),
            r.description(),
            currency,
            delta,
            after.rows() - before.rows());
      }
    }
    throw new IllegalStateException("the restated file was not written");
  }

  private static Totals.Gpu gpu(
      Fleet fleet, List<ExportResult> initial, List<ExportResult> fin, DcgmScrapes.Result t) {
    List<Totals.GpuProvider> providers = new ArrayList<>();
    List<String> noTelemetry = new ArrayList<>();
    List<String> idle = new ArrayList<>();
    for (Provider p : fleet.providers()) {
      Map<String, Totals.InstanceTypeCount> types = new LinkedHashMap<>();
      for (Node n : p.nodes()) {
        types.merge(
            n.type().sku(),
            new Totals.InstanceTypeCount(n.type().sku(), n.type().gpuModel(), n.type().gpus(), 1),
            (a, b) ->
                new Totals.InstanceTypeCount(
                    a.skuId(), a.gpuModel(), a.gpusPerNode(), a.nodes() + 1));
        if (!n.telemetry()) {
          noTelemetry.add(n.hostname());
        }
        if (n.workload() == Fleet.Workload.IDLE) {
          idle.add(n.hostname());
        }
      }
      providers.add(
          new Totals.GpuProvider(
              p.name(),
              p.nodes().size(),
              p.gpus(),
              gpuHours(p, fin),
              gpuHours(p, initial),
              (int) (t.files() == 0 ? 0 : p.nodes().stream().filter(Node::telemetry).count()),
              List.copyOf(types.values())));
    }
    return new Totals.Gpu(
        fleet.nodeCount(),
        fleet.gpuCount(),
        providers,
        t.start(),
        t.end(),
        t.files(),
        t.scrapes(),
        t.samples(),
        noTelemetry,
        idle,
        t.files() == 0 ? List.of() : List.of(FleetCatalog.UNBILLED_HOST),
        t.xid());
  }

  private static BigDecimal gpuHours(Provider p, List<ExportResult> files) {
    BigDecimal sum = BigDecimal.ZERO;
    for (ExportResult f : files) {
      if (f.provider() == p) {
        sum = sum.add(f.gpuHours());
      }
    }
    return Totals.quantity(sum);
  }
}
