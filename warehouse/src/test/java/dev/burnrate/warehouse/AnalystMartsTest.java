package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-style model tests of the marts analysts ask "what changed" and "what is unusual" with:
 * fct_restatements (and fct_restatement_services), fct_spend_anomalies and fct_showback_monthly,
 * and their rpt_ views.
 */
class AnalystMartsTest {
  @TempDir Path tmp;

  private static LocalDate day(String iso) {
    return LocalDate.parse(iso);
  }

  /**
   * Run R1 wrote AWS acct-1 October: Compute 60 + 40, Storage 10 on Oct 5 and Compute 50 on Oct 25
   * (160, 4 rows). Run R2 restated it: Compute 60 + 70, Support 5 on Oct 5 and Compute 80 on Oct 25
   * (215, 4 rows); R1's version went to lake/replaced/run=R2/. acct-2's October was never restated.
   * As of Oct 20 the restatement compares the charges up to that day: 110 to 135, 3 rows each (the
   * Oct 25 rows are after it); the build's data test still finds the 4 rows R2's manifest published
   * in focus_cost. As of Oct 27 it compares the whole month: 160 to 215.
   */
  @Test
  void restatementsCompareTheLastTwoVersionsOfEachRestatedUnit() {
    TestWarehouse wh = new TestWarehouse(tmp);
    LocalDate oct = day("2026-10-05");
    LocalDate later = day("2026-10-25");
    wh.replaced(
        "R2",
        CostRow.charge("AWS", oct, "60.00").set("x_RunId", "R1"),
        CostRow.charge("AWS", oct, "40.00").set("x_RunId", "R1"),
        CostRow.charge("AWS", oct, "10.00").service("Storage").set("x_RunId", "R1"),
        CostRow.charge("AWS", later, "50.00").set("x_RunId", "R1"));
    wh.rows(
        CostRow.charge("AWS", oct, "60.00").set("x_RunId", "R2"),
        CostRow.charge("AWS", oct, "70.00").set("x_RunId", "R2"),
        CostRow.charge("AWS", oct, "5.00").service("Support").set("x_RunId", "R2"),
        CostRow.charge("AWS", later, "80.00").set("x_RunId", "R2"),
        CostRow.charge("AWS", oct, "999.00").account("acct-2"));
    wh.manifest(
        "R2",
        """
        {"run_id": "R2", "started_at": "2026-10-20T01:30:00Z", "finished_at": "2026-10-20T01:31:00Z",
         "as_of": "2026-10-19", "status": "ok", "inputs": [],
         "units": [{"source": "test-source", "provider": "AWS", "billing_account": "acct-1",
                    "billing_period": "2026-10", "action": "replaced", "rows": 4,
                    "previous_run_id": "R1"},
                   {"source": "test-source", "provider": "AWS", "billing_account": "acct-2",
                    "billing_period": "2026-10", "action": "unchanged", "rows": 1,
                    "previous_run_id": "R1"}]}
        """);

    wh.build(day("2026-10-20"));

    assertEquals(
        List.of(
            "Compute | 100 | 130 | 30 | 2 | 2 | changed",
            "Storage | 10 | 0 | -10 | 1 | 0 | removed",
            "Support | 0 | 5 | 5 | 0 | 1 | added"),
        wh.query(
            "select service_name, previous_cost::double, current_cost::double,"
                + " delta_cost::double, previous_rows, current_rows, change"
                + " from fct_restatement_services order by service_name"));
    assertEquals(
        List.of(
            "AWS | 2026-10 | test-source | acct-1 | USD | R1 | R2 | 2026-10-20 01:31:00 | 110"
                + " | 135 | 25 | 3 | 3 | 0 | [Compute, Storage, Support] | [Support] | [Storage]"),
        wh.query(
            "select provider, billing_period, source, billing_account_id, billing_currency,"
                + " previous_run_id, restated_by_run_id, restated_at, previous_cost::double,"
                + " current_cost::double, delta_cost::double, previous_rows, current_rows,"
                + " rows_delta, services_changed, services_added, services_removed"
                + " from fct_restatements"));
    assertEquals(
        List.of("AWS | acct-1 | 2026-10 | 110.00 | 135.00 | 25.00 | Compute, Storage, Support"),
        wh.query(
            "select provider, billing_account_id, billing_period, previous_cost_reporting,"
                + " current_cost_reporting, delta_reporting, services_changed"
                + " from rpt_restatements"));

    // a week later the restatement is no longer news for the report, but stays in the mart
    wh.build(day("2026-10-27"));
    assertEquals(
        List.of("0 | 1"),
        wh.query(
            "select (select count(*) from rpt_restatements), (select count(*) from fct_restatements)"));
    assertEquals(
        List.of("160 | 215 | 55 | 4 | 4"),
        wh.query(
            "select previous_cost::double, current_cost::double, delta_cost::double,"
                + " previous_rows, current_rows from fct_restatements"));
  }

  /**
   * AWS Compute runs 1000 on weekdays and 400 at weekends from Mon 2026-01-05 to Sun 2026-02-15;
   * Storage 10 and Network 100 a day. Tue Feb 10 drops to 700 and Wed Feb 11 spikes to 1600: the
   * same weekday's four prior values are all 1000 (median 1000, MAD 0), so the scale is the 5 %
   * floor, 50: scores -6 and +12. Weekends at 400 are normal for weekends. Network at 300 on Fri
   * Feb 13 deviates 200 on a scale of 5: score 40, bounded to 20. Storage at 60 on Thu Feb 12
   * scores 50 on the 1-unit floor but deviates 50, under the default min_deviation of 100: not an
   * anomaly. A 12,500 Recurring support fee billed as Compute usage on Sat Feb 14 is scheduled, not
   * behaviour, and a 500 purchase on Feb 2 is not usage: neither is scored.
   */
  @Test
  void spendAnomaliesCompareEachDayWithTheSameWeekdayOfTheFourWeeksBefore() {
    TestWarehouse wh = new TestWarehouse(tmp);
    for (LocalDate d = day("2026-01-05"); !d.isAfter(day("2026-02-15")); d = d.plusDays(1)) {
      boolean weekend =
          d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
      String compute = weekend ? "400.00" : "1000.00";
      if (d.equals(day("2026-02-10"))) {
        compute = "700.00";
      } else if (d.equals(day("2026-02-11"))) {
        compute = "1600.00";
      }
      wh.rows(
          CostRow.charge("AWS", d, compute),
          CostRow.charge("AWS", d, d.equals(day("2026-02-12")) ? "60.00" : "10.00")
              .service("Storage"),
          CostRow.charge("AWS", d, d.equals(day("2026-02-13")) ? "300.00" : "100.00")
              .service("Network"));
    }
    wh.rows(
        CostRow.charge("AWS", day("2026-02-14"), "12500.00").frequency("Recurring"),
        CostRow.charge("AWS", day("2026-02-02"), "500.00").category("Purchase"));

    wh.build(day("2026-02-15"));

    assertEquals(
        List.of(
            "2026-02-10 | AWS | Compute | Tuesday | 700 | 1000 | -300 | 0 | -6 | drop",
            "2026-02-11 | AWS | Compute | Wednesday | 1600 | 1000 | 600 | 0 | 12 | spike",
            "2026-02-13 | AWS | Network | Friday | 300 | 100 | 200 | 0 | 20 | spike"),
        wh.query(
            "select day, provider, service_name, weekday, actual_reporting::double,"
                + " expected_reporting::double, deviation_reporting::double, mad_reporting::double,"
                + " round(deviation_score, 6), direction from fct_spend_anomalies order by day"));
    assertEquals(
        List.of(
            "2026-02-10 | -300.00 | -6", "2026-02-11 | 600.00 | 12", "2026-02-13 | 200.00 | 20"),
        wh.query(
            "select day, deviation_reporting, round(deviation_score, 6) from rpt_spend_anomalies"
                + " order by day"));
  }

  /**
   * Showback by the default keys team and project. October: research 100 (+ project llm), Team
   * research 50 (mixed-case key, no project), " data " 30 (trimmed), no Tags 20, malformed Tags 10,
   * an empty team 5, a null team with project p 7: team research 150, data 30, untagged 42; project
   * llm 100, p 7, untagged 115; both 222, the month's spend. November's row is another month; as of
   * Oct 31 the month to date is October. The research/llm row's effective cost is 80 (a discount):
   * effective team research 80 + 50 = 130, project llm 80; every other row's effective = billed.
   */
  @Test
  void showbackSplitsEveryRowByEachTagKeyWithAnUntaggedBucket() {
    TestWarehouse wh = new TestWarehouse(tmp);
    LocalDate d = day("2026-10-12");
    wh.rows(
        CostRow.charge("AWS", d, "100.00")
            .set("Tags", "{\"team\": \"research\", \"project\": \"llm\"}")
            .effective("80.00"),
        CostRow.charge("AWS", d, "50.00").set("Tags", "{\"Team\": \"research\"}"),
        CostRow.charge("AWS", d, "30.00").set("Tags", "{\"TEAM\": \" data \"}"),
        CostRow.charge("AWS", d, "20.00"),
        CostRow.charge("AWS", d, "10.00").set("Tags", "team=research"),
        CostRow.charge("AWS", d, "5.00").set("Tags", "{\"team\": \"\"}"),
        CostRow.charge("Oracle", d, "7.00").set("Tags", "{\"team\": null, \"project\": \"p\"}"),
        CostRow.charge("AWS", day("2026-11-01"), "1000.00")
            .set("Tags", "{\"team\": \"research\"}"));

    wh.build(day("2026-10-31"));

    assertEquals(
        List.of(
            "2026-10-01 | project | (untagged) | AWS | 115 | 115 | 5",
            "2026-10-01 | project | llm | AWS | 100 | 80 | 1",
            "2026-10-01 | project | p | Oracle | 7 | 7 | 1",
            "2026-10-01 | team | (untagged) | AWS | 35 | 35 | 3",
            "2026-10-01 | team | (untagged) | Oracle | 7 | 7 | 1",
            "2026-10-01 | team | data | AWS | 30 | 30 | 1",
            "2026-10-01 | team | research | AWS | 150 | 130 | 2",
            "2026-11-01 | project | (untagged) | AWS | 1000 | 1000 | 1",
            "2026-11-01 | team | research | AWS | 1000 | 1000 | 1"),
        wh.query(
            "select month, tag_key, tag_value, provider, billed_cost_reporting::double,"
                + " effective_cost_reporting::double, row_count from fct_showback_monthly order by all"));
    assertEquals(
        List.of(
            "project | (untagged) | 115.00 | 115.00 | 51.8",
            "project | llm | 100.00 | 80.00 | 45.05",
            "project | p | 7.00 | 7.00 | 3.15",
            "team | (untagged) | 42.00 | 42.00 | 18.92",
            "team | data | 30.00 | 30.00 | 13.51",
            "team | research | 150.00 | 130.00 | 67.57"),
        wh.query(
            "select tag_key, tag_value, billed_cost_reporting, effective_cost_reporting,"
                + " round(share_pct, 2) from rpt_showback order by all"));
  }
}
