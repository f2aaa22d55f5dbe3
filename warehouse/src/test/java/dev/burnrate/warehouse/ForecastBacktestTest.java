package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The back-test on a lake whose spend doubles: AWS 10 a day through 2026-03-31, 20 a day from April
 * 1 to May 30 (the last charge day). The 90-day period runs Mar 2..May 30; 60 days before its end
 * (as of Mar 31) 30 days burned 300 at 10 a day: forecast 300 + 10 x 60 = 900, no band (no spread).
 * Actual 300 + 20 x 60 = 1,500: error -40 %.
 */
class ForecastBacktestTest {
  @TempDir Path tmp;

  @Test
  void forecastSixtyDaysBeforePeriodEndIsComparedWithTheActualBurn() {
    TestWarehouse wh =
        new TestWarehouse(tmp.resolve("lake"))
            .contracts(
                """
                contracts:
                  - contract_id: aws-real
                    provider: AWS
                    currency: USD
                    period: {start: 2025-01-01, end: 2030-01-01}
                    commitments:
                      - {id: aws-real-y1, category: Spend, period: {start: 2025-01-01, end: 2030-01-01}, amount: 1000000}
                """);
    for (LocalDate d = LocalDate.of(2026, 1, 1);
        !d.isAfter(LocalDate.of(2026, 5, 30));
        d = d.plusDays(1)) {
      wh.rows(CostRow.charge("AWS", d, d.getMonthValue() < 4 ? "10.00" : "20.00"));
    }
    wh.writeLake();

    List<ForecastBacktest.Result> results =
        ForecastBacktest.run(wh.config(), 60, tmp.resolve("scratch"));

    assertEquals(
        List.of(
            new ForecastBacktest.Result(
                "aws-real-backtest-spend",
                LocalDate.of(2026, 3, 2),
                "AWS",
                "USD",
                900,
                900,
                900,
                1500)),
        results);
    assertEquals(-0.4, results.get(0).error(), 1e-12);
  }

  /**
   * The same spend from 2025-12-02 (180 days): two periods. The first, Dec 2..Mar 1, is forecast as
   * of Dec 31 from 30 days at 10 a day: 300 + 10 x 60 = 900, and 900 burned (error 0). The second
   * is the case above (900 forecast, 1,500 burned).
   */
  @Test
  void consecutivePeriodsAreBackTestedOldestFirst() {
    TestWarehouse wh =
        new TestWarehouse(tmp.resolve("lake"))
            .contracts(
                """
                contracts:
                  - contract_id: aws-real
                    provider: AWS
                    currency: USD
                    period: {start: 2025-01-01, end: 2030-01-01}
                    commitments:
                      - {id: aws-real-y1, category: Spend, period: {start: 2025-01-01, end: 2030-01-01}, amount: 1000000}
                """);
    for (LocalDate d = LocalDate.of(2025, 12, 2);
        !d.isAfter(LocalDate.of(2026, 5, 30));
        d = d.plusDays(1)) {
      wh.rows(CostRow.charge("AWS", d, d.isBefore(LocalDate.of(2026, 4, 1)) ? "10.00" : "20.00"));
    }
    wh.writeLake();

    List<ForecastBacktest.Result> results =
        ForecastBacktest.run(wh.config(), 60, 2, tmp.resolve("scratch"));

    assertEquals(
        List.of(LocalDate.of(2025, 12, 2), LocalDate.of(2026, 3, 2)),
        results.stream().map(ForecastBacktest.Result::periodStart).toList());
    assertEquals(List.of(900.0, 900.0), results.stream().map(r -> r.forecast()).toList());
    assertEquals(List.of(900.0, 1500.0), results.stream().map(r -> r.actual()).toList());
  }
}
