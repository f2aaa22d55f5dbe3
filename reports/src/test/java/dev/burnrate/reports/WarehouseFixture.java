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
 * red) and one closed period.
 */
final class WarehouseFixture {
  static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);

  private WarehouseFixture() {}

  static Path create(Path dir) throws SQLException {
    Path file = dir.resolve("burnrate.duckdb");
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
            status VARCHAR, burn_method VARCHAR, is_current BOOLEAN)""");
      s.execute(
          """
          INSERT INTO rpt_commitment_status VALUES
            ('aws-2025-compute', 'aws-2025-y1', 'AWS', 'Spend', 'USD',
             DATE '2025-11-03', DATE '2026-11-03', 3000000000.00, 3012000000.00, 3000000000.00,
             12000000.00, 3012000000.00, 0.00, 100.4, 0, 'green', 'linear', false),
            ('aws-2025-compute', 'aws-2025-y2', 'AWS', 'Spend', 'USD',
             DATE '2026-11-03', DATE '2027-11-03', 3200000000.00, 201500000.00, 192876712.33,
             8623287.67, 3343000000.00, 0.00, 6.296875, 1, 'green', 'linear', true),
            ('azure-2026-ai', 'azure-2026-y1', 'Microsoft', 'Spend', 'EUR',
             DATE '2026-01-01', DATE '2027-01-01', 1200000000.00, 968400000.00, 1085000000.00,
             -116600000.00, 1131000000.00, 69000000.00, 80.7, -39, 'red', 'linear', true),
            ('gcp-2026-tpu', 'gcp-2026-gpuh', 'Google Cloud', 'Usage', 'GPU-hours',
             DATE '2026-03-01', DATE '2027-03-01', 12000000.00, 8040000.00, 8515068.49,
             -475068.49, 11650000.00, 350000.00, 67.0, -14, 'amber', 'linear', true)""");
    }
    return file;
  }
}
