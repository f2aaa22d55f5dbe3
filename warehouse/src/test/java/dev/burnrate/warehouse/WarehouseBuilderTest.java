package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.WarehouseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build as a whole: empty lake, failing tests and inputs, atomic publish. */
class WarehouseBuilderTest {
  static final LocalDate AS_OF = LocalDate.of(2026, 10, 15);

  @TempDir Path tmp;

  @Test
  void emptyLakeBuildsEveryRelationWithItsTypes() {
    TestWarehouse wh = new TestWarehouse(tmp);

    BuildResult result = wh.build(AS_OF);

    assertEquals(wh.warehouseFile(), result.warehouseFile());
    assertEquals(0, result.rowsFocusCost());
    assertTrue(result.models() > 15, "models: " + result.models());
    assertTrue(result.testsRun() > 50, "tests: " + result.testsRun());
    assertEquals(
        List.of("2026-10-15 | USD | 0.00 | 0.00 | 0.00 | NULL | NULL | 0 | 0"),
        wh.query(
            "select as_of_date, reporting_currency, spend_mtd, spend_ytd, spend_total,"
                + " data_start, data_end, provider_count, row_count from rpt_summary"));
    assertEquals(
        List.of(
            "BilledCost | DECIMAL(28,10)",
            "ChargePeriodStart | TIMESTAMP",
            "x_SourceLine | BIGINT",
            "x_ChargeDate | DATE",
            "x_BilledCostReporting | DECIMAL(28,10)"),
        wh.query(
            "select column_name, data_type from duckdb_columns() where table_name = 'focus_cost'"
                + " and column_name in ('BilledCost', 'ChargePeriodStart', 'x_SourceLine',"
                + " 'x_BilledCostReporting', 'x_ChargeDate') order by column_index"));
    for (String relation :
        List.of(
            "fct_spend_daily",
            "fct_commitment_status",
            "fct_ingest_run_files",
            "rpt_provider_spend",
            "rpt_spend_monthly",
            "rpt_commitment_status")) {
      assertEquals(List.of("0"), wh.query("select count(*) from " + relation), relation);
    }
  }

  @Test
  void publishedFileHoldsTablesOnlyAndNoBuildFilesRemain() throws IOException {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.rows(CostRow.charge("AWS", LocalDate.of(2026, 10, 1), "10.00"));

    wh.build(AS_OF);

    assertEquals(List.of(), wh.query("select view_name from duckdb_views() where not internal"));
    assertEquals(List.of("burnrate.duckdb"), filesIn(wh.warehouseFile().getParent()));
  }

  @Test
  void duplicatedLakeRowFailsWithExit4AndOldWarehouseStillAnswers() {
    TestWarehouse wh = new TestWarehouse(tmp);
    CostRow row = CostRow.charge("AWS", LocalDate.of(2026, 10, 1), "10.00");
    wh.rows(row).build(AS_OF);
    CostRow duplicate = CostRow.charge("AWS", LocalDate.of(2026, 10, 2), "20.00");
    duplicate.set("x_SourceLine", 7L);
    CostRow copy = CostRow.charge("AWS", LocalDate.of(2026, 10, 2), "20.00");
    copy.set("x_SourceLine", 7L);
    wh.rows(duplicate, copy);

    BurnrateException e = assertThrows(BurnrateException.class, () -> wh.build(AS_OF));

    assertEquals(ExitCode.DATA_TEST, e.exitCode());
    assertTrue(e.getMessage().startsWith("data test failed: unique_focus_cost"), e.getMessage());
    assertTrue(e.getMessage().contains("x_SourceLine=7"), e.getMessage());
    assertTrue(e.getMessage().contains("row_count=2"), e.getMessage());
    assertEquals(
        List.of("1 | 10.0000000000"), wh.query("select count(*), sum(BilledCost) from focus_cost"));
  }

  @Test
  void nullProviderNameFailsWithExit4NamingTheTest() {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.rows(CostRow.charge("AWS", LocalDate.of(2026, 10, 1), "10.00")).build(AS_OF);
    wh.rows(CostRow.charge("AWS", LocalDate.of(2026, 10, 3), "5.00").set("ProviderName", null));

    BurnrateException e = assertThrows(BurnrateException.class, () -> wh.build(AS_OF));

    assertEquals(ExitCode.DATA_TEST, e.exitCode());
    assertTrue(
        e.getMessage().startsWith("data test failed: not_null_focus_cost_ProviderName"),
        e.getMessage());
    assertTrue(e.getMessage().contains("ProviderName=NULL"), e.getMessage());
    assertEquals(List.of("1"), wh.query("select count(*) from focus_cost"));
  }

  /**
   * The previous warehouse holds one USD row; the lake then gains EUR rows charged on 2026-10-03,
   * 04 and 06 while fx-rates.csv converts EUR only from 2026-10-05. The first EUR day without a
   * rate is 2026-10-03: exit 2 before the build starts, the warehouse folder as it was. With the
   * rate valid from 2026-10-03 itself the same lake builds: 1 + 3 rows.
   */
  @Test
  void lakeCurrencyWithoutRateIsAConfigurationErrorBeforeTheBuild() throws IOException {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.rows(CostRow.charge("AWS", LocalDate.of(2026, 10, 1), "10.00")).build(AS_OF);
    Path live = wh.warehouseFile();
    byte[] previous = Files.readAllBytes(live);
    wh.fxRates("currency,valid_from,rate_to_reporting\nEUR,2026-10-05,1.10\n");
    wh.rows(
        CostRow.charge("Microsoft", LocalDate.of(2026, 10, 6), "1.00").currency("EUR"),
        CostRow.charge("Microsoft", LocalDate.of(2026, 10, 3), "1.00").currency("EUR"),
        CostRow.charge("Microsoft", LocalDate.of(2026, 10, 4), "1.00").currency("EUR"));

    BurnrateException e = assertThrows(BurnrateException.class, () -> wh.build(AS_OF));

    assertEquals(ExitCode.USAGE, e.exitCode());
    assertEquals(
        "no FX rate for EUR on 2026-10-03, the first day the lake bills in it (reporting currency"
            + " USD): add a row to "
            + wh.conf.resolve("fx-rates.csv")
            + " with currency EUR and valid_from on or before that day",
        e.getMessage());
    assertEquals(List.of("burnrate.duckdb"), filesIn(live.getParent()));
    assertArrayEquals(previous, Files.readAllBytes(live), "the previous warehouse is untouched");

    wh.fxRates("currency,valid_from,rate_to_reporting\nEUR,2026-10-03,1.10\n");
    assertEquals(4, wh.build(AS_OF).rowsFocusCost());
  }

  @Test
  void contractCurrencyWithoutRateFailsWithExit3AtTheFirstChargeNeedingIt() {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.contracts(
        """
        contracts:
          - contract_id: aws-chf
            provider: AWS
            currency: CHF
            period: {start: 2026-01-01, end: 2027-01-01}
            commitments:
              - id: aws-chf-y1
                category: Spend
                period: {start: 2026-01-01, end: 2027-01-01}
                amount: 1000
        """);
    wh.rows(CostRow.charge("AWS", LocalDate.of(2026, 10, 2), "10.00"));

    BurnrateException e = assertThrows(BurnrateException.class, () -> wh.build(AS_OF));

    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().startsWith("no FX rate for CHF on 2026-10-02"), e.getMessage());
  }

  @Test
  void malformedFxRatesFileIsAConfigurationError() {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.fxRates("currency,valid_from,rate_to_reporting\nEUR,2026-10-01,1.10\nEUR,2026-10-01,1.20\n");

    BurnrateException e = assertThrows(BurnrateException.class, () -> wh.build(AS_OF));

    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(e.getMessage().endsWith("EUR has two rates valid from 2026-10-01"), e.getMessage());
  }

  @Test
  void unreadableLakeFileIsBadInputNamingTheFile() throws IOException {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.rows(CostRow.charge("AWS", LocalDate.of(2026, 10, 1), "10.00")).writeLake();
    Path broken =
        wh.config()
            .layout()
            .lakeCost()
            .resolve("provider=AWS/period=2026-10/source=s/account=a/part-00000.parquet");
    Files.createDirectories(broken.getParent());
    Files.writeString(broken, "not parquet at all");

    BurnrateException e =
        assertThrows(BurnrateException.class, () -> WarehouseBuilder.build(wh.config(), AS_OF));

    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().contains(broken.toString()), e.getMessage());
  }

  /**
   * pipeline.yaml's warehouse.memory_limit reaches DuckDB: 1 MiB cannot hold a model, so the build
   * fails naming the setting and the previous warehouse still answers; 2 GiB builds, and the
   * configured temp_directory keeps no spill folder of the finished builds (nor a crashed one's).
   */
  @Test
  void memoryLimitAndTempDirectoryComeFromTheWarehouseSettings() throws IOException {
    TestWarehouse wh = new TestWarehouse(tmp);
    Path spill = tmp.resolve("spill");
    wh.rows(CostRow.charge("AWS", LocalDate.of(2026, 10, 1), "10.00"))
        .warehouse(WarehouseSettings.withMemory("2GiB", spill))
        .build(AS_OF);
    Files.createDirectories(spill.resolve("burnrate.duckdb.building-999999999.tmp"));
    wh.rows(CostRow.charge("AWS", LocalDate.of(2026, 10, 2), "5.00"));

    BurnrateException e =
        assertThrows(
            BurnrateException.class,
            () -> wh.warehouse(WarehouseSettings.withMemory("1MiB", spill)).build(AS_OF));

    assertEquals(ExitCode.FAILURE, e.exitCode());
    assertTrue(e.getMessage().contains("Out of Memory Error"), e.getMessage());
    assertTrue(e.getMessage().contains("warehouse.memory_limit"), e.getMessage());
    assertEquals(List.of("1"), wh.query("select count(*) from focus_cost"));
    assertEquals(List.of(), filesIn(spill));
    wh.warehouse(WarehouseSettings.withMemory("2GiB", spill)).build(AS_OF);
    assertEquals(List.of("2"), wh.query("select count(*) from focus_cost"));
    assertEquals(List.of(), filesIn(spill));
  }

  @Test
  void staleBuildFilesOfDeadProcessesAreDeleted() throws IOException {
    TestWarehouse wh = new TestWarehouse(tmp);
    Path dir = wh.warehouseFile().getParent();
    Files.createDirectories(dir);
    // no process has pid 999999999 (above Linux's pid_max)
    Files.writeString(dir.resolve("burnrate.duckdb.building-999999999"), "half a database");
    Files.writeString(dir.resolve("burnrate.duckdb.building-999999999.wal"), "wal");
    Files.writeString(dir.resolve("notes.txt"), "kept");

    wh.build(AS_OF);

    assertEquals(List.of("burnrate.duckdb", "notes.txt"), filesIn(dir));
  }

  @Test
  void readerHoldingTheOldFileKeepsReadingItWhileANewBuildIsPublished() throws Exception {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.rows(CostRow.charge("AWS", LocalDate.of(2026, 10, 1), "10.00")).build(AS_OF);
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection reader =
        DriverManager.getConnection("jdbc:duckdb:" + wh.warehouseFile(), readOnly)) {
      wh.rows(CostRow.charge("AWS", LocalDate.of(2026, 10, 2), "5.00")).build(AS_OF);

      try (Statement s = reader.createStatement();
          ResultSet rs = s.executeQuery("select count(*) from focus_cost")) {
        rs.next();
        assertEquals(1, rs.getLong(1));
      }
    }
    assertEquals(List.of("2"), wh.query("select count(*) from focus_cost"));
  }

  @Test
  void focusCostKeepsEveryLakeColumnInOrderThenTheDerivedOnes() {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.build(AS_OF);

    List<String> columns =
        wh.query(
            "select column_name from duckdb_columns() where table_name = 'focus_cost'"
                + " order by column_index");

    List<String> expected =
        new java.util.ArrayList<>(
            dev.burnrate.core.focus.FocusColumns.ALL.stream().map(c -> c.name()).toList());
    expected.addAll(
        List.of(
            "x_ChargeDate",
            "x_FxRate",
            "x_BilledCostReporting",
            "x_EffectiveCostReporting",
            "x_GpuModel",
            "x_GpuCount",
            "x_GpuHours"));
    assertEquals(expected, columns);
  }

  /**
   * What a read-only client lists (burnrate sql, the DuckDB CLI, DBeaver): every relation in any
   * schema, and every column of it, carries its _models.yaml documentation; the build-only
   * relations (staging, intermediate, the src schema) are gone.
   */
  @Test
  void everyPublishedRelationAndColumnIsDocumented() {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.build(AS_OF);

    List<String> undocumented =
        wh.query(
            "select table_name || '.' || column_name from duckdb_columns()"
                + " where not internal and comment is null order by all");
    List<String> relations =
        wh.query(
            "select schema_name || '.' || table_name || ' ' || (comment is not null) from"
                + " (select schema_name, table_name, comment from duckdb_tables() where not internal"
                + " union all select schema_name, view_name, comment from duckdb_views()"
                + " where not internal) order by all");

    assertEquals(List.of(), undocumented);
    List<String> published =
        ModelCatalog.load().models().stream()
            .filter(m -> m.layer().isTable())
            .map(m -> "main." + m.name() + " true")
            .sorted()
            .toList();
    assertEquals(published, relations);
  }

  private static List<String> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
