package dev.burnrate.reports;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

/**
 * A small real warehouse with the rpt_ relations exactly as docs/architecture.md ("Seam 2") defines
 * them: five providers (Azure billed in EUR), four months, three current commitments (green, amber,
 * red) and one closed period. {@link #create} adds the optional relations the report proposes (Seam
 * 2, "Proposed by the reports module"); {@link #createRequiredOnly} leaves them out, as a warehouse
 * that does not build them yet.
 */
final class WarehouseFixture {
  static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);

  private WarehouseFixture() {}

  /** Every relation the report reads, in {@code dir/burnrate.duckdb}. */
  static Path create(Path dir) throws SQLException {
    Path file = createRequiredOnly(dir, "burnrate.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement()) {
      addOptional(s);
    }
    return file;
  }

  /**
   * Makes oci-focus late: it declares warn_after_hours 36 and its newest data ends 2026-11-23
   * 00:00, 72 h before the end of the as-of day.
   */
  static void makeOciLate(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement()) {
      s.execute(
          """
          UPDATE rpt_data_quality SET newest_data_end = TIMESTAMP '2026-11-23 00:00:00',
            hours_late = 72, warn_after_hours = 36, freshness_status = 'late'
          WHERE source = 'oci-focus'""");
    }
  }

  /**
   * Makes oci-focus a retired feed: its newest data ends 2026-10-01 00:00 and a newer feed of its
   * provider carries its accounts on.
   */
  static void makeOciRetired(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement()) {
      s.execute(
          """
          UPDATE rpt_data_quality SET newest_data_end = TIMESTAMP '2026-10-01 00:00:00',
            hours_late = 1344, freshness_status = 'retired'
          WHERE source = 'oci-focus'""");
    }
  }

  /**
   * Makes the GPU window one without telemetry (an as-of day before telemetry began): the 7 days to
   * the as-of day, AWS billed 96 H100 x 24 h x 7 d = 16,128 GPU-hours at $3.90 = $62,899.20 and
   * Microsoft 16 H200 x 24 h x 7 d = 2,688 GPU-hours at $4.60 = $12,364.80, none of them seen: no
   * active share, no idle cost, all the cost unobserved, every GPU without telemetry; no unmatched
   * telemetry.
   */
  static void makeGpuWindowUnseen(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM rpt_gpu_efficiency");
      s.execute(
          """
          INSERT INTO rpt_gpu_efficiency
          SELECT DATE '2026-11-19', DATE '2026-11-25', provider, gpu_model, billed, 0, 0, 0, NULL,
            cost, cost / billed, NULL, 0, cost, 0, gpus, gpus
          FROM (VALUES ('AWS', 'H100', 16128, 62899.20, 96),
                       ('Microsoft', 'H200', 2688, 12364.80, 16)) t(provider, gpu_model, billed, cost, gpus)""");
      s.execute("DELETE FROM rpt_gpu_telemetry_unmatched");
    }
  }

  /**
   * Leaves the GPU window without billed GPU-hours, and one GPU on one host whose telemetry names
   * no provider and matches no bill in it.
   */
  static void makeGpuWindowUnbilled(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM rpt_gpu_efficiency");
      s.execute("DELETE FROM rpt_gpu_telemetry_unmatched");
      s.execute(
          """
          INSERT INTO rpt_gpu_telemetry_unmatched VALUES
            (DATE '2026-11-19', DATE '2026-11-25',
             'provider unknown: no bill key matched and the source names no provider',
             'provider unknown', 1, 1, 24)""");
    }
  }

  /** Only the relations of Seam 2 that every warehouse has. */
  static Path createRequiredOnly(Path dir, String name) throws SQLException {
    Path file = dir.resolve(name);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement()) {
      s.execute(
          """
          CREATE TABLE rpt_summary (
            as_of_date DATE, reporting_currency VARCHAR,
            spend_mtd DECIMAL(18,2), spend_prior_mtd DECIMAL(18,2),
            spend_qtd DECIMAL(18,2), spend_prior_qtd DECIMAL(18,2),
            spend_ytd DECIMAL(18,2), spend_prior_ytd DECIMAL(18,2),
            spend_total DECIMAL(18,2),
            data_start DATE, data_end DATE, provider_count INTEGER, row_count BIGINT)""");
      s.execute(
          """
          INSERT INTO rpt_summary VALUES (DATE '2026-11-25', 'USD',
            412345678.90, 380123456.78, 1203456789.01, 1150000000.00,
            4150987654.32, 3120400000.00, 4601333333.20,
            DATE '2025-11-01', DATE '2026-11-24', 5, 1234567)""");

      s.execute(
          """
          CREATE TABLE rpt_provider_spend (
            provider VARCHAR, billing_currency VARCHAR,
            billed_cost DECIMAL(18,2), effective_cost DECIMAL(18,2),
            billed_cost_reporting DECIMAL(18,2), effective_cost_reporting DECIMAL(18,2),
            row_count BIGINT)""");
      s.execute(
          """
          INSERT INTO rpt_provider_spend VALUES
            ('AWS', 'USD', 2345678901.23, 2301234567.89, 2345678901.23, 2301234567.89, 612345),
            ('Microsoft', 'EUR', 1012345678.91, 998765432.10, 1093333333.22, 1078666666.67, 301234),
            ('Google Cloud', 'USD', 654321098.76, 640000000.00, 654321098.76, 640000000.00, 200111),
            ('Oracle', 'USD', 321987654.32, 320000000.00, 321987654.32, 320000000.00, 98765),
            ('CoreWeave', 'USD', 186012345.67, 186012345.67, 186012345.67, 186012345.67, 22112)""");

      s.execute(
          """
          CREATE TABLE rpt_spend_monthly (
            month DATE, month_label VARCHAR, provider VARCHAR, billed_cost_reporting DECIMAL(18,2))""");
      s.execute(
          """
          INSERT INTO rpt_spend_monthly
          SELECT m.month, strftime(m.month, '%Y-%m'), p.provider,
                 CAST(p.base * m.factor AS DECIMAL(18,2))
          FROM (VALUES (DATE '2026-08-01', 0.92), (DATE '2026-09-01', 1.00),
                       (DATE '2026-10-01', 1.07), (DATE '2026-11-01', 0.88)) m(month, factor),
               (VALUES ('AWS', 201234567.89), ('Microsoft', 95432109.87),
                       ('Google Cloud', 55123456.78), ('Oracle', 27345678.90),
                       ('CoreWeave', 16234567.89)) p(provider, base)""");

      s.execute(
          """
          CREATE TABLE rpt_commitment_status (
            contract_id VARCHAR, commitment_id VARCHAR, provider VARCHAR, category VARCHAR,
            unit VARCHAR, period_start DATE, period_end DATE,
            committed DECIMAL(18,2), burned DECIMAL(18,2), expected_to_date DECIMAL(18,2),
            pace_delta DECIMAL(18,2), forecast_at_period_end DECIMAL(18,2),
            projected_shortfall DECIMAL(18,2), burn_pct DOUBLE, days_ahead_or_behind INTEGER,
            status VARCHAR, is_current BOOLEAN, projected_shortfall_reporting DECIMAL(18,2))""");
      s.execute(
          """
          INSERT INTO rpt_commitment_status VALUES
            ('aws-2025-compute', 'aws-2025-y1', 'AWS', 'Spend', 'USD',
             DATE '2025-11-03', DATE '2026-11-03', 3000000000.00, 3012000000.00, 3000000000.00,
             12000000.00, 3012000000.00, 0.00, 100.4, 0, 'green', false, 0.00),
            ('aws-2025-compute', 'aws-2025-y2', 'AWS', 'Spend', 'USD',
             DATE '2026-11-03', DATE '2027-11-03', 3200000000.00, 201500000.00, 192876712.33,
             8623287.67, 3343000000.00, 0.00, 6.296875, 1, 'green', true, 0.00),
            ('azure-2026-ai', 'azure-2026-y1', 'Microsoft', 'Spend', 'EUR',
             DATE '2026-01-01', DATE '2027-01-01', 1200000000.00, 968400000.00, 1085000000.00,
             -116600000.00, 1131000000.00, 69000000.00, 80.7, -39, 'red', true, 75900000.00),
            ('gcp-2026-tpu', 'gcp-2026-gpuh', 'Google Cloud', 'Usage', 'GPU-hours',
             DATE '2026-03-01', DATE '2027-03-01', 12000000.00, 8040000.00, 8515068.49,
             -475068.49, 11650000.00, 350000.00, 67.0, -14, 'amber', true, 700000.00)""");
    }
    return file;
  }

  private static void addOptional(Statement s) throws SQLException {
    s.execute(
        """
        CREATE TABLE rpt_highlights (
          rank INTEGER, kind VARCHAR, provider VARCHAR, headline VARCHAR,
          impact_reporting DECIMAL(18,2))""");
    s.execute(
        """
        INSERT INTO rpt_highlights VALUES
          (1, 'commitment', 'Microsoft',
           'Microsoft azure-2026-y1 is 39 days behind pace: projected shortfall €69.0M.', 75440000.00),
          (2, 'spend_change', 'AWS',
           'AWS spend rose 12.3% to $47.1M in the 7 days to 25 Nov.', 5160000.00),
          (3, 'restatement', 'Oracle',
           'Oracle restated 2026-10: +$1.9M (Compute, Block Storage).', 1900000.00)""");

    // a straight-line burn up to the as-of day, then the forecast with a +-5% band to period end
    s.execute(
        """
        CREATE TABLE rpt_commitment_burndown AS
        WITH c AS (
          SELECT *, DATE '2026-11-25' AS as_of, period_end - period_start AS period_days
          FROM rpt_commitment_status WHERE is_current),
        d AS (
          SELECT c.*, CAST(unnest(generate_series(period_start, period_end - 1, INTERVAL 1 DAY)) AS DATE) AS day
          FROM c)
        SELECT contract_id, commitment_id, provider, category, unit, period_start, period_end, day,
          committed,
          CAST(CASE WHEN day <= as_of THEN burned * (day - period_start + 1) / (as_of - period_start + 1) END
            AS DECIMAL(18,2)) AS burned_cumulative,
          CAST(committed * (day - period_start + 1) / period_days AS DECIMAL(18,2)) AS required_cumulative,
          CAST(CASE WHEN day >= as_of THEN burned + (forecast_at_period_end - burned)
            * (day - as_of) / (period_end - 1 - as_of) END AS DECIMAL(18,2)) AS forecast,
          CAST(CASE WHEN day >= as_of THEN burned + 0.95 * (forecast_at_period_end - burned)
            * (day - as_of) / (period_end - 1 - as_of) END AS DECIMAL(18,2)) AS forecast_low,
          CAST(CASE WHEN day >= as_of THEN burned + 1.05 * (forecast_at_period_end - burned)
            * (day - as_of) / (period_end - 1 - as_of) END AS DECIMAL(18,2)) AS forecast_high
        FROM d""");

    s.execute(
        """
        CREATE TABLE rpt_gpu_efficiency (
          window_start DATE, window_end DATE, provider VARCHAR, gpu_model VARCHAR,
          billed_gpu_hours DOUBLE, observed_gpu_hours DOUBLE, active_gpu_hours DOUBLE,
          coverage_pct DOUBLE, active_pct DOUBLE, gpu_cost DECIMAL(18,2),
          cost_per_gpu_hour DECIMAL(18,2), cost_per_active_gpu_hour DECIMAL(18,2),
          idle_cost DECIMAL(18,2), unobserved_cost DECIMAL(18,2), energy_kwh DOUBLE,
          gpus_billed INTEGER, gpus_without_telemetry INTEGER)""");
    // Oracle's telemetry sees 3/4 of its billed GPU-hours; the others see all of theirs
    s.execute(
        """
        INSERT INTO rpt_gpu_efficiency
        SELECT window_start, window_end, provider, gpu_model, billed, observed, active,
          100 * observed / billed, 100 * active / observed, cost, cost / billed,
          cost * observed / billed / active, cost * (observed - active) / billed,
          cost * (billed - observed) / billed, billed * 0.7, gpus, dark
        FROM (VALUES
          (DATE '2026-10-27', DATE '2026-11-25', 'AWS', 'H100', 9120000, 9120000, 7478400, 35568000.00, 12800, 12),
          (DATE '2026-10-27', DATE '2026-11-25', 'AWS', 'B200', 2400000, 2400000, 2136000, 14400000.00, 3400, 0),
          (DATE '2026-10-27', DATE '2026-11-25', 'Microsoft', 'H200', 3600000, 3600000, 2520000, 16560000.00, 5000, 3),
          (DATE '2026-10-27', DATE '2026-11-25', 'CoreWeave', 'GB200', 960000, 960000, 902400, 6240000.00, 1400, 0),
          (DATE '2026-10-27', DATE '2026-11-25', 'Oracle', 'H100', 720000, 540000, 432000, 2304000.00, 1000, 1)
        ) t(window_start, window_end, provider, gpu_model, billed, observed, active, cost, gpus, dark)""");
    // telemetry of the same window that matches no bill, for two reasons
    s.execute(
        """
        CREATE TABLE rpt_gpu_telemetry_unmatched (
          window_start DATE, window_end DATE, unmatched_reason VARCHAR, reason VARCHAR,
          gpus INTEGER, hosts INTEGER, telemetry_gpu_hours DOUBLE)""");
    s.execute(
        """
        INSERT INTO rpt_gpu_telemetry_unmatched VALUES
          (DATE '2026-10-27', DATE '2026-11-25', 'no bill key matched', 'no bill key matched',
           2, 2, 1440),
          (DATE '2026-10-27', DATE '2026-11-25',
           'ip-based host name: add an instance_id label or a host_map line', 'ip-based host name',
           8, 1, 5760)""");

    s.execute(
        """
        CREATE TABLE rpt_spend_anomalies (
          day DATE, provider VARCHAR, service_name VARCHAR, actual_reporting DECIMAL(18,2),
          expected_reporting DECIMAL(18,2), deviation_reporting DECIMAL(18,2), deviation_score DOUBLE)""");
    s.execute(
        """
        INSERT INTO rpt_spend_anomalies VALUES
          (DATE '2026-11-24', 'AWS', 'Amazon Elastic Compute Cloud', 9876543.21, 6543210.98, 3333332.23, 6.2),
          (DATE '2026-11-23', 'Google Cloud', 'Cloud Storage', 123456.78, 345678.90, -222222.12, -4.1)""");

    s.execute(
        """
        CREATE TABLE rpt_restatements (
          kind VARCHAR, provider VARCHAR, billing_account_id VARCHAR, billing_period VARCHAR,
          source VARCHAR, carried_in_billing_period VARCHAR, commitment_id VARCHAR,
          restated_at TIMESTAMP,
          previous_cost_reporting DECIMAL(18,2), current_cost_reporting DECIMAL(18,2),
          delta_reporting DECIMAL(18,2), previous_rows BIGINT, current_rows BIGINT,
          services_changed VARCHAR)""");
    s.execute(
        """
        INSERT INTO rpt_restatements VALUES
          ('redelivery', 'Oracle', 'ocid1.tenancy.oc1..aaa', '2026-10', 'oci-focus', NULL, NULL,
           TIMESTAMP '2026-11-25 01:31:00',
           27345678.90, 29245678.90, 1900000.00, 4100, 4180, 'Compute, Block Storage'),
          ('correction', 'AWS', NULL, '2026-09', NULL, '2026-11', 'aws-2025-y1', NULL,
           NULL, NULL, -412345.67, NULL, 3, NULL)""");

    s.execute(
        """
        CREATE TABLE rpt_showback (
          tag_key VARCHAR, tag_value VARCHAR, billed_cost_reporting DECIMAL(18,2), share_pct DOUBLE)""");
    s.execute(
        """
        INSERT INTO rpt_showback VALUES
          ('team', 'ml-research', 206172839.45, 50.0),
          ('team', 'inference', 123703703.67, 30.0),
          ('team', 'platform', 41234567.89, 10.0),
          ('team', '(untagged)', 41234567.89, 10.0)""");

    s.execute(
        """
        CREATE TABLE rpt_data_quality (
          source VARCHAR, format VARCHAR, source_kind VARCHAR, last_delivery_at TIMESTAMP,
          last_run_status VARCHAR, files BIGINT, files_unchanged BIGINT, rows_in BIGINT, rows_quarantined BIGINT,
          cost_quarantined_reporting DECIMAL(18,2), rows_superseded BIGINT,
          cost_superseded_reporting DECIMAL(18,2), reconciled BOOLEAN,
          newest_data_end TIMESTAMP, hours_late INTEGER, warn_after_hours INTEGER,
          error_after_hours INTEGER, freshness_status VARCHAR, source_order INTEGER)""");
    // every source fresh: aws-focus within its thresholds, the others without any declared
    s.execute(
        """
        INSERT INTO rpt_data_quality VALUES
          ('aws-focus', 'focus', 'billing', TIMESTAMP '2026-11-25 01:30:12', 'ok', 5, 0, 612400, 55,
           12345.67, 1204,
           3210.55, true,
           TIMESTAMP '2026-11-25 00:00:00', 24, 36, 96, 'ok', 1),
          ('azure-focus', 'focus', 'billing', TIMESTAMP '2026-11-25 01:30:40', 'ok', 4, 0, 301234, 0,
           0.00, 0, 0.00, true,
           TIMESTAMP '2026-11-25 00:00:00', 24, NULL, NULL, 'unknown', 2),
          ('oci-focus', 'focus', 'billing', TIMESTAMP '2026-11-24 01:29:58', 'ok', 3, 0, 98765, 0,
           0.00, 0, 0.00, true,
           TIMESTAMP '2026-11-24 00:00:00', 48, NULL, NULL, 'unknown', 3),
          ('gpu-dcgm', 'dcgm', 'telemetry', TIMESTAMP '2026-11-20 02:00:00', 'ok', 2, 2, 4800, 12,
           0.00, 0, 0.00, true,
           TIMESTAMP '2026-11-25 00:00:00', 24, NULL, NULL, 'unknown', 4)""");
  }
}
