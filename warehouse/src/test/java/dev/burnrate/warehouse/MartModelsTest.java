package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-style model tests: given a few lake rows and conf files, one mart's rows equal rows computed
 * by hand. Each test builds its own tiny warehouse.
 */
class MartModelsTest {
  static final String FX_RATES =
      "currency,valid_from,rate_to_reporting\n"
          + "EUR,2026-01-01,1.10\n"
          + "EUR,2026-02-15,1.20\n"
          + "GBP,2026-01-01,1.25\n";

  @TempDir Path tmp;

  private static LocalDate day(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void focusCostConvertsEachRowAtTheLatestRateOnOrBeforeItsChargeDate() {
    TestWarehouse wh = new TestWarehouse(tmp).fxRates(FX_RATES);
    wh.rows(
        CostRow.charge("AWS", day("2026-02-14"), "100.00").gpuInstance("p5.48xlarge", "10"),
        CostRow.charge("Microsoft", day("2026-02-14"), "100.00")
            .currency("EUR")
            .set("ChargePeriodStart", "2026-02-14 23:00:00"),
        CostRow.charge("Microsoft", day("2026-02-15"), "100.00").currency("EUR").effective("90.00"),
        CostRow.charge("Microsoft", day("2026-03-01"), "33.33").currency("EUR"));

    wh.build(day("2026-03-01"));

    assertEquals(
        List.of(
            "1 | AWS | USD | 2026-02-14 | 1.0000000000 | 100.0000000000 | 100.0000000000 | H100 | 8"
                + " | 80.0000000000",
            "2 | Microsoft | EUR | 2026-02-14 | 1.1000000000 | 110.0000000000 | 110.0000000000"
                + " | NULL | NULL | NULL",
            "3 | Microsoft | EUR | 2026-02-15 | 1.2000000000 | 120.0000000000 | 108.0000000000"
                + " | NULL | NULL | NULL",
            "4 | Microsoft | EUR | 2026-03-01 | 1.2000000000 | 39.9960000000 | 39.9960000000"
                + " | NULL | NULL | NULL"),
        wh.query(
            "select x_SourceLine, ProviderName, BillingCurrency, x_ChargeDate, x_FxRate,"
                + " x_BilledCostReporting, x_EffectiveCostReporting, x_GpuModel, x_GpuCount,"
                + " x_GpuHours from focus_cost order by x_SourceLine"));
  }

  @Test
  void spendDailySumsPerDayProviderAccountServiceCategoryAndCurrency() {
    TestWarehouse wh = new TestWarehouse(tmp).fxRates(FX_RATES);
    wh.rows(
        CostRow.charge("AWS", day("2026-10-01"), "10.00").effective("8.00"),
        CostRow.charge("AWS", day("2026-10-01"), "5.00"),
        CostRow.charge("AWS", day("2026-10-01"), "1.50").category("Tax"),
        CostRow.charge("AWS", day("2026-10-01"), "7.00").account("acct-2"),
        CostRow.charge("AWS", day("2026-10-02"), "3.00"),
        CostRow.charge("Microsoft", day("2026-10-01"), "100.00")
            .account("acct-9")
            .service("Virtual Machines")
            .currency("EUR")
            .effective("80.00"));

    wh.build(day("2026-10-02"));

    assertEquals(
        List.of(
            "2026-10-01 | AWS | acct-1 | Compute | Tax | USD | 1.5000000000 | 1.5000000000"
                + " | 1.5000000000 | 1.5000000000 | 1",
            "2026-10-01 | AWS | acct-1 | Compute | Usage | USD | 15.0000000000 | 13.0000000000"
                + " | 15.0000000000 | 13.0000000000 | 2",
            "2026-10-01 | AWS | acct-2 | Compute | Usage | USD | 7.0000000000 | 7.0000000000"
                + " | 7.0000000000 | 7.0000000000 | 1",
            "2026-10-01 | Microsoft | acct-9 | Virtual Machines | Usage | EUR | 100.0000000000"
                + " | 80.0000000000 | 120.0000000000 | 96.0000000000 | 1",
            "2026-10-02 | AWS | acct-1 | Compute | Usage | USD | 3.0000000000 | 3.0000000000"
                + " | 3.0000000000 | 3.0000000000 | 1"),
        wh.query("select * from fct_spend_daily order by all"));
  }

  static final String CONTRACT_APPLIED_TWO_ENTRIES =
      "[{\"ContractCommitmentId\": \"oci-y1\", \"ContractCommitmentAppliedCost\": 250,"
          + " \"ContractCommitmentAppliedQuantity\": null, \"ContractCommitmentAppliedUnit\": null},"
          + " {\"ContractCommitmentId\": \"oci-gpuh-y1\", \"ContractCommitmentAppliedCost\": null,"
          + " \"ContractCommitmentAppliedQuantity\": 16,"
          + " \"ContractCommitmentAppliedUnit\": \"GPU-hours\"}]";

  @Test
  void fctContractAppliedTakesApartTheArrayAndTheWrappedForm() {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.rows(
        CostRow.charge("Oracle", day("2026-02-01"), "300.00")
            .set("ContractApplied", CONTRACT_APPLIED_TWO_ENTRIES),
        CostRow.charge("Oracle", day("2026-02-02"), "20.25")
            .set(
                "ContractApplied",
                "{\"ContractApplied\": [{\"ContractCommitmentID\": \"oci-y1\","
                    + " \"ContractCommitmentAppliedCost\": \"20.25\"}]}"),
        CostRow.charge("Oracle", day("2026-02-03"), "5.00"));

    wh.build(day("2026-02-19"));

    assertEquals(
        List.of(
            "1 | 1 | 2026-02-01 | oci-y1 | 250.0000000000 | NULL | NULL",
            "1 | 2 | 2026-02-01 | oci-gpuh-y1 | NULL | 16.0000000000 | GPU-hours",
            "2 | 1 | 2026-02-02 | oci-y1 | 20.2500000000 | NULL | NULL"),
        wh.query(
            "select x_SourceLine, entry_index, charge_date, commitment_id, applied_cost,"
                + " applied_quantity, applied_unit from fct_contract_applied order by all"));
  }

  static final String BURN_CONTRACTS =
      new Contracts()
          .contract(
              "aws-2026",
              "AWS",
              "USD",
              "2026-01-01",
              "2027-01-01",
              "billing_accounts: [acct-1]",
              "eligibility: {exclude_services: [Support]}")
          .spend("aws-y1", "2026-01-01", "2026-04-11", "10000")
          .usage("aws-gpuh-y1", "2026-01-01", "2026-04-11", "1000", "GPU-hours")
          .contract("oci-2026", "Oracle", "USD", "2026-01-01", "2027-01-01")
          .spend("oci-y1", "2026-01-01", "2027-01-01", "5000")
          .usage("oci-gpuh-y1", "2026-01-01", "2027-01-01", "500", "GPU-hours")
          .yaml();

  /** Rows on 2026-02-01 that do and do not burn aws-2026 and oci-2026 (as of 2026-02-19). */
  private TestWarehouse burnFixture() {
    TestWarehouse wh = new TestWarehouse(tmp).contracts(BURN_CONTRACTS).fxRates(FX_RATES);
    LocalDate d = day("2026-02-01");
    return wh.rows(
        // burns aws-y1: usage, purchase, a GPU instance (also 80 GPU-hours), and EUR 10 = USD 11
        CostRow.charge("AWS", d, "100.00"),
        CostRow.charge("AWS", d, "50.00").category("Purchase"),
        CostRow.charge("AWS", d, "200.00").gpuInstance("p5.48xlarge", "10"),
        CostRow.charge("AWS", d, "10.00").currency("EUR"),
        // burns nothing: tax, credit, other account, excluded service, marketplace, other
        // provider, after the as-of day, before the period
        CostRow.charge("AWS", d, "10.00").category("Tax"),
        CostRow.charge("AWS", d, "-20.00").category("Credit"),
        CostRow.charge("AWS", d, "1000.00").account("acct-2"),
        CostRow.charge("AWS", d, "30.00").service("Support"),
        CostRow.charge("AWS", d, "40.00").set("PublisherName", "Datadog"),
        CostRow.charge("Microsoft", d, "500.00"),
        CostRow.charge("AWS", day("2026-02-20"), "70.00"),
        CostRow.charge("AWS", day("2025-12-31"), "60.00"),
        // oci-2026: the row with ContractApplied burns what it says, the one without by the rules
        CostRow.charge("Oracle", d, "300.00")
            .gpuInstance("BM.GPU.H100.8", "2")
            .set("ContractApplied", CONTRACT_APPLIED_TWO_ENTRIES),
        CostRow.charge("Oracle", day("2026-02-02"), "500.00"));
  }

  @Test
  void dimContractCommitmentsCarriesTheBurnWindowArithmetic() {
    TestWarehouse wh = burnFixture();

    wh.build(day("2026-02-19"));

    assertEquals(
        List.of(
            "aws-2026 | aws-gpuh-y1 | Usage | GPU-hours | 1000.0000000000 | 100 | 50 | 50"
                + " | 2026-02-20",
            "aws-2026 | aws-y1 | Spend | USD | 10000.0000000000 | 100 | 50 | 50 | 2026-02-20",
            "oci-2026 | oci-gpuh-y1 | Usage | GPU-hours | 500.0000000000 | 365 | 50 | 315"
                + " | 2026-02-20",
            "oci-2026 | oci-y1 | Spend | USD | 5000.0000000000 | 365 | 50 | 315 | 2026-02-20"),
        wh.query(
            "select contract_id, commitment_id, category, unit, committed, period_days,"
                + " elapsed_days, remaining_days, burn_window_end"
                + " from dim_contract_commitments order by all"));
  }

  @Test
  void fctCommitmentBurnDailyAppliesTheEligibilityRules() {
    TestWarehouse wh = burnFixture();

    wh.build(day("2026-02-19"));

    assertEquals(
        List.of(
            "aws-gpuh-y1 | 2026-02-01 | USD | eligibility rules | NULL | 80.0000000000 | 1",
            "aws-y1 | 2026-02-01 | EUR | eligibility rules | 10.0000000000 | 11.0000000000 | 1",
            "aws-y1 | 2026-02-01 | USD | eligibility rules | 350.0000000000 | 350.0000000000 | 3",
            "oci-gpuh-y1 | 2026-02-01 | USD | ContractApplied | NULL | 16.0000000000 | 1",
            "oci-y1 | 2026-02-01 | USD | ContractApplied | 250.0000000000 | 250.0000000000 | 1",
            "oci-y1 | 2026-02-02 | USD | eligibility rules | 500.0000000000 | 500.0000000000 | 1"),
        wh.query(
            "select commitment_id, charge_date, billing_currency, burned_by,"
                + " burned_billing_currency, burned, row_count from fct_commitment_burn_daily"
                + " order by all"));
  }

  /**
   * A EUR contract billed in EUR, USD and GBP, as of 2026-02-19: each charge is converted through
   * the reporting currency at its charge day's rates. EUR 100 stays 100; USD 110 on Feb 1 / 1.10 =
   * EUR 100; GBP 96 on Feb 16 x 1.25 = USD 120 / 1.20 = EUR 100. Reporting amounts use the as-of
   * rate 1.20.
   */
  @Test
  void commitmentInAnotherCurrencyBurnsChargesConvertedThroughTheReportingCurrency() {
    TestWarehouse wh = new TestWarehouse(tmp).fxRates(FX_RATES).contracts(AZURE_EUR);
    wh.rows(
        CostRow.charge("Microsoft", day("2026-02-01"), "100.00").currency("EUR"),
        CostRow.charge("Microsoft", day("2026-02-01"), "110.00"),
        CostRow.charge("Microsoft", day("2026-02-16"), "96.00").currency("GBP"));

    wh.build(day("2026-02-19"));

    assertEquals(
        List.of(
            "2026-02-01 | EUR | 100.0000000000 | 1.1000000000 | 1.1000000000 | 100.0000000000",
            "2026-02-01 | USD | 110.0000000000 | 1.0000000000 | 1.1000000000 | 100.0000000000",
            "2026-02-16 | GBP | 96.0000000000 | 1.2500000000 | 1.2000000000 | 100.0000000000"),
        wh.query(
            "select charge_date, billing_currency, burned_billing_currency,"
                + " fx_rate_billing_to_reporting, fx_rate_contract_to_reporting, burned"
                + " from fct_commitment_burn_daily order by all"));
    assertEquals(
        List.of(
            "EUR | EUR | 1000.0000000000 | 300.0000000000 | 1200.0000000000 | 360.0000000000"
                + " | USD | 1.2000000000"),
        wh.query(
            "select unit, currency, committed, burned, committed_reporting, burned_reporting,"
                + " reporting_currency, fx_rate_to_reporting from fct_commitment_status"));
  }

  /** A EUR contract whose first commitment (1,000) runs from Jan 1 to Apr 11 2026. */
  static final String AZURE_EUR =
      new Contracts()
          .contract("azure-eur", "Microsoft", "EUR", "2026-01-01", "2027-01-01")
          .spend("azure-eur-y1", "2026-01-01", "2026-04-11", "1000")
          .yaml();

  static final String PACE_CONTRACTS =
      new Contracts()
          .contract("aws-ahead", "AWS", "USD", "2026-01-01", "2027-01-01")
          .spend("aws-ahead-p1", "2026-01-01", "2026-04-11", "10000")
          .spend("aws-ahead-p2", "2026-04-11", "2026-07-20", "30000")
          .usage("aws-ahead-gpuh-p1", "2026-01-01", "2026-04-11", "1000", "GPU-hours")
          .contract("azure-behind", "Microsoft", "USD", "2025-10-01", "2027-01-01")
          .spend("azure-behind-p0", "2025-10-01", "2026-01-01", "100")
          .spend("azure-behind-p1", "2026-01-01", "2026-04-11", "10000")
          .contract("gcp-amber", "Google Cloud", "USD", "2026-01-01", "2027-01-01")
          .spend("gcp-amber-p1", "2026-01-01", "2026-04-11", "10000")
          .contract("oci-later", "Oracle", "USD", "2026-06-01", "2027-06-01")
          .spend("oci-later-p1", "2026-06-01", "2027-06-01", "1000")
          .yaml();

  /**
   * As of 2026-02-19, day 50 of 100 of each p1 period (expected to date: 5,000 of 10,000), 50 days
   * remaining.
   *
   * <ul>
   *   <li>aws-ahead: 1,000 on Jan 1 (a p5.48xlarge for 10 h = 80 GPU-hours), then 200 a day for the
   *       30 days Jan 21..Feb 19: burned 7,000, run rate 200, forecast 7,000 + 200 x 50 = 17,000,
   *       20 days ahead, green; 200 every day: no spread, so no band. p2 has not started: 200 x 100
   *       days = 20,000 of 30,000, but status upcoming and no shortfall (nothing is due yet).
   *       GPU-hours: 80 of 1,000, none in the last 30 days: forecast 80, shortfall 920, red.
   *   <li>azure-behind: 40 a day Jan 21..Feb 12 (920), 100 a day Feb 13..19 (700): burned 1,620,
   *       run rate 54, forecast 1,620 + 54 x 50 = 4,320, shortfall 5,680, 33.8 -> 34 days behind,
   *       red. Band: the 30 daily burns have s^2 = (23 x 40^2 + 7 x 100^2 - 30 x 54^2) / 29 =
   *       666.207, s = 25.811; 1.645 x s x sqrt(50 + 50^2 / 30) = 490.28 around 4,320. The step up
   *       is a trend: on x = -29..0, Sxx = 30 x 899 / 12 = 2,247.5, Sxy = sum xy + 14.5 x 1,620 =
   *       -18,660 + 23,490 = 4,830, slope b = 2.14905; residual variance (19,320 - b x 4,830) / 28
   *       = 319.29, and b^2 x Sxx = 10,379.9 > 2.706 x 319.29: significant. The band's top reaches
   *       b x (50 x 51 / 2 + 50 x 29 / 2) = 4,298.10 further: 4,320 + 490.28 + 4,298.10 = 9,108.38
   *       (the new level of 100 a day held: 6,620, inside). p0 closed with 150 of 100: green.
   *   <li>gcp-amber: 94 a day Jan 1..Feb 19: burned 4,700, forecast 9,400 = 94 %, amber.
   *   <li>oci-later: starts in June: nothing burned, no run rate, no forecast, upcoming.
   * </ul>
   */
  @Test
  void commitmentStatusComputesPaceRunRateForecastAndShortfall() {
    TestWarehouse wh = new TestWarehouse(tmp).contracts(PACE_CONTRACTS);
    List<CostRow> rows = new ArrayList<>();
    rows.add(CostRow.charge("AWS", day("2026-01-01"), "1000.00").gpuInstance("p5.48xlarge", "10"));
    for (LocalDate d = day("2026-01-21"); !d.isAfter(day("2026-02-19")); d = d.plusDays(1)) {
      rows.add(CostRow.charge("AWS", d, "200.00"));
      rows.add(CostRow.charge("Microsoft", d, d.isBefore(day("2026-02-13")) ? "40.00" : "100.00"));
    }
    rows.add(CostRow.charge("AWS", day("2026-02-20"), "500.00"));
    rows.add(CostRow.charge("Microsoft", day("2025-12-15"), "150.00"));
    rows.addAll(CostRow.daily("Google Cloud", "2026-01-01", "2026-02-19", "94.00"));
    wh.rows(rows);

    wh.build(day("2026-02-19"));

    assertEquals(
        List.of(
            "aws-ahead-gpuh-p1 | true | 1000 | 80 | 8 | 500 | -420 | -42 | 0 | 80 | 80 | 80 | 920"
                + " | red",
            "aws-ahead-p1 | true | 10000 | 7000 | 70 | 5000 | 2000 | 20 | 200 | 17000 | 17000"
                + " | 17000 | 0 | green",
            "aws-ahead-p2 | false | 30000 | 0 | 0 | 0 | 0 | 0 | 200 | 20000 | 20000 | 20000"
                + " | NULL | upcoming",
            "azure-behind-p0 | false | 100 | 150 | 150 | 100 | 50 | 46 | 54 | 150 | 150 | 150 | 0"
                + " | green",
            "azure-behind-p1 | true | 10000 | 1620 | 16.2 | 5000 | -3380 | -34 | 54 | 4320 | 3829.72"
                + " | 9108.38 | 5680 | red",
            "gcp-amber-p1 | true | 10000 | 4700 | 47 | 5000 | -300 | -3 | 94 | 9400 | 9400 | 9400"
                + " | 600 | amber",
            "oci-later-p1 | false | 1000 | 0 | 0 | 0 | 0 | 0 | NULL | NULL | NULL | NULL | NULL"
                + " | upcoming"),
        wh.query(
            "select commitment_id, is_current, committed::double, burned::double, burn_pct,"
                + " expected_to_date::double, pace_delta::double, days_ahead_or_behind,"
                + " run_rate_daily::double, forecast_at_period_end::double,"
                + " round(forecast_low::double, 2), round(forecast_high::double, 2),"
                + " projected_shortfall::double,"
                + " status from fct_commitment_status order by commitment_id"));
  }

  @Test
  void ingestRunsHasOneRowPerRunInputFileAndCurrency() {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.manifest(
        "20261126T013000Z-1a2b",
        """
        {"run_id": "20261126T013000Z-1a2b", "started_at": "2026-11-26T01:30:00Z",
         "finished_at": "2026-11-26T01:31:10Z", "as_of": "2026-11-25", "status": "ok",
         "inputs": [
           {"source": "aws-focus", "format": "focus", "detected": "focus-1.2",
            "file": "/abs/landing/aws/x.csv.gz", "sha256": "ab12", "bytes": 1234,
            "rows_in": 10, "rows_written": 9, "rows_quarantined": 1,
            "cost": [{"currency": "USD", "cost_in": "123.45", "cost_written": "120.00",
                      "cost_quarantined": "3.45"},
                     {"currency": "EUR", "cost_in": "10", "cost_written": "10",
                      "cost_quarantined": "0"}]},
           {"source": "gpu-scrapes", "format": "dcgm", "file": "/abs/landing/gpu/a.prom",
            "rows_in": 3, "rows_written": 3, "rows_quarantined": 0, "cost": []}],
         "units": []}
        """);
    wh.manifest(
        "20261127T013000Z-9f9f",
        """
        {"run_id": "20261127T013000Z-9f9f", "started_at": "2026-11-27T01:30:00Z",
         "finished_at": null, "as_of": "2026-11-26", "status": "failed", "inputs": []}
        """);

    wh.build(day("2026-11-26"));

    assertEquals(
        List.of(
            "20261126T013000Z-1a2b | 2026-11-26 01:30:00 | ok | aws-focus | /abs/landing/aws/x.csv.gz"
                + " | EUR | 10 | 9 | 1 | 10.0000000000 | 10.0000000000 | 0.0000000000",
            "20261126T013000Z-1a2b | 2026-11-26 01:30:00 | ok | aws-focus | /abs/landing/aws/x.csv.gz"
                + " | USD | 10 | 9 | 1 | 123.4500000000 | 120.0000000000 | 3.4500000000",
            "20261126T013000Z-1a2b | 2026-11-26 01:30:00 | ok | gpu-scrapes | /abs/landing/gpu/a.prom"
                + " | NULL | 3 | 3 | 0 | NULL | NULL | NULL",
            "20261127T013000Z-9f9f | 2026-11-27 01:30:00 | failed | NULL | NULL | NULL | NULL | NULL"
                + " | NULL | NULL | NULL | NULL"),
        wh.query(
            "select run_id, started_at, run_status, source, file, currency, rows_in,"
                + " rows_written, rows_quarantined, cost_in, cost_written, cost_quarantined"
                + " from fct_ingest_run_files order by all"));
  }
}
