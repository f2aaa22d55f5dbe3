package dev.burnrate.demo;

import dev.burnrate.demo.ExportWriter.ExportResult;
import dev.burnrate.demo.Fleet.Provider;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What the generated fleet spends and runs a day, averaged over the window's last {@value
 * #RUN_RATE_DAYS} days (or the whole window): what the contracts are sized from.
 */
final class RunRates {
  /** Run rates are the daily average over this many trailing days (or the whole window). */
  static final int RUN_RATE_DAYS = 30;

  private final Window window;
  private final List<ExportResult> files;
  private final LocalDate rateFrom;

  RunRates(Window window, List<ExportResult> files) {
    this.window = window;
    this.files = files;
    int n =
        (int) Math.min(RUN_RATE_DAYS, ChronoUnit.DAYS.between(window.start(), window.end()) + 1);
    this.rateFrom = window.end().minusDays(n - 1L);
  }

  /** The first day the averages cover; the last is the window's. */
  LocalDate from() {
    return rateFrom;
  }

  /** Average daily eligible spend over the run-rate days, for the chosen accounts and services. */
  BigDecimal spend(Provider p, Predicate<String> account, Predicate<String> service) {
    TreeMap<LocalDate, BigDecimal> daily = new TreeMap<>();
    for (ExportResult f : files) {
      if (f.provider() != p) {
        continue;
      }
      for (Map.Entry<String, Map<String, TreeMap<LocalDate, BigDecimal>>> a :
          f.eligibleDaily().entrySet()) {
        if (!account.test(a.getKey())) {
          continue;
        }
        for (Map.Entry<String, TreeMap<LocalDate, BigDecimal>> s : a.getValue().entrySet()) {
          if (service.test(s.getKey())) {
            s.getValue().forEach((d, v) -> daily.merge(d, v, BigDecimal::add));
          }
        }
      }
    }
    return average(daily);
  }

  /** Average daily billed GPU-hours of the provider over the run-rate days. */
  BigDecimal gpuHours(Provider p) {
    TreeMap<LocalDate, BigDecimal> daily = new TreeMap<>();
    for (ExportResult f : files) {
      if (f.provider() == p) {
        f.gpuHoursDaily().forEach((d, v) -> daily.merge(d, v, BigDecimal::add));
      }
    }
    return average(daily);
  }

  private BigDecimal average(TreeMap<LocalDate, BigDecimal> daily) {
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal v : daily.subMap(rateFrom, true, window.end(), true).values()) {
      sum = sum.add(v);
    }
    long n = ChronoUnit.DAYS.between(rateFrom, window.end()) + 1;
    return sum.divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP);
  }
}
