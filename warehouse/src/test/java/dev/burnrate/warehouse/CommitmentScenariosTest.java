package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's scenarios, each with numbers computed by hand: ramped yearly minimums with a ramp
 * curve, a period starting mid-month, the last period of a contract, a month restated after its
 * period closed, credits excluded by the rules, ContractApplied present, a EUR contract with USD
 * reporting, the burn-down and the rebalancing view; issue 15's forecast: a one-time purchase in
 * the run-rate window, a monthly fee schedule and a provider two days late; and issue 15's burn
 * definition: refunds, a correction into a closed period, the marketplace cap, ContractApplied on
 * some rows only and a provider outside the built-in list. Ahead and behind pace are in {@link
 * MartModelsTest#commitmentStatusComputesPaceRunRateForecastAndShortfall}.
 */
class CommitmentScenariosTest {
  @TempDir Path tmp;

  private static LocalDate day(String iso) {
    return LocalDate.parse(iso);
  }

  /** Two yearly minimums of one contract; year 2 with the given further keys (its ramp). */
  private static String ramped(String... year2) {
    return new Contracts()
        .contract("aws-ramp", "AWS", "USD", "2025-01-01", "2027-01-01", "total: 10950")
        .spend("aws-ramp-y1", "2025-01-01", "2026-01-01", "3650")
        .spend("aws-ramp-y2", "2026-01-01", "2027-01-01", "7300", year2)
        .yaml();
  }

  /**
   * Yearly minimums that ramp (3,650 then 7,300) and a ramp curve inside year 2: 20 % due by Apr 11
   * (day 100), then straight to 100 % at year end. 20 a day from 2025-12-01, as of 2026-02-19 (day
   * 50 of year 2). Year 1 closed with 31 x 20 = 620 of 3,650: red, short 3,030, 3,030 x 365 / 3,650
   * = 303 days behind. Year 2: burned 1,000; due 7,300 x 0.2 x 50 / 100 = 730 (straight-line would
   * be 1,000); 270 ahead = 270 / (7,300 x 0.002 a day) = 18.5 -> 18 days; forecast 1,000 + 20 x 315
   * = 7,300: green, no band (20 every day).
   */
  @Test
  void rampedYearlyMinimumsFollowTheContractsRampCurve() {
    TestWarehouse wh =
        new TestWarehouse(tmp).contracts(ramped("ramp: [{date: 2026-04-11, share: 0.2}]"));
    wh.rows(CostRow.daily("AWS", "2025-12-01", "2026-02-19", "20.00"));

    wh.build(day("2026-02-19"));

    assertEquals(
        List.of(
            "aws-ramp-y1 | false | 620 | 3650 | -3030 | -303 | 620 | 620 | 620 | 3030 | red",
            "aws-ramp-y2 | true | 1000 | 730 | 270 | 18 | 7300 | 7300 | 7300 | 0 | green"),
        wh.query(
            "select commitment_id, is_current, burned::double, expected_to_date::double,"
                + " pace_delta::double, days_ahead_or_behind, forecast_at_period_end::double,"
                + " forecast_low::double, forecast_high::double, projected_shortfall::double,"
                + " status from fct_commitment_status order by commitment_id"));
    // the burn-down: the ramp point, the as-of day, the day after it, the period's last day
    assertEquals(
        List.of(
            "2026-02-19 | 1000 | 730 | 1000 | true",
            "2026-02-20 | NULL | 744.6 | 1020 | false",
            "2026-04-10 | NULL | 1460 | 2000 | false",
            "2026-12-31 | NULL | 7300 | 7300 | false"),
        wh.query(
            "select day, burned_cumulative::double, round(required_cumulative::double, 6),"
                + " forecast::double, is_as_of_day from fct_commitment_cumulative_daily"
                + " where commitment_id = 'aws-ramp-y2' and day in ('2026-02-19', '2026-02-20',"
                + " '2026-04-10', '2026-12-31') order by day"));
    assertEquals(
        List.of("aws-ramp-y2 | 365"),
        wh.query("select commitment_id, count(*) from rpt_commitment_burndown group by all"));
  }

  /**
   * A 90-day period from Jan 15, as of Feb 13 (day 30): 10 a day also before the period (from Jan
   * 1), which does not burn it. Burned 300 = due 900 x 30 / 90; the run rate averages the 30 days
   * since the contract began: 10; forecast 900: green, on pace.
   */
  @Test
  void periodStartingMidMonthBurnsFromItsFirstDay() {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .contracts(
                new Contracts()
                    .contract("gcp-mid", "Google Cloud", "USD", "2026-01-15", "2026-04-15")
                    .spend("gcp-mid-q1", "2026-01-15", "2026-04-15", "900")
                    .yaml());
    wh.rows(CostRow.daily("Google Cloud", "2026-01-01", "2026-02-13", "10.00"));

    wh.build(day("2026-02-13"));

    assertEquals(
        List.of("90 | 30 | 60 | 300 | 300 | 0 | 0 | 10 | 900 | 0 | green"),
        wh.query(
            "select period_days, elapsed_days, remaining_days, burned::double,"
                + " expected_to_date::double, pace_delta::double, days_ahead_or_behind,"
                + " run_rate_daily::double, forecast_at_period_end::double,"
                + " projected_shortfall::double, status from fct_commitment_status"));
    assertEquals(
        List.of("2026-01-15 | 2026-04-14 | 90 | 10"),
        wh.query(
            "select min(day), max(day), count(*), min(burned_cumulative)::double"
                + " from fct_commitment_cumulative_daily"));
  }

  /**
   * The last period of a contract (year 2, no ramp), on its last day (2026-12-31) and after the
   * contract ended: 20 a day all year meets 7,300 exactly; year 1 (2025) burned nothing and the
   * lake holds no AWS charge of it, so it has no data (not red with a 7,300 shortfall); nothing
   * remains, so the forecast (and its band) is the burn. A charge after the contract burns nothing.
   * The rebalancing view has nothing left to move.
   */
  @Test
  void lastPeriodOfAContractClosesOnItsBurn() {
    TestWarehouse wh = new TestWarehouse(tmp).contracts(ramped());
    wh.rows(CostRow.daily("AWS", "2026-01-01", "2027-01-05", "20.00"));

    wh.build(day("2026-12-31"));
    assertEquals(
        List.of("aws-ramp-y2 | true | 0 | 7300 | 7300 | 7300 | 7300 | 0 | 0 | green"),
        wh.query(
            "select commitment_id, is_current, remaining_days, burned::double,"
                + " forecast_at_period_end::double, forecast_low::double, forecast_high::double,"
                + " projected_shortfall::double, days_ahead_or_behind, status"
                + " from fct_commitment_status where commitment_id = 'aws-ramp-y2'"));
    assertEquals(List.of(), wh.query("select * from fct_commitment_rebalancing"));

    wh.build(day("2027-01-10"));
    assertEquals(
        List.of("aws-ramp-y1 | false | 0 | no_data", "aws-ramp-y2 | false | 7300 | green"),
        wh.query(
            "select commitment_id, is_current, burned::double, status from fct_commitment_status"
                + " order by all"));
  }

  static final String JANUARY =
      new Contracts()
          .contract("azure-jan", "Microsoft", "USD", "2026-01-01", "2026-02-01")
          .spend("azure-jan-m1", "2026-01-01", "2026-02-01", "1000")
          .yaml();

  /**
   * January closed 900 of 1,000 short (red, 100 short); in March the provider re-delivers January
   * with 1,100: the rebuilt warehouse shows the closed period met (green, no shortfall).
   */
  @Test
  void monthRestatedAfterThePeriodClosedChangesTheClosedPeriod() {
    TestWarehouse before = new TestWarehouse(tmp).contracts(JANUARY);
    before.rows(
        CostRow.charge("Microsoft", day("2026-01-10"), "400.00"),
        CostRow.charge("Microsoft", day("2026-01-20"), "500.00"));
    before.build(day("2026-03-15"));
    assertEquals(
        List.of("900 | 100 | red"),
        before.query(
            "select burned::double, projected_shortfall::double, status from fct_commitment_status"));

    TestWarehouse restated = new TestWarehouse(tmp).contracts(JANUARY);
    restated.rows(
        CostRow.charge("Microsoft", day("2026-01-10"), "400.00").set("x_RunId", "run-2"),
        CostRow.charge("Microsoft", day("2026-01-20"), "700.00").set("x_RunId", "run-2"));
    restated.build(day("2026-03-15"));

    assertEquals(
        List.of("1100 | 0 | green"),
        restated.query(
            "select burned::double, projected_shortfall::double, status from fct_commitment_status"));
  }

  /**
   * Two contracts of one provider on two billing accounts, each with 100 usage, a -30 credit and 10
   * tax: the default rules count neither credits nor tax (100); the other counts both (80).
   */
  @Test
  void creditsAndTaxBurnOnlyWhereTheRulesSaySo() {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .contracts(
                new Contracts()
                    .contract(
                        "oci-default",
                        "Oracle",
                        "USD",
                        "2026-01-01",
                        "2027-01-01",
                        "billing_accounts: [acct-1]")
                    .spend("oci-default-y1", "2026-01-01", "2027-01-01", "1000")
                    .contract(
                        "oci-net",
                        "Oracle",
                        "USD",
                        "2026-01-01",
                        "2027-01-01",
                        "billing_accounts: [acct-2]",
                        "eligibility: {credits_count: true, tax_counts: true}")
                    .spend("oci-net-y1", "2026-01-01", "2027-01-01", "1000")
                    .yaml());
    for (String account : List.of("acct-1", "acct-2")) {
      wh.rows(
          CostRow.charge("Oracle", day("2026-03-01"), "100.00").account(account),
          CostRow.charge("Oracle", day("2026-03-01"), "-30.00").account(account).category("Credit"),
          CostRow.charge("Oracle", day("2026-03-01"), "10.00").account(account).category("Tax"));
    }

    wh.build(day("2026-03-01"));

    assertEquals(
        List.of("oci-default-y1 | 100", "oci-net-y1 | 80"),
        wh.query("select commitment_id, burned::double from fct_commitment_status order by all"));
  }

  /**
   * The bill says what its row burned: 250 of a 300 charge applied to oci-y1 (not the 300); the 500
   * charge without ContractApplied burns by the eligibility rules, so oci-y1 burned 750.
   */
  @Test
  void contractAppliedOnTheBillIsTheBurnOfItsRow() {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .contracts(
                new Contracts()
                    .contract("oci-2026", "Oracle", "USD", "2026-01-01", "2027-01-01")
                    .spend("oci-y1", "2026-01-01", "2027-01-01", "5000")
                    .yaml());
    wh.rows(
        CostRow.charge("Oracle", day("2026-02-01"), "300.00")
            .set(
                "ContractApplied",
                "[{\"ContractCommitmentId\": \"oci-y1\", \"ContractCommitmentAppliedCost\": 250}]"),
        CostRow.charge("Oracle", day("2026-02-02"), "500.00"));

    wh.build(day("2026-02-19"));

    assertEquals(
        List.of(
            "oci-y1 | 2026-02-01 | ContractApplied | 250",
            "oci-y1 | 2026-02-02 | eligibility rules | 500"),
        wh.query(
            "select commitment_id, charge_date, burned_by, burned::double"
                + " from fct_commitment_burn_daily order by all"));
    assertEquals(
        List.of("oci-y1 | 750 | 750"),
        wh.query(
            "select s.commitment_id, s.burned::double, r.burned::double"
                + " from fct_commitment_status s join rpt_commitment_status r using (commitment_id)"));
  }

  /**
   * A EUR contract reported in USD (fx 1.10 until Feb 14, 1.20 from Feb 15): burned EUR 300 (EUR
   * 200 on Feb 1, EUR 100 on Feb 16) of 1,000 by Feb 19 (day 50 of 100). Microsoft's newest data is
   * Feb 16, so the run rate ends there: 300 / 30 = 10 a day over Jan 18 - Feb 16, forecast for the
   * 53 days Feb 17 - Apr 10: 300 + 530 = 830, short EUR 170. In USD at the as-of rate 1.20:
   * committed 1,200, burned 360, forecast 996, short 204.
   */
  @Test
  void euroContractReportsInUsdAtTheAsOfRate() {
    TestWarehouse wh =
        new TestWarehouse(tmp).fxRates(MartModelsTest.FX_RATES).contracts(MartModelsTest.AZURE_EUR);
    wh.rows(
        CostRow.charge("Microsoft", day("2026-02-01"), "200.00").currency("EUR"),
        CostRow.charge("Microsoft", day("2026-02-16"), "100.00").currency("EUR"));

    wh.build(day("2026-02-19"));

    assertEquals(
        List.of("EUR | 300 | 830 | 170 | USD | 1200 | 360 | 996 | 204 | red"),
        wh.query(
            "select unit, burned::double, forecast_at_period_end::double,"
                + " projected_shortfall::double, reporting_currency, committed_reporting::double,"
                + " burned_reporting::double, forecast_at_period_end_reporting::double,"
                + " projected_shortfall_reporting::double, status from fct_commitment_status"));
  }

  /**
   * A $20,000 one-time purchase (a Savings Plan's upfront fee, its ChargePeriodEnd the plan's end a
   * year later) on Mar 15, inside the run-rate window, on top of $500 a day of usage from Jan 1. As
   * of Mar 31: burned 90 x 500 + 20,000 = 65,000; the run rate is the usage alone, 500 (the fee
   * would have made it (15,000 + 20,000) / 30 = 1,166.67); the 275 days Apr 1 - Dec 31 add 500 x
   * 275 = 137,500: forecast 202,500 of 250,000, short 47,500, red (81 %). Extrapolating the fee
   * would have forecast 385,833: "on track". No band: usage is flat. The burn-down's forecast
   * starts at the burn on the as-of day and ends at the status's forecast.
   */
  @Test
  void oneTimePurchaseBurnsOnceAndIsNotARunRate() {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .contracts(
                new Contracts()
                    .contract("aws-sp", "AWS", "USD", "2026-01-01", "2027-01-01")
                    .spend("aws-sp-y1", "2026-01-01", "2027-01-01", "250000")
                    .yaml());
    wh.rows(CostRow.daily("AWS", "2026-01-01", "2026-03-31", "500.00"));
    wh.rows(
        CostRow.charge("AWS", day("2026-03-15"), "20000.00")
            .category("Purchase")
            .set("ChargeFrequency", "One-Time")
            .set("ChargePeriodEnd", "2027-03-15 00:00:00"));

    wh.build(day("2026-03-31"));

    assertEquals(
        List.of("65000 | 500 | 2026-03-31 | 275 | 202500 | 202500 | 202500 | 47500 | red"),
        wh.query(
            "select burned::double, run_rate_daily::double, run_rate_window_end, forecast_days,"
                + " forecast_at_period_end::double, forecast_low::double, forecast_high::double,"
                + " projected_shortfall::double, status from fct_commitment_status"));
    assertEquals(
        List.of("2026-03-31 | 65000 | 65000", "2026-12-31 | NULL | 202500"),
        wh.query(
            "select day, burned_cumulative::double, forecast::double"
                + " from fct_commitment_cumulative_daily where day in ('2026-03-31', '2026-12-31')"
                + " order by day"));
  }

  /**
   * A $3,000 monthly Savings Plan fee (ChargeFrequency Recurring) on the 1st of each month and $500
   * a day of usage from Jan 1, as of Mar 20. Burned: 79 days x 500 + 3 x 3,000 = 48,500. Run rate:
   * usage only, 500 (with the Mar 1 fee smeared over 30 days it would be 600). The Mar 1 fee, in
   * the month up to the window's end, recurs on Apr 1, May 1 and Jun 1 (Jul 1 is past the period):
   * 9,000. Forecast: 48,500 + 500 x 102 (Mar 21 - Jun 30) + 9,000 = 108,500 of 120,000: amber (90.4
   * %), short 11,500. The burn-down steps on the 1st: Mar 31 is 48,500 + 11 x 500 = 54,000, Apr 1
   * is 54,000 + 500 + 3,000 = 57,500.
   */
  @Test
  void monthlySavingsPlanFeeIsProjectedOnItsSchedule() {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .contracts(
                new Contracts()
                    .contract("aws-fee", "AWS", "USD", "2026-01-01", "2026-07-01")
                    .spend("aws-fee-h1", "2026-01-01", "2026-07-01", "120000")
                    .yaml());
    wh.rows(CostRow.daily("AWS", "2026-01-01", "2026-03-20", "500.00"));
    for (String first : List.of("2026-01-01", "2026-02-01", "2026-03-01")) {
      wh.rows(
          CostRow.charge("AWS", day(first), "3000.00")
              .category("Purchase")
              .set("ChargeFrequency", "Recurring"));
    }

    wh.build(day("2026-03-20"));

    assertEquals(
        List.of("48500 | 500 | 102 | 9000 | 108500 | 11500 | amber"),
        wh.query(
            "select burned::double, run_rate_daily::double, forecast_days, projected_fees::double,"
                + " forecast_at_period_end::double, projected_shortfall::double, status"
                + " from fct_commitment_status"));
    assertEquals(
        List.of(
            "2026-03-01 | 2026-04-01 | 3000",
            "2026-03-01 | 2026-05-01 | 3000",
            "2026-03-01 | 2026-06-01 | 3000"),
        wh.query(
            "select fee_date, projected_date, amount::double from fct_commitment_fee_schedule"
                + " order by projected_date"));
    assertEquals(
        List.of("2026-03-31 | 54000", "2026-04-01 | 57500", "2026-06-30 | 108500"),
        wh.query(
            "select day, forecast::double from fct_commitment_cumulative_daily"
                + " where day in ('2026-03-31', '2026-04-01', '2026-06-30') order by day"));
  }

  /**
   * Two providers, $500 a day each from Jan 1, as of Feb 19, a 100-day period (to Apr 11) of 50,000
   * each. AWS is complete through Feb 19: burned 50 x 500 = 25,000, forecast 25,000 + 500 x 50 =
   * 50,000. Google Cloud is two days late: complete through Feb 17 plus Feb 18 until 14:00 (200, a
   * partial day). Its run rate ends on Feb 17: 500 (ending on Feb 19 would have averaged 28 days
   * and the partial one over 30: 14,200 / 30 = 473.33); the partial day is replaced by a full
   * forecast day, so the 52 days Feb 18 - Apr 10 are forecast: 24,200 - 200 + 500 x 52 = 50,000,
   * green (ending on the as-of day would have forecast 24,200 + 473.33 x 50 = 47,867: amber).
   */
  @Test
  void lateProviderRunRateEndsAtItsLastCompleteDay() {
    Contracts contracts = new Contracts();
    for (String provider : List.of("AWS", "Google Cloud")) {
      String id = provider.toLowerCase().replace(' ', '-');
      contracts
          .contract(id, provider, "USD", "2026-01-01", "2026-04-11")
          .spend(id + "-p1", "2026-01-01", "2026-04-11", "50000");
    }
    TestWarehouse wh = new TestWarehouse(tmp).contracts(contracts.yaml());
    wh.rows(CostRow.daily("AWS", "2026-01-01", "2026-02-19", "500.00"));
    wh.rows(CostRow.daily("Google Cloud", "2026-01-01", "2026-02-17", "500.00"));
    wh.rows(
        CostRow.charge("Google Cloud", day("2026-02-18"), "200.00")
            .set("ChargePeriodEnd", "2026-02-18 14:00:00"));

    wh.build(day("2026-02-19"));

    assertEquals(
        List.of(
            "AWS | 25000 | 2026-02-19 | 500 | 50 | 50000 | 0 | green",
            "Google Cloud | 24200 | 2026-02-17 | 500 | 52 | 50000 | 0 | green"),
        wh.query(
            "select provider, burned::double, run_rate_window_end, run_rate_daily::double,"
                + " forecast_days, forecast_at_period_end::double, projected_shortfall::double,"
                + " status from fct_commitment_status order by provider"));
  }

  /**
   * As of Feb 19, day 50 of 100, 50 days left. GPU compute is the GPU cost of the instances
   * (fct_gpu_instance_daily), over the 30 days to Feb 19. AWS: 150 a day on a GPU instance + 50
   * storage, burned 10,000 of 15,000: needs 100 a day, runs 200, could give 100 (GPU compute is
   * 150). Microsoft: 60 GPU + 20 other, burned 4,000 of 10,000: needs 120, runs 80, 40 a day must
   * move in (2,000 to period end). Google Cloud: 50 a day, burned 2,500 of 5,000: on pace. AWS can
   * give 100, Microsoft needs 40: move 40 a day from AWS to Microsoft; every minimum reachable.
   */
  @Test
  void rebalancingMovesGpuComputeFromAheadToBehind() {
    Contracts contracts = new Contracts();
    String[][] minimums = {{"AWS", "15000"}, {"Microsoft", "10000"}, {"Google Cloud", "5000"}};
    for (String[] c : minimums) {
      String id = c[0].toLowerCase().replace(' ', '-');
      contracts
          .contract(id, c[0], "USD", "2026-01-01", "2026-04-11")
          .spend(id + "-p1", "2026-01-01", "2026-04-11", c[1]);
    }
    TestWarehouse wh = new TestWarehouse(tmp).contracts(contracts.yaml());
    for (LocalDate d = day("2026-01-01"); !d.isAfter(day("2026-02-19")); d = d.plusDays(1)) {
      wh.rows(
          CostRow.charge("AWS", d, "150.00")
              .gpuInstance("p5.48xlarge", "1")
              .set("ResourceId", "i-0p5"),
          CostRow.charge("AWS", d, "50.00").service("S3"),
          CostRow.charge("Microsoft", d, "60.00")
              .gpuInstance("Standard_ND96isr_H100_v5", "1")
              .set("ResourceId", "vm-nd96"),
          CostRow.charge("Microsoft", d, "20.00").service("Storage"),
          CostRow.charge("Google Cloud", d, "50.00"));
    }

    wh.build(day("2026-02-19"));

    assertEquals(
        List.of(
            "AWS | ahead | 50 | 5000 | 100 | 200 | 150 | 0 | 100 | 0 | 40 | true",
            "Google Cloud | on pace | 50 | 2500 | 50 | 50 | 0 | 0 | 0 | 0 | 0 | true",
            "Microsoft | behind | 50 | 6000 | 120 | 80 | 60 | 40 | 0 | 40 | 0 | true"),
        wh.query(
            "select provider, position, remaining_days, still_due_reporting::double,"
                + " required_daily_reporting::double, run_rate_daily_reporting::double,"
                + " gpu_run_rate_daily_reporting::double, move_in_needed_daily_reporting::double,"
                + " move_out_possible_daily_reporting::double, move_in_daily_reporting::double,"
                + " move_out_daily_reporting::double, every_minimum_reachable"
                + " from rpt_commitment_rebalancing order by provider"));
    assertEquals(
        List.of("2000"),
        wh.query(
            "select move_in_needed_to_period_end_reporting::double from fct_commitment_rebalancing"
                + " where provider = 'Microsoft'"));
  }

  /**
   * Issue 15: commitments from the provider's FOCUS 1.3 Contract Commitment file
   * (focus-contract-commitments/spend-yearly-and-gpu-hours.csv, source provider Acme Co): acme-2026
   * with yearly Spend minimums 36,500 and 73,000, only in the file, so default terms; acme-gpu-2026
   * with 8,760 GPU-hours in 2026, whose terms (an alias, one billing account) contracts.yaml gives
   * without commitments. Each day Jan 1 - Feb 19 (50 days) a 100.00 charge applies 100 to
   * acme-2026-y1 and a 240.00 charge applies 24 GPU-hours to acme-gpu-2026-h100 (ContractApplied).
   * As of Feb 19 (day 50 of 365): y1 burned 50 x 100 = 5,000, due 36,500 x 50 / 365 = 5,000; the
   * GPU-hours burned 50 x 24 = 1,200, due 8,760 x 50 / 365 = 1,200; y2 has not started: 0 and 0.
   */
  @Test
  void commitmentsFromAContractCommitmentFileBurnByTheirIds() throws Exception {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .sources(
                new dev.burnrate.core.config.SourceConfig(
                    "acme-commitments",
                    "focus-contract-commitments",
                    "landing/acme/*.csv",
                    java.util.Map.of("provider", "Acme Co"),
                    null))
            .contracts(
                "contracts:\n"
                    + "  - contract_id: acme-gpu-2026\n"
                    + "    provider: Acme Co\n"
                    + "    provider_aliases: [Acme Cloud]\n"
                    + "    billing_accounts: [acct-1]\n"
                    + "    currency: USD\n"
                    + "    period: {start: 2026-01-01, end: 2027-01-01}\n");
    Path file = wh.data.resolve("landing/acme/contract-commitments.csv");
    java.nio.file.Files.createDirectories(file.getParent());
    try (java.io.InputStream in =
        getClass()
            .getResourceAsStream("/focus-contract-commitments/spend-yearly-and-gpu-hours.csv")) {
      java.nio.file.Files.copy(in, file);
    }
    for (LocalDate d = day("2026-01-01"); !d.isAfter(day("2026-02-19")); d = d.plusDays(1)) {
      wh.rows(
          CostRow.charge("Acme Co", d, "100.00")
              .set(
                  "ContractApplied",
                  "[{\"ContractCommitmentId\": \"acme-2026-y1\","
                      + " \"ContractCommitmentAppliedCost\": 100}]"),
          CostRow.charge("Acme Co", d, "240.00")
              .set(
                  "ContractApplied",
                  "[{\"ContractCommitmentId\": \"acme-gpu-2026-h100\","
                      + " \"ContractCommitmentAppliedQuantity\": 24,"
                      + " \"ContractCommitmentAppliedUnit\": \"GPU-hours\"}]"));
    }

    wh.build(day("2026-02-19"));

    assertEquals(
        List.of(
            "acme-2026 | acme-2026-y1 | Acme Co | Spend | USD | 2026-01-01 | 2027-01-01 | 36500"
                + " | 5000 | 5000",
            "acme-2026 | acme-2026-y2 | Acme Co | Spend | USD | 2027-01-01 | 2028-01-01 | 73000"
                + " | 0 | 0",
            "acme-gpu-2026 | acme-gpu-2026-h100 | Acme Co | Usage | GPU-hours | 2026-01-01"
                + " | 2027-01-01 | 8760 | 1200 | 1200"),
        wh.query(
            "select contract_id, commitment_id, provider, category, unit, period_start,"
                + " period_end, committed::double, burned::double, expected_to_date::double"
                + " from fct_commitment_status order by commitment_id"));
    assertEquals(
        List.of(
            "acme-2026-y1 | [Acme Co] | [] | [Usage, Purchase]",
            "acme-gpu-2026-h100 | [Acme Co, Acme Cloud] | [acct-1] | [Usage, Purchase]"),
        wh.query(
            "select commitment_id, provider_names, billing_accounts, charge_categories"
                + " from dim_contract_commitments where commitment_id <> 'acme-2026-y2'"
                + " order by commitment_id"));
  }

  // Issue 15's burn definition (docs/commitments.md "Burn"). A provider two days late is
  // lateProviderRunRateEndsAtItsLastCompleteDay above: Google Cloud's last complete day is Feb 17,
  // two days before the as-of day Feb 19, and its run-rate window ends there.

  /** One ContractApplied entry: {@code cost} of the row applied to {@code commitmentId}. */
  private static String applied(String commitmentId, String cost) {
    return "[{\"ContractCommitmentId\": \""
        + commitmentId
        + "\", \"ContractCommitmentAppliedCost\": "
        + cost
        + "}]";
  }

  /**
   * Refunds are booked as negative ChargeClass 'Correction' rows of the category they refund, so
   * with the default categories [Usage, Purchase] they reduce the burn, on their charge day and as
   * One-Time (never a run rate). AWS: 500 of usage on Mar 1, an AWS Refund line of -50 (Usage) on
   * Mar 5: 450. Microsoft: a 1,200 reservation purchase on Mar 2, refunded -300 (Purchase) on Mar
   * 6: 900. Both in the March billing period, so no closed period changes: no correction in
   * fct_commitment_corrections.
   */
  @Test
  void refundsReduceTheBurn() {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .contracts(
                new Contracts()
                    .contract("aws-2026", "AWS", "USD", "2026-01-01", "2027-01-01")
                    .spend("aws-y1", "2026-01-01", "2027-01-01", "10000")
                    .contract("azure-2026", "Microsoft", "USD", "2026-01-01", "2027-01-01")
                    .spend("azure-y1", "2026-01-01", "2027-01-01", "10000")
                    .yaml());
    wh.rows(
        CostRow.charge("AWS", day("2026-03-01"), "500.00"),
        CostRow.charge("AWS", day("2026-03-05"), "-50.00")
            .frequency("One-Time")
            .correctionCarriedIn("2026-03-01"),
        CostRow.charge("Microsoft", day("2026-03-02"), "1200.00")
            .category("Purchase")
            .frequency("One-Time"),
        CostRow.charge("Microsoft", day("2026-03-06"), "-300.00")
            .category("Purchase")
            .frequency("One-Time")
            .correctionCarriedIn("2026-03-01"));

    wh.build(day("2026-03-10"));

    assertEquals(
        List.of("aws-y1 | 450", "azure-y1 | 900"),
        wh.query("select commitment_id, burned::double from fct_commitment_status order by all"));
    assertEquals(
        List.of(
            "aws-y1 | 2026-03-01 | Usage-Based | 500",
            "aws-y1 | 2026-03-05 | One-Time | -50",
            "azure-y1 | 2026-03-02 | One-Time | 1200",
            "azure-y1 | 2026-03-06 | One-Time | -300"),
        wh.query(
            "select commitment_id, charge_date, charge_frequency, burned::double"
                + " from fct_commitment_burn_daily order by all"));
    assertEquals(List.of("0"), wh.query("select count(*) from fct_commitment_corrections"));
  }

  /**
   * A correction burns on the day it corrects. As of Mar 10: 100 of usage on Feb 10 (February
   * billing period) and 100 on Mar 3; the March billing period carries a +25 correction of Feb 10
   * (February has closed: it changes February's burn) and a -5 correction of Mar 3 (its own, open
   * period: no restatement). Burned 100 + 25 + 100 - 5 = 220; February's burn went from 100 to 125,
   * which fct_commitment_corrections and rpt_restatements show as a correction of 2026-02 carried
   * in 2026-03: +25 on aws-y1, 1 row.
   */
  @Test
  void correctionIntoAClosedPeriodBurnsOnItsDayAndIsARestatement() {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .contracts(
                new Contracts()
                    .contract("aws-2026", "AWS", "USD", "2026-01-01", "2027-01-01")
                    .spend("aws-y1", "2026-01-01", "2027-01-01", "36500")
                    .yaml());
    wh.rows(
        CostRow.charge("AWS", day("2026-02-10"), "100.00"),
        CostRow.charge("AWS", day("2026-02-10"), "25.00").correctionCarriedIn("2026-03-01"),
        CostRow.charge("AWS", day("2026-03-03"), "100.00"),
        CostRow.charge("AWS", day("2026-03-03"), "-5.00").correctionCarriedIn("2026-03-01"));

    wh.build(day("2026-03-10"));

    assertEquals(
        List.of("aws-y1 | 220"),
        wh.query("select commitment_id, burned::double from fct_commitment_status"));
    assertEquals(
        List.of("2026-02-10 | 25 | 2026-03", "2026-02-10 | 100 | NULL", "2026-03-03 | 95 | NULL"),
        wh.query(
            "select charge_date, burned::double, carried_in_billing_period"
                + " from fct_commitment_burn_daily order by all"));
    assertEquals(
        List.of("aws-y1 | AWS | 2026-02 | 2026-03 | 2026-02-10 | 25 | 25 | 1"),
        wh.query(
            "select commitment_id, provider, billing_period, carried_in_billing_period,"
                + " first_charge_date, burned::double, burned_reporting::double, row_count"
                + " from fct_commitment_corrections"));
    assertEquals(
        List.of("correction | AWS | NULL | 2026-02 | 2026-03 | aws-y1 | 25.00 | 1"),
        wh.query(
            "select kind, provider, billing_account_id, billing_period, carried_in_billing_period,"
                + " commitment_id, delta_reporting, current_rows from rpt_restatements"));
  }

  /**
   * Marketplace spend counts in full up to 10 % of the commitment: 1,000 -> a cap of 100. AWS usage
   * 10 a day and Databricks (a third-party publisher) 40 a day, Mar 1-5. The cumulative marketplace
   * burn is 40, 80, then 120 on Mar 3: the cap is reached that day, which counts 20; Mar 4-5 count
   * none. Burned 5 x 10 + 100 = 150.
   */
  @Test
  void marketplaceBurnStopsAtItsCap() {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .contracts(
                new Contracts()
                    .contract(
                        "aws-2026",
                        "AWS",
                        "USD",
                        "2026-03-01",
                        "2026-04-01",
                        "eligibility: {marketplace: {counts: full, cap_share_of_commitment: 0.1}}")
                    .spend("aws-mar", "2026-03-01", "2026-04-01", "1000")
                    .yaml());
    wh.rows(CostRow.daily("AWS", "2026-03-01", "2026-03-05", "10.00"));
    for (CostRow row : CostRow.daily("AWS", "2026-03-01", "2026-03-05", "40.00")) {
      wh.rows(row.publisher("Databricks"));
    }

    wh.build(day("2026-03-05"));

    assertEquals(
        List.of(
            "2026-03-01 | 50 | 40",
            "2026-03-02 | 50 | 40",
            "2026-03-03 | 30 | 20",
            "2026-03-04 | 10 | 0",
            "2026-03-05 | 10 | 0"),
        wh.query(
            "select charge_date, burned::double, burned_marketplace::double"
                + " from fct_commitment_burn_daily order by charge_date"));
    assertEquals(List.of("150"), wh.query("select burned::double from fct_commitment_status"));
  }

  /**
   * ContractApplied decides per row. As of Feb 19, Oracle rows of account acct-1: Feb 1, 300 of
   * which the bill applies 250 to oci-y1; Feb 2, 500 without ContractApplied, which oci-y1's rules
   * count; Feb 3, 400 applied to oci-gpu-y1 (another contract, whose rules cover only acct-9): it
   * burns oci-gpu-y1 and not oci-y1, though oci-y1's rules would count it; Feb 4, 60 applied to a
   * commitment no contract has: it burns nothing. oci-y1 250 + 500 = 750, oci-gpu-y1 400.
   */
  @Test
  void contractAppliedOnSomeRowsOnlyBurnsPerRow() {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .contracts(
                new Contracts()
                    .contract("oci-2026", "Oracle", "USD", "2026-01-01", "2027-01-01")
                    .spend("oci-y1", "2026-01-01", "2027-01-01", "5000")
                    .contract(
                        "oci-gpu-2026",
                        "Oracle",
                        "USD",
                        "2026-01-01",
                        "2027-01-01",
                        "billing_accounts: [acct-9]")
                    .spend("oci-gpu-y1", "2026-01-01", "2027-01-01", "5000")
                    .yaml());
    wh.rows(
        CostRow.charge("Oracle", day("2026-02-01"), "300.00")
            .contractApplied(applied("oci-y1", "250")),
        CostRow.charge("Oracle", day("2026-02-02"), "500.00"),
        CostRow.charge("Oracle", day("2026-02-03"), "400.00")
            .contractApplied(applied("oci-gpu-y1", "400")),
        CostRow.charge("Oracle", day("2026-02-04"), "60.00")
            .contractApplied(applied("someone-elses-y1", "60")));

    wh.build(day("2026-02-19"));

    assertEquals(
        List.of(
            "oci-gpu-y1 | 2026-02-03 | ContractApplied | 400",
            "oci-y1 | 2026-02-01 | ContractApplied | 250",
            "oci-y1 | 2026-02-02 | eligibility rules | 500"),
        wh.query(
            "select commitment_id, charge_date, burned_by, burned::double"
                + " from fct_commitment_burn_daily order by all"));
    assertEquals(
        List.of("oci-gpu-y1 | 400", "oci-y1 | 750"),
        wh.query("select commitment_id, burned::double from fct_commitment_status order by all"));
  }

  /**
   * A provider outside the built-in list (more in AnyProviderContractsTest): Acme GPU Cloud, resold
   * by Acme Resale Partners (ProviderName) with ServiceProviderName Acme GPU Cloud, 30 a day Jan
   * 1-10 (300), and 5 on Jan 5 under its alias Acme GPU: burned 305. A contract for Nimbus Cloud,
   * which no row names, burns nothing and the build warns with the names seen.
   */
  @Test
  void providerOutsideTheBuiltInListBurnsAndAnUnseenOneIsAWarning() {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .contracts(
                new Contracts()
                    .contract(
                        "acme-2026",
                        "Acme GPU Cloud",
                        "USD",
                        "2026-01-01",
                        "2027-01-01",
                        "provider_aliases: [Acme GPU]")
                    .spend("acme-y1", "2026-01-01", "2027-01-01", "3650")
                    .contract("nimbus-2026", "Nimbus Cloud", "USD", "2026-01-01", "2027-01-01")
                    .spend("nimbus-y1", "2026-01-01", "2027-01-01", "3650")
                    .yaml());
    for (CostRow row : CostRow.daily("Acme Resale Partners", "2026-01-01", "2026-01-10", "30.00")) {
      wh.rows(row.set("ServiceProviderName", "Acme GPU Cloud").publisher("Acme GPU Cloud"));
    }
    wh.rows(CostRow.charge("Acme GPU", day("2026-01-05"), "5.00"));

    BuildResult result = wh.build(day("2026-01-10"));

    assertEquals(
        List.of("acme-y1 | Acme GPU Cloud | 305", "nimbus-y1 | Nimbus Cloud | 0"),
        wh.query(
            "select commitment_id, provider, burned::double from fct_commitment_status order by all"));
    assertEquals(1, result.warnings().size(), result.warnings().toString());
    String warning = result.warnings().get(0);
    assertTrue(
        warning.startsWith("contract nimbus-2026: provider 'Nimbus Cloud' matches no ingested")
            && warning.contains("'Acme GPU', 'Acme GPU Cloud', 'Acme Resale Partners'"),
        warning);
  }

  /**
   * An Azure actual + amortized pair burns what the same charges delivered as Microsoft's FOCUS
   * export burn. The pair (FeedPairingTest#azurePair): on-demand VM 10 in both exports, the
   * reservation purchase 720 (actual only), the reserved GPU VM 0 actual / 20 amortized, 4 unused
   * hours (amortized only). As FOCUS: the same four charges with BilledCost 10, 720, 0, 0 and
   * EffectiveCost 10, 0, 20, 4. The contract burns BilledCost: 10 + 720 = 730 either way, of
   * 100,000; EffectiveCost 34 either way.
   */
  @Test
  void azureActualPlusAmortizedPairBurnsAsFocus() {
    String contract =
        new Contracts()
            .contract("macc", "Microsoft", "USD", "2026-03-01", "2027-03-01")
            .spend("macc-y1", "2026-03-01", "2027-03-01", "100000")
            .yaml();
    TestWarehouse pair =
        new TestWarehouse(tmp.resolve("pair"))
            .sources(
                FeedPairingTest.azure("azure-actual", "actual"),
                FeedPairingTest.azure("azure-amortized", "amortized"))
            .contracts(contract)
            .rows(FeedPairingTest.azurePair());
    TestWarehouse focus =
        new TestWarehouse(tmp.resolve("focus"))
            .contracts(contract)
            .rows(
                FeedPairingTest.onDemand("azure-focus"),
                FeedPairingTest.purchase("azure-focus").effective("0"),
                FeedPairingTest.reservedGpuVm("azure-focus", "20"),
                FeedPairingTest.unused("azure-focus"));

    pair.build(day("2026-03-31"));
    focus.build(day("2026-03-31"));

    String burn = "select commitment_id, burned::double from fct_commitment_status";
    String totals = "select sum(BilledCost)::double, sum(EffectiveCost)::double from focus_cost";
    assertEquals(List.of("macc-y1 | 730"), pair.query(burn));
    assertEquals(pair.query(burn), focus.query(burn));
    assertEquals(List.of("730 | 34"), pair.query(totals));
    assertEquals(pair.query(totals), focus.query(totals));
  }

  /**
   * An EDP discount through legacy CUR versus FOCUS, as ingest books each (mappings aws-cur.yaml
   * and focus.yaml; the mapping itself is tested in etl's NegotiatedDiscountTest): a p5.48xlarge
   * runs 24 h on Mar 2 at 1,000 on demand with a 6 % EDP. Legacy CUR: the Usage line 1,000 and an
   * EdpDiscount line -60 that ingest books as Usage on the same SKU and resource, without hours.
   * FOCUS: one Usage row of 940 (BilledCost is net of discounts). Both burn 940 of the commitment
   * and price the instance at 940 for 192 GPU-hours (8 GPUs x 24 h): 4.8958 per GPU-hour, not
   * 5.2083.
   */
  @Test
  void edpDiscountThroughCurBurnsAsFocus() {
    String contract =
        new Contracts()
            .contract("aws-edp", "AWS", "USD", "2026-01-01", "2027-01-01")
            .spend("aws-edp-y1", "2026-01-01", "2027-01-01", "100000")
            .yaml();
    TestWarehouse cur =
        new TestWarehouse(tmp.resolve("cur"))
            .contracts(contract)
            .rows(
                CostRow.charge("AWS", day("2026-03-02"), "1000.00")
                    .gpuInstance("p5.48xlarge", "24")
                    .set("ResourceId", "i-0p5"),
                CostRow.charge("AWS", day("2026-03-02"), "-60.00")
                    .set("SkuId", "p5.48xlarge")
                    .set("ResourceId", "i-0p5")
                    .set("ChargeDescription", "EdpDiscount"));
    TestWarehouse focus =
        new TestWarehouse(tmp.resolve("focus"))
            .contracts(contract)
            .rows(
                CostRow.charge("AWS", day("2026-03-02"), "940.00")
                    .gpuInstance("p5.48xlarge", "24")
                    .set("ResourceId", "i-0p5"));

    cur.build(day("2026-03-10"));
    focus.build(day("2026-03-10"));

    String burn = "select commitment_id, burned::double from fct_commitment_status";
    String gpu =
        "select gpu_model, billed_gpu_hours, round(gpu_cost::double, 2),"
            + " round(gpu_cost::double / billed_gpu_hours, 4) from fct_gpu_instance_daily";
    assertEquals(List.of("aws-edp-y1 | 940"), cur.query(burn));
    assertEquals(cur.query(burn), focus.query(burn));
    assertEquals(List.of("H100 | 192 | 940 | 4.8958"), cur.query(gpu));
    assertEquals(cur.query(gpu), focus.query(gpu));
  }

  /**
   * A Google Cloud resource-based CUD, as ingest books it (gcp-billing.yaml): on Mar 2 the
   * commitment fee 700 (Usage, the CUD's SKU), the covered A3 VM's usage 1,000, and its
   * COMMITTED_USAGE_DISCOUNT credit -1,000, booked as Usage on the VM's SKU (a negotiated discount,
   * not a Credit); a PROMOTION credit -50 stays Credit. The commitment burns 700 + 1,000 - 1,000 =
   * 700: the fee, not the fee and the covered usage. With credits_count it would burn 650.
   */
  @Test
  void gcpCudFeeWithItsCreditBurnsTheFeeOnce() {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .contracts(
                new Contracts()
                    .contract("gcp-2026", "Google Cloud", "USD", "2026-01-01", "2027-01-01")
                    .spend("gcp-y1", "2026-01-01", "2027-01-01", "100000")
                    .yaml());
    wh.rows(
        CostRow.charge("Google Cloud", day("2026-03-02"), "700.00")
            .set("SkuId", "cud-a3-commitment")
            .set("ChargeDescription", "Commitment v1: A3 GPU in Americas for 1 year"),
        CostRow.charge("Google Cloud", day("2026-03-02"), "1000.00")
            .set("SkuId", "a3-highgpu-8g")
            .set("ResourceId", "vm-a3"),
        CostRow.charge("Google Cloud", day("2026-03-02"), "-1000.00")
            .set("SkuId", "a3-highgpu-8g")
            .set("ResourceId", "vm-a3")
            .set("ChargeDescription", "COMMITTED_USAGE_DISCOUNT"),
        CostRow.charge("Google Cloud", day("2026-03-02"), "-50.00")
            .category("Credit")
            .frequency("One-Time")
            .set("ChargeDescription", "PROMOTION"));

    wh.build(day("2026-03-10"));

    assertEquals(
        List.of("gcp-y1 | 700"),
        wh.query("select commitment_id, burned::double from fct_commitment_status"));
  }

  /**
   * A GPU-hour commitment valued in money: CoreWeave, a EUR contract whose rate card prices a
   * GPU-hour at 2.50 (contracts.yaml rates), commits 1,000 GPU-hours over Oct 1 - Oct 10. A
   * gd-8xh100ib-i128 (8 GPUs) runs 6 h a day, 48 GPU-hours, Oct 1 - Oct 5. As of Oct 5: burned 240,
   * run rate 48 a day, forecast 240 + 48 x 5 = 480, short 520 GPU-hours = 520 x 2.50 = EUR 1,300,
   * in USD at the as-of rate 1.20: 1,560. A second contract (another billing account, so nothing
   * burns it) commits 100 GPU-hours at its own rate 3.00: its run rate over the same 5 days is 0,
   * so it is short all 100 GPU-hours = EUR 300 = USD 360.
   */
  @Test
  void gpuHourShortfallIsValuedAtTheContractRate() {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .fxRates(MartModelsTest.FX_RATES)
            .contracts(
                new Contracts()
                    .contract(
                        "cw-2026",
                        "CoreWeave",
                        "EUR",
                        "2026-10-01",
                        "2027-01-01",
                        "rates: {GPU-hours: 2.50}")
                    .usage("cw-oct", "2026-10-01", "2026-10-11", "1000", "GPU-hours")
                    .contract(
                        "cw-other",
                        "CoreWeave",
                        "EUR",
                        "2026-10-01",
                        "2027-01-01",
                        "billing_accounts: [acct-none]")
                    .usage(
                        "cw-other-oct",
                        "2026-10-01",
                        "2026-10-11",
                        "100",
                        "GPU-hours",
                        "rate: 3.00")
                    .yaml());
    for (int d = 1; d <= 5; d++) {
      wh.rows(
          CostRow.charge("CoreWeave", day("2026-10-0" + d), "300.00")
              .gpuInstance("gd-8xh100ib-i128", "6")
              .set("ResourceId", "node-1"));
    }

    wh.build(day("2026-10-05"));

    assertEquals(
        List.of(
            "cw-oct | 240 | 480 | 520 | 2.5 | 1300 | 1560 | red",
            "cw-other-oct | 0 | 0 | 100 | 3 | 300 | 360 | red"),
        wh.query(
            "select commitment_id, burned::double, forecast_at_period_end::double,"
                + " projected_shortfall::double, usage_rate::double,"
                + " projected_shortfall_cost::double, projected_shortfall_reporting::double,"
                + " status from fct_commitment_status order by commitment_id"));
    assertEquals(
        List.of(
            "cw-oct | EUR | USD | 520.00 | 1300.00 | 1560.00",
            "cw-other-oct | EUR | USD | 100.00 | 300.00 | 360.00"),
        wh.query(
            "select commitment_id, currency, reporting_currency, projected_shortfall,"
                + " projected_shortfall_cost, projected_shortfall_reporting"
                + " from rpt_commitment_status order by commitment_id"));
  }
}
