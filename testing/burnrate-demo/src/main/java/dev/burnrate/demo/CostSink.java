package dev.burnrate.demo;

import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the bill lines of one export file go: a writer of one export format. It sums what it is
 * given per BillingCurrency, so the totals file states exactly the FOCUS values the file's rows map
 * to.
 */
abstract class CostSink implements Closeable {
  private final Map<String, Sum> sums = new TreeMap<>();

  private static final class Sum {
    BigDecimal billed = BigDecimal.ZERO;
    BigDecimal effective = BigDecimal.ZERO;
    long rows;
  }

  /** Writes one row (a sink may hold rows back until {@link #close}) and counts it. */
  final void write(BillLine row) throws IOException {
    emit(row);
    Sum s = sums.computeIfAbsent(row.string(BillLine.Col.BillingCurrency), c -> new Sum());
    s.billed = s.billed.add(row.decimal(BillLine.Col.BilledCost));
    s.effective = s.effective.add(row.decimal(BillLine.Col.EffectiveCost));
    s.rows++;
  }

  abstract void emit(BillLine row) throws IOException;

  /** What has been written so far, one entry per BillingCurrency in code order. */
  final List<Totals.CurrencyTotal> totals() {
    List<Totals.CurrencyTotal> result = new ArrayList<>();
    sums.forEach(
        (currency, s) ->
            result.add(Totals.CurrencyTotal.of(currency, s.billed, s.effective, s.rows)));
    return result;
  }
}
