package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.core.config.SourceConfig.Freshness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relations an analyst's morning starts from, beside the spend marts: fct_ingest_run_files (the
 * run that counts, telemetry accounting), fct_quarantined_rows, dim_date and
 * fct_provider_freshness.
 */
class AnalystPlumbingTest {
  @TempDir Path tmp;

  private static LocalDate day(String iso) {
    return LocalDate.parse(iso);
  }

  private static String run(String id, String started, String status, String kind, String input) {
    return """
        {"run_id": "%s", "started_at": "%s", "finished_at": "%s", "as_of": "2026-11-01",
         "status": "%s"%s, "inputs": [%s]}"""
        .formatted(
            id,
            started,
            started,
            status,
            kind == null ? "" : ", \"kind\": \"" + kind + "\"",
            input);
  }

  private static String telemetry(String detected, long in, long written, long bad, long ignored) {
    return """
        {"source": "gpu", "format": "dcgm", "detected": "%s", "file": "/l/gpu/a.prom",
         "sha256": "t1", "bytes": 10, "rows_in": %d, "rows_written": %d, "rows_quarantined": %d,
         "rows_ignored": %d, "rows_ignored_no_gpu": %d, "cost": []}"""
        .formatted(detected, in, written, bad, ignored, ignored > 0 ? 1 : 0);
  }

  private static String billing(long written) {
    return """
        {"source": "aws", "format": "focus", "detected": "focus-1.2", "file": "/l/aws/b.csv",
         "sha256": "b1", "bytes": 10, "rows_in": 5, "rows_written": %d, "rows_quarantined": 0,
         "cost": [{"currency": "USD", "cost_in": "50", "cost_written": "%s",
                   "cost_quarantined": "0"}]}"""
        .formatted(written, written == 5 ? "50" : "0");
  }

  /**
   * Billing B1 (ok, Nov 1) read aws's b.csv; B2 (failed, Nov 2) read it again and wrote nothing.
   * Telemetry T1 (ok, Nov 1) parsed a.prom: 10 lines = 6 samples + 1 quarantined + 3 ignored (1
   * without a GPU identity); T2 (ok, Nov 2) found it unchanged and parsed nothing (zeros in its
   * manifest); T3 (failed, Nov 3) read it again. The run that counts: B1 for b.csv (B2 failed), T2
   * for a.prom (newest ok), showing T1's counts since T2 parsed nothing. B1 quarantined lines 3
   * (cost unparseable) and 4 (12.5 USD, bad ChargePeriodStart) of b.csv: quarantine rows of the run
   * that counts. T1 quarantined line 7 of a.prom: T1 no longer counts (T2 does). T3 was killed
   * while writing its quarantine: the part file it left below _temporary is not a committed file
   * and is not read (reading it would fail every later build).
   */
  @Test
  void ingestRunsFlagTheRunThatCountsAndAccountForTelemetryLines() throws Exception {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.manifest("B1", run("B1", "2026-11-01T01:00:00Z", "ok", null, billing(5)))
        .manifest("B2", run("B2", "2026-11-02T01:00:00Z", "failed", null, billing(0)))
        .manifest(
            "T1",
            run("T1", "2026-11-01T02:00:00Z", "ok", "telemetry", telemetry("dcgm", 10, 6, 1, 3)))
        .manifest(
            "T2",
            run(
                "T2",
                "2026-11-02T02:00:00Z",
                "ok",
                "telemetry",
                telemetry("unchanged", 0, 0, 0, 0)))
        .manifest(
            "T3",
            run(
                "T3",
                "2026-11-03T02:00:00Z",
                "failed",
                "telemetry",
                telemetry("dcgm", 10, 0, 0, 3)));

    Path lake = wh.config().layout().lakeQuarantine();
    writeQuarantine(
        lake.resolve("run=B1/source=aws/part-0.parquet"),
        "('aws', '/l/aws/b.csv', 3, 'BilledCost', 'BilledCost: not a number', 'x,y', null, 'USD'),"
            + " ('aws', '/l/aws/b.csv', 4, 'ChargePeriodStart', 'ChargePeriodStart: bad date',"
            + " 'a,b', 12.5, 'USD')");
    writeQuarantine(
        lake.resolve("run=T1/source=gpu/part-0.parquet"),
        "('gpu', '/l/gpu/a.prom', 7, 'value', 'value: not a number', 'DCGM_FI_DEV_GPU_UTIL x',"
            + " null, null)");
    // T3's quarantine write was killed: its part file never left Hadoop's _temporary folder
    Path partial =
        lake.resolve("run=T3/source=gpu/_temporary/0/_temporary/attempt_0/part-00000.parquet");
    Files.createDirectories(partial.getParent());
    Files.write(partial, "PAR1 cut short".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    wh.build(day("2026-11-03"));

    assertEquals(
        List.of(
            "B1 | billing | true | 5 | 5 | 0 | 0 | 0 | B1",
            "B2 | billing | false | 5 | 0 | 0 | 0 | 0 | B2",
            "T1 | telemetry | false | 10 | 6 | 1 | 3 | 1 | T1",
            "T2 | telemetry | true | 10 | 6 | 1 | 3 | 1 | T1",
            "T3 | telemetry | false | 10 | 0 | 0 | 3 | 1 | T3"),
        wh.query(
            "select run_id, run_kind, is_current_run, rows_in, rows_written, rows_quarantined,"
                + " rows_ignored, rows_ignored_no_gpu, counted_in_run_id from fct_ingest_run_files"
                + " order by run_id"));
    assertEquals(
        List.of(
            "B1 | aws | billing | true | /l/aws/b.csv | 3 | BilledCost | BilledCost: not a number"
                + " | NULL | USD",
            "B1 | aws | billing | true | /l/aws/b.csv | 4 | ChargePeriodStart | ChargePeriodStart:"
                + " bad date | 12.5 | USD",
            "T1 | gpu | telemetry | false | /l/gpu/a.prom | 7 | value | value: not a number | NULL"
                + " | NULL"),
        wh.query(
            "select run_id, source, run_kind, is_current_run, file, line, column_name, reason,"
                + " billed_cost::double, billing_currency from fct_quarantined_rows order by all"));
  }

  private static SourceConfig source(String name, Integer warn, Integer error) {
    return new SourceConfig(
        name, "focus", "landing/" + name + "/**", Map.of(), new Freshness(warn, error));
  }

  /**
   * As of 2026-11-25 (day end 11-26 00:00). AWS moved acct-1 from aws-cur (last usage ends 11-01
   * 00:00: 600 h) to aws-focus (ends 11-25 00:00: 24 h, ok; its Recurring November fee ends 12-01
   * and counts neither for freshness nor completeness): aws-cur is retired, not error. Google's
   * gcp-a (acct g1, ends 11-21: 120 h) and gcp-b (acct g2, ends 11-26: 0 h) deliver different
   * accounts: gcp-a is late, and so is Google. Last complete days: AWS 11-24, Google 11-25, so on
   * 11-25 only AWS is incomplete.
   *
   * <p>Calendar days: 2025-01-01 (first of the year before) to 11-25: 365 + 329 = 694. mtd Nov 1-25
   * = 25, prior mtd Oct 1-25 = 25; qtd Oct 1 - Nov 25 = 56, prior qtd Jul 1 - Aug 25 = 56; ytd and
   * prior ytd 329 each (304 days Jan-Oct + 25).
   */
  @Test
  void freshnessPerProviderIgnoresRetiredFeedsAndTheCalendarFlagsPeriodsAndCompleteness() {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .sources(
                source("aws-cur", 24, 72),
                source("aws-focus", 24, 72),
                source("gcp-a", 24, null),
                source("gcp-b", 24, null))
            .rows(
                CostRow.charge("AWS", day("2026-10-31"), "10.00").set("x_SourceName", "aws-cur"),
                CostRow.charge("AWS", day("2026-11-24"), "10.00").set("x_SourceName", "aws-focus"),
                CostRow.charge("AWS", day("2026-11-01"), "500.00")
                    .frequency("Recurring")
                    .set("ChargePeriodEnd", "2026-12-01 00:00:00")
                    .set("x_SourceName", "aws-focus"),
                CostRow.charge("Google Cloud", day("2026-11-20"), "5.00")
                    .account("g1")
                    .set("x_SourceName", "gcp-a"),
                CostRow.charge("Google Cloud", day("2026-11-25"), "5.00")
                    .account("g2")
                    .set("x_SourceName", "gcp-b"));

    wh.build(day("2026-11-25"));

    assertEquals(
        List.of(
            "aws-cur | 600 | aws-focus | retired",
            "aws-focus | 24 | null | ok",
            "gcp-a | 120 | null | late",
            "gcp-b | 0 | null | ok"),
        SourceFreshness.evaluate(wh.config(), day("2026-11-25")).stream()
            .map(
                r ->
                    String.join(
                        " | ", r.source(), "" + r.hoursLate(), r.retiredBySource(), r.status()))
            .toList());
    assertEquals(
        List.of(
            "AWS | [aws-focus] | [aws-cur] | 2026-11-25 00:00:00 | 2026-11-24 | 24 | ok",
            "Google Cloud | [gcp-a, gcp-b] | [] | 2026-11-26 00:00:00 | 2026-11-25 | 120 | late"),
        wh.query(
            "select provider, active_sources, retired_sources, newest_data_end, last_complete_day,"
                + " hours_late, freshness_status from fct_provider_freshness order by provider"));
    assertEquals(
        List.of("694 | 1 | 25 | 25 | 56 | 56 | 329 | 329 | 2025-01-01 | 2026-11-25"),
        wh.query(
            "select count(*), count(*) filter (is_as_of_day), count(*) filter (is_mtd),"
                + " count(*) filter (is_prior_mtd), count(*) filter (is_qtd),"
                + " count(*) filter (is_prior_qtd), count(*) filter (is_ytd),"
                + " count(*) filter (is_prior_ytd), min(day), max(day) from dim_date"));
    assertEquals(
        List.of(
            "2026-10-25 | true | false | true | []",
            "2026-10-26 | false | false | true | []",
            "2026-11-24 | false | true | true | []",
            "2026-11-25 | false | true | false | [AWS]"),
        wh.query(
            "select day, is_prior_mtd, is_mtd, is_complete, incomplete_providers from dim_date"
                + " where day in ('2026-10-25', '2026-10-26', '2026-11-24', '2026-11-25')"
                + " order by day"));
  }

  /** A quarantine file as the ingest writes it (docs/architecture.md, lake/quarantine). */
  private static void writeQuarantine(Path file, String values) throws Exception {
    Files.createDirectories(file.getParent());
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(
          "copy (select x_SourceName, x_SourceFile, x_SourceLine::bigint as x_SourceLine,"
              + " column_name, reason, raw, BilledCost::decimal(28, 10) as BilledCost,"
              + " BillingCurrency from (values "
              + values
              + ") as t(x_SourceName, x_SourceFile, x_SourceLine, column_name, reason, raw,"
              + " BilledCost, BillingCurrency)) to '"
              + file
              + "' (format parquet)");
    }
  }
}
