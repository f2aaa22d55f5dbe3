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
 * rpt_data_quality and source freshness (int_source_freshness) for a fixture of six sources, as of
 * 2026-11-25 (its end is 2026-11-26 00:00 UTC), and the ingest's {@link SourceFreshness} reaching
 * the same verdicts straight from the lake.
 */
class DataQualityModelsTest {
  static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);

  @TempDir Path tmp;

  /**
   * aws-focus (warn 24, error 72): newest charge ends 2026-11-25 00:00, 24 h: ok. azure-focus (warn
   * 24): ends 11-23, 72 h: late. oci-focus (warn 24, error 48): ends 11-21, 120 h: error. gcp-focus
   * (no thresholds): unknown. coreweave-usage (error 96), no data at all: error. gpu-dcgm (warn 6):
   * newest hour 11-25 20:00, ends 21:00, 3 h: ok.
   *
   * <p>Runs: R1 (11-24 01:30) read aws a.csv and azure z.csv; R2 (11-25 01:30) read aws a.csv again
   * and the new b.csv; R3 (11-25 02:00) failed on oci o.csv.
   */
  private TestWarehouse fixture() throws Exception {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .fxRates("currency,valid_from,rate_to_reporting\nEUR,2025-01-01,1.10\n")
            .sources(
                source("aws-focus", "focus", 24, 72),
                source("azure-focus", "focus", 24, null),
                source("oci-focus", "focus", 24, 48),
                source("gcp-focus", "focus", null, null),
                source("coreweave-usage", "focus-usage", null, 96),
                source("gpu-dcgm", "dcgm", 6, null))
            .rows(
                CostRow.charge("AWS", LocalDate.of(2026, 11, 24), "90.00")
                    .set("x_SourceName", "aws-focus"),
                CostRow.charge("Microsoft", LocalDate.of(2026, 11, 22), "50.00")
                    .currency("EUR")
                    .set("x_SourceName", "azure-focus"),
                CostRow.charge("Oracle", LocalDate.of(2026, 11, 20), "5.00")
                    .set("x_SourceName", "oci-focus"),
                CostRow.charge("Google Cloud", LocalDate.of(2026, 11, 25), "7.00")
                    .set("x_SourceName", "gcp-focus"))
            .manifest(
                "R1",
                run(
                    "R1",
                    "2026-11-24T01:30:00Z",
                    "ok",
                    input("aws-focus", "/l/aws/a.csv", "a1", 10, 1, "USD", "100", "90", "10")
                        + ","
                        + input("azure-focus", "/l/az/z.csv", "z1", 8, 1, "EUR", "60", "50", "10")))
            .manifest(
                "R2",
                run(
                    "R2",
                    "2026-11-25T01:30:00Z",
                    "ok",
                    input("aws-focus", "/l/aws/a.csv", "a1", 10, 1, "USD", "100", "90", "10")
                        + ","
                        + input("aws-focus", "/l/aws/b.csv", "b1", 5, 2, "USD", "20", "15", "5")))
            .manifest(
                "R3",
                run(
                    "R3",
                    "2026-11-25T02:00:00Z",
                    "failed",
                    input("oci-focus", "/l/oci/o.csv", "o1", 4, 0, "USD", "10", "0", "0")));
    writeTelemetry(wh, "gpu-dcgm", "2026-11-25 20:00:00");
    return wh;
  }

  @Test
  void rptDataQualityHasOneRowPerConfiguredSourceWithItsLastRunAndFreshness() throws Exception {
    TestWarehouse wh = fixture();

    wh.build(AS_OF);

    assertEquals(
        List.of(
            "aws-focus | focus | 2026-11-25 01:30:00 | ok | 2 | 15 | 3 | 15.00 | true"
                + " | 2026-11-25 00:00:00 | 24 | 24 | 72 | ok",
            "azure-focus | focus | 2026-11-24 01:30:00 | ok | 1 | 8 | 1 | 11.00 | true"
                + " | 2026-11-23 00:00:00 | 72 | 24 | NULL | late",
            "oci-focus | focus | 2026-11-25 02:00:00 | failed | 1 | 4 | 0 | 0.00 | false"
                + " | 2026-11-21 00:00:00 | 120 | 24 | 48 | error",
            "gcp-focus | focus | NULL | NULL | 0 | 0 | 0 | NULL | NULL"
                + " | 2026-11-26 00:00:00 | 0 | NULL | NULL | unknown",
            "coreweave-usage | focus-usage | NULL | NULL | 0 | 0 | 0 | NULL | NULL"
                + " | NULL | NULL | NULL | 96 | error",
            "gpu-dcgm | dcgm | NULL | NULL | 0 | 0 | 0 | NULL | NULL"
                + " | 2026-11-25 21:00:00 | 3 | 6 | NULL | ok"),
        wh.query(
            "select source, format, last_delivery_at, last_run_status, files, rows_in,"
                + " rows_quarantined, cost_quarantined_reporting, reconciled, newest_data_end,"
                + " hours_late, warn_after_hours, error_after_hours, freshness_status"
                + " from rpt_data_quality order by source_order"));
  }

  /**
   * A re-delivered month: the older delivery's rows are read, superseded and counted, and the
   * report converts their cost like the quarantined cost.
   */
  @Test
  void rowsAndCostThatANewerDeliverySupersededAreShownPerSource() throws Exception {
    TestWarehouse wh = fixture();
    wh.manifest(
        "R4",
        run(
            "R4",
            "2026-11-25T03:00:00Z",
            "ok",
            "{\"source\": \"azure-focus\", \"format\": \"focus\", \"file\": \"/l/az/run-1/p.csv\","
                + " \"sha256\": \"z2\", \"bytes\": 100, \"rows_in\": 6, \"rows_written\": 0,"
                + " \"rows_quarantined\": 0, \"rows_superseded\": 6, \"cost\": [{\"currency\":"
                + " \"EUR\", \"cost_in\": \"40\", \"cost_written\": \"0\", \"cost_quarantined\":"
                + " \"0\", \"cost_superseded\": \"40\"}]},"
                + input("azure-focus", "/l/az/run-2/p.csv", "z3", 7, 0, "EUR", "45", "45", "0")));

    wh.build(AS_OF);

    assertEquals(
        List.of("azure-focus | 2 | 13 | 6 | 44.00 | true", "aws-focus | 2 | 15 | 0 | 0.00 | true"),
        wh.query(
            "select source, files, rows_in, rows_superseded, cost_superseded_reporting, reconciled"
                + " from rpt_data_quality where source in ('azure-focus', 'aws-focus')"
                + " order by source desc"));
  }

  @Test
  void theIngestsFreshnessCheckReachesTheWarehousesVerdicts() throws Exception {
    TestWarehouse wh = fixture();
    wh.build(AS_OF);

    List<String> fromLake =
        SourceFreshness.evaluate(wh.config(), AS_OF).stream()
            .map(r -> r.source() + " | " + r.hoursLate() + " | " + r.status())
            .toList();

    assertEquals(
        wh.query(
            "select source, coalesce(cast(hours_late as varchar), 'null'), freshness_status"
                + " from rpt_data_quality order by source_order"),
        fromLake);
    assertEquals("oci-focus | 120 | error", fromLake.get(2));
  }

  /** A day later everything is 24 h later: aws-focus passes its warn threshold. */
  @Test
  void aSourceTurnsLateOnceItsNewestChargeIsPastTheWarnThreshold() throws Exception {
    TestWarehouse wh = fixture();

    wh.build(AS_OF.plusDays(1));

    assertEquals(
        List.of("aws-focus | 48 | late"),
        wh.query(
            "select source, hours_late, freshness_status from rpt_data_quality"
                + " where source = 'aws-focus'"));
  }

  private static SourceConfig source(String name, String format, Integer warn, Integer error) {
    return new SourceConfig(
        name,
        format,
        "landing/" + name + "/**",
        Map.of(),
        warn == null && error == null ? null : new Freshness(warn, error));
  }

  private static String run(String runId, String startedAt, String status, String inputs) {
    return "{\"run_id\": \""
        + runId
        + "\", \"started_at\": \""
        + startedAt
        + "\", \"finished_at\": \""
        + startedAt
        + "\", \"as_of\": \"2026-11-24\", \"status\": \""
        + status
        + "\", \"inputs\": ["
        + inputs
        + "], \"units\": []}";
  }

  private static String input(
      String source,
      String file,
      String sha256,
      long rowsIn,
      long rowsQuarantined,
      String currency,
      String costIn,
      String costWritten,
      String costQuarantined) {
    return String.format(
        "{\"source\": \"%s\", \"format\": \"focus\", \"file\": \"%s\", \"sha256\": \"%s\","
            + " \"bytes\": 100, \"rows_in\": %d, \"rows_written\": %d, \"rows_quarantined\": %d,"
            + " \"cost\": [{\"currency\": \"%s\", \"cost_in\": \"%s\", \"cost_written\": \"%s\","
            + " \"cost_quarantined\": \"%s\"}]}",
        source,
        file,
        sha256,
        rowsIn,
        rowsIn - rowsQuarantined,
        rowsQuarantined,
        currency,
        costIn,
        costWritten,
        costQuarantined);
  }

  /** One telemetry hour in lake/gpu/source=S/day=D/ (the other lake/gpu columns are null). */
  private static void writeTelemetry(TestWarehouse wh, String source, String hour)
      throws Exception {
    Path leaf =
        wh.config()
            .layout()
            .lakeGpu()
            .resolve("source=" + source)
            .resolve("day=" + hour.substring(0, 10));
    Files.createDirectories(leaf);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(
          "copy (select "
              + Sql.literal(source)
              + " as x_SourceName, 'dcgm' as x_SourceFormat, timestamp "
              + Sql.literal(hour)
              + " as hour, 'GPU-1' as gpu_uuid, 60::bigint as sample_count,"
              + " 1.0::double as sample_coverage) to "
              + Sql.literal(leaf.resolve("part-00000.parquet").toString())
              + " (format parquet)");
    }
  }
}
