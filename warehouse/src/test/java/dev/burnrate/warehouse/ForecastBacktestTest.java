package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The back-test on a lake whose spend doubles: AWS 10 a day from 2025-12-02 through 2026-03-31, 20
 * a day from April 1 to May 30 (the last charge day): two 90-day periods, oldest first.
 *
 * <ul>
 *   <li>Dec 2..Mar 1, forecast 60 days before its end (as of Dec 31) from 30 days at 10 a day: 300
 *       + 10 x 60 = 900, no band (no spread, no trend); 900 burned: error 0.
 *   <li>Mar 2..May 30, as of Mar 31: 30 days burned 300 at 10 a day, forecast 300 + 10 x 60 = 900;
 *       actual 300 + 20 x 60 = 1,500: error -40 %.
 * </ul>
 */
class ForecastBacktestTest {
  @TempDir Path tmp;

  @Test
  void consecutivePeriodsAreForecastSixtyDaysBeforeTheirEndAndComparedWithTheActualBurn() {
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
        List.of(
            new ForecastBacktest.Result(
                "aws-real-backtest-spend",
                LocalDate.of(2025, 12, 2),
                "AWS",
                "USD",
                900,
                900,
                900,
                900),
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
    assertEquals(0.0, results.get(0).error(), 1e-12);
    assertEquals(-0.4, results.get(1).error(), 1e-12);
  }
}
