package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rpt_ relations the Jasper report reads: names and types exactly as docs/architecture.md (Seam
 * 2) fixes them, and their numbers for a small fixture.
 */
class ReportingModelsTest {
  static final LocalDate AS_OF = LocalDate.of(2026, 5, 20);

  /** AWS's 2026 Spend commitment of 3,650 (10 a day). */
  private static final String AWS_CONTRACT =
      """
      contracts:
        - contract_id: aws-2026
          provider: AWS
          currency: USD
          period: {start: 2026-01-01, end: 2027-01-01}
          commitments:
            - id: aws-2026-y1
              category: Spend
              period: {start: 2026-01-01, end: 2027-01-01}
              amount: 3650
      """;

  @TempDir Path tmp;

  /**
   * As of 2026-05-20. AWS: May 1 100 and May 20 10 (month to date), May 21 1000 (after the as-of
   * day: in no figure, a report for May 20 shows what May 20's did), Apr 10 20 (prior month to
   * date, Apr 1..20), Apr 25 40 (quarter to date only), Feb 15 5 (prior quarter to date, Jan 1..Feb
   * 20), 2025-05-10 7 (prior year to date), 2025-06-01 9 (total only). Microsoft: May 2 EUR 100 at
   * 1.10 = 110. Total 100 + 10 + 20 + 40 + 5 + 7 + 9 + 110 = 301 in 8 rows, data up to the as-of
   * day.
   */
  private TestWarehouse fixture() {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .fxRates("currency,valid_from,rate_to_reporting\nEUR,2025-01-01,1.10\n")
            .contracts(AWS_CONTRACT);
    return wh.rows(
        CostRow.charge("AWS", LocalDate.of(2026, 5, 1), "100.00"),
        CostRow.charge("AWS", LocalDate.of(2026, 5, 20), "10.00"),
        CostRow.charge("AWS", LocalDate.of(2026, 5, 21), "1000.00"),
        CostRow.charge("AWS", LocalDate.of(2026, 4, 10), "20.00"),
        CostRow.charge("AWS", LocalDate.of(2026, 4, 25), "40.00"),
        CostRow.charge("AWS", LocalDate.of(2026, 2, 15), "5.00"),
        CostRow.charge("AWS", LocalDate.of(2025, 5, 10), "7.00"),
        CostRow.charge("AWS", LocalDate.of(2025, 6, 1), "9.00"),
        CostRow.charge("Microsoft", LocalDate.of(2026, 5, 2), "100.00").currency("EUR"));
  }

  @Test
  void rptSummaryHasToDateAndPriorSpansThroughTheAsOfDay() {
    TestWarehouse wh = fixture();

    wh.build(AS_OF);

    assertEquals(
        List.of(
            "2026-05-20 | USD | 220.00 | 20.00 | 280.00 | 5.00 | 285.00 | 7.00 | 301.00"
                + " | 2025-05-10 | 2026-05-20 | 2 | 8"),
        wh.query("select * from rpt_summary"));
  }

  @Test
  void rptProviderSpendSumsPerProviderAndBillingCurrency() {
    TestWarehouse wh = fixture();

    wh.build(AS_OF);

    assertEquals(
        List.of(
            "AWS | USD | 191.00 | 191.00 | 191.00 | 191.00 | 7",
            "Microsoft | EUR | 100.00 | 100.00 | 110.00 | 110.00 | 1"),
        wh.query("select * from rpt_provider_spend order by provider"));
  }

  @Test
  void rptSpendMonthlyHasEveryMonthOfTheDataRangeForEveryProvider() {
    TestWarehouse wh = fixture();

    wh.build(AS_OF);

    assertEquals(List.of("26"), wh.query("select count(*) from rpt_spend_monthly"));
    assertEquals(
        List.of(
            "2025-05-01 | 2025-05 | AWS | 7.00",
            "2025-05-01 | 2025-05 | Microsoft | 0.00",
            "2025-07-01 | 2025-07 | AWS | 0.00",
            "2026-04-01 | 2026-04 | AWS | 60.00",
            "2026-05-01 | 2026-05 | AWS | 110.00",
            "2026-05-01 | 2026-05 | Microsoft | 110.00"),
        wh.query(
            "select * from rpt_spend_monthly where month in ('2025-05-01', '2025-07-01',"
                + " '2026-04-01', '2026-05-01') and (provider = 'AWS' or month <> '2025-07-01')"
                + " and (provider = 'AWS' or month <> '2026-04-01') order by all"));
  }

  /**
   * 3,650 a year is 10 a day: by May 20 (day 140) 1,400 is due and 175 has burned (123 days
   * behind); 150 in the last 30 days is 5 a day, so 175 + 5 x 225 remaining days = 1,300, short
   * 2,350. Band: the trailing 30 days burned 40, 100 and 10 (s^2 = (40^2 + 100^2 + 10^2 - 30 x 5^2)
   * / 29 = 377.59, s = 19.432), 1.645 x s x sqrt(225 + 225^2 / 30) = 1,397.90: low 175 (never below
   * burned), high 2,697.90. Reporting amounts at USD's rate 1. A Spend commitment has no usage
   * rate; its shortfall in money is the shortfall itself, 2,350.
   */
  @Test
  void rptCommitmentStatusRoundsToCents() {
    TestWarehouse wh = fixture();

    wh.build(AS_OF);

    assertEquals(
        List.of(
            "aws-2026 | aws-2026-y1 | AWS | Spend | USD | 2026-01-01 | 2027-01-01 | 3650.00 | 175.00"
                + " | 1400.00 | -1225.00 | 1300.00 | 2350.00 | 4.794520547945205 | -123 | red"
                + " | true | 175.00 | 2697.90 | 5.00 | USD | USD | 3650.00"
                + " | 175.00 | 1300.00 | 2350.00 | NULL | 2350.00"),
        wh.query("select * from rpt_commitment_status"));
  }

  /**
   * A period the lake holds no charge of its provider for is "no data", not red: CoreWeave's 2025
   * period (closed on the as-of day 2026-05-20) and its 2026 period (current) have no CoreWeave
   * charge, the fixture's rows being AWS's and Microsoft's. Without data neither has a shortfall
   * (null), where a burn of 0 against 100 would otherwise be red with 100 short. AWS's period, with
   * charges, keeps its status (red, as rptCommitmentStatusRoundsToCents computes). The burn-down
   * chart of the current period without data draws no forecast (it drew a flat line at 0): none of
   * its 365 days has one, where AWS's period has one from the as-of day 2026-05-20 through its last
   * day 2026-12-31, 226 days.
   */
  @Test
  void aPeriodWithoutAnyChargeOfItsProviderIsNoDataWithoutShortfall() {
    TestWarehouse wh = fixture();
    wh.contracts(
        AWS_CONTRACT
            + """
        - contract_id: cw
          provider: CoreWeave
          currency: USD
          period: {start: 2025-01-01, end: 2027-01-01}
          commitments:
            - id: cw-2025
              category: Spend
              period: {start: 2025-01-01, end: 2026-01-01}
              amount: 100
            - id: cw-2026
              category: Spend
              period: {start: 2026-01-01, end: 2027-01-01}
              amount: 100
        """
                .indent(2));

    wh.build(AS_OF);

    assertEquals(
        List.of(
            "aws-2026-y1 | red | 2350.00", "cw-2025 | no_data | NULL", "cw-2026 | no_data | NULL"),
        wh.query(
            "select commitment_id, status, projected_shortfall from rpt_commitment_status"
                + " order by commitment_id"));
    assertEquals(
        List.of("aws-2026-y1 | 365 | 226", "cw-2026 | 365 | 0"),
        wh.query(
            "select commitment_id, count(*), count(forecast) from rpt_commitment_burndown"
                + " group by all order by all"));
  }

  /**
   * As of 2026-03-10 the fixture has no charge in March (its nearest are Feb 15 and Apr 10): each
   * configured showback key (the defaults, team and project) still has its row, month-to-date spend
   * 0 and no share, so the report states the keys instead of saying none is configured. The April
   * charge after the as-of day counts nowhere.
   */
  @Test
  void rptShowbackKeepsEveryConfiguredKeyInAMonthWithoutSpend() {
    TestWarehouse wh = fixture();

    wh.build(LocalDate.of(2026, 3, 10));

    assertEquals(
        List.of(
            "project | (untagged) | 0.00 | 0.00 | NULL", "team | (untagged) | 0.00 | 0.00 | NULL"),
        wh.query("select * from rpt_showback order by tag_key"));
  }

  @Test
  void rptRelationsHaveExactlyTheColumnsAndTypesOfTheReportSeam() {
    TestWarehouse wh = new TestWarehouse(tmp);

    wh.build(AS_OF);

    String decimal = "DECIMAL(18,2)";
    assertEquals(
        List.of(
            "as_of_date DATE",
            "reporting_currency VARCHAR",
            "spend_mtd " + decimal,
            "spend_prior_mtd " + decimal,
            "spend_qtd " + decimal,
            "spend_prior_qtd " + decimal,
            "spend_ytd " + decimal,
            "spend_prior_ytd " + decimal,
            "spend_total " + decimal,
            "data_start DATE",
            "data_end DATE",
            "provider_count INTEGER",
            "row_count BIGINT"),
        columns(wh, "rpt_summary"));
    assertEquals(
        List.of(
            "provider VARCHAR",
            "billing_currency VARCHAR",
            "billed_cost " + decimal,
            "effective_cost " + decimal,
            "billed_cost_reporting " + decimal,
            "effective_cost_reporting " + decimal,
            "row_count BIGINT"),
        columns(wh, "rpt_provider_spend"));
    assertEquals(
        List.of(
            "month DATE",
            "month_label VARCHAR",
            "provider VARCHAR",
            "billed_cost_reporting " + decimal),
        columns(wh, "rpt_spend_monthly"));
    assertEquals(
        List.of(
            "contract_id VARCHAR",
            "commitment_id VARCHAR",
            "provider VARCHAR",
            "category VARCHAR",
            "unit VARCHAR",
            "period_start DATE",
            "period_end DATE",
            "committed " + decimal,
            "burned " + decimal,
            "expected_to_date " + decimal,
            "pace_delta " + decimal,
            "forecast_at_period_end " + decimal,
            "projected_shortfall " + decimal,
            "burn_pct DOUBLE",
            "days_ahead_or_behind INTEGER",
            "status VARCHAR",
            "is_current BOOLEAN",
            "forecast_low " + decimal,
            "forecast_high " + decimal,
            "run_rate_daily " + decimal,
            "currency VARCHAR",
            "reporting_currency VARCHAR",
            "committed_reporting " + decimal,
            "burned_reporting " + decimal,
            "forecast_at_period_end_reporting " + decimal,
            "projected_shortfall_reporting " + decimal,
            "usage_rate DECIMAL(18,4)",
            "projected_shortfall_cost " + decimal),
        columns(wh, "rpt_commitment_status"));
    assertEquals(
        List.of(
            "contract_id VARCHAR",
            "commitment_id VARCHAR",
            "provider VARCHAR",
            "category VARCHAR",
            "unit VARCHAR",
            "period_start DATE",
            "period_end DATE",
            "day DATE",
            "committed " + decimal,
            "burned_cumulative " + decimal,
            "required_cumulative " + decimal,
            "forecast " + decimal,
            "forecast_low " + decimal,
            "forecast_high " + decimal),
        columns(wh, "rpt_commitment_burndown"));
    assertEquals(
        List.of(
            "provider VARCHAR",
            "position VARCHAR",
            "first_period_end DATE",
            "remaining_days INTEGER",
            "reporting_currency VARCHAR",
            "still_due_reporting " + decimal,
            "required_daily_reporting " + decimal,
            "run_rate_daily_reporting " + decimal,
            "gpu_run_rate_daily_reporting " + decimal,
            "move_in_needed_daily_reporting " + decimal,
            "move_out_possible_daily_reporting " + decimal,
            "move_in_daily_reporting " + decimal,
            "move_out_daily_reporting " + decimal,
            "every_minimum_reachable BOOLEAN"),
        columns(wh, "rpt_commitment_rebalancing"));
    assertEquals(
        List.of(
            "day DATE",
            "provider VARCHAR",
            "service_name VARCHAR",
            "actual_reporting " + decimal,
            "expected_reporting " + decimal,
            "deviation_reporting " + decimal,
            "deviation_score DOUBLE"),
        columns(wh, "rpt_spend_anomalies"));
    assertEquals(
        List.of(
            "kind VARCHAR",
            "provider VARCHAR",
            "billing_account_id VARCHAR",
            "billing_period VARCHAR",
            "source VARCHAR",
            "carried_in_billing_period VARCHAR",
            "commitment_id VARCHAR",
            "restated_at TIMESTAMP",
            "previous_cost_reporting " + decimal,
            "current_cost_reporting " + decimal,
            "delta_reporting " + decimal,
            "previous_rows BIGINT",
            "current_rows BIGINT",
            "services_changed VARCHAR"),
        columns(wh, "rpt_restatements"));
    assertEquals(
        List.of(
            "tag_key VARCHAR",
            "tag_value VARCHAR",
            "billed_cost_reporting " + decimal,
            "effective_cost_reporting " + decimal,
            "share_pct DOUBLE"),
        columns(wh, "rpt_showback"));
  }

  private static List<String> columns(TestWarehouse wh, String table) {
    return wh.query(
        "select column_name || ' ' || data_type from duckdb_columns() where table_name = '"
            + table
            + "' order by column_index");
  }
}
