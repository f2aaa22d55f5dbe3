package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code burnrate sql}: read-only queries printed as a table or as CSV. */
class SqlQueryTest {
  @TempDir static Path tmp;
  static Path warehouse;

  @BeforeAll
  static void buildWarehouse() {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.rows(
        CostRow.charge("AWS", LocalDate.of(2026, 10, 1), "1234.50"),
        CostRow.charge("Google Cloud", LocalDate.of(2026, 10, 2), "7.25")
            .service("Compute Engine, \"GPU\""));
    warehouse = wh.build(LocalDate.of(2026, 10, 2)).warehouseFile();
  }

  private static String run(String sql, SqlQuery.Format format) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SqlQuery.run(warehouse, sql, format, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsAnAlignedTableWithNumbersOnTheRight() {
    String out =
        run(
            "select provider, billed_cost, charge_date from fct_spend_daily order by provider",
            SqlQuery.Format.TABLE);

    assertEquals(
        String.join(
            "\n",
            "provider     |     billed_cost | charge_date",
            "-------------+-----------------+------------",
            "AWS          | 1234.5000000000 | 2026-10-01",
            "Google Cloud |    7.2500000000 | 2026-10-02",
            "(2 rows)",
            ""),
        out);
  }

  @Test
  void printsCsvWithQuotingAndEmptyNulls() {
    String out =
        run(
            "select service_name, billed_cost, null as nothing, timestamp '2026-10-01 12:00:00' as at"
                + " from fct_spend_daily order by provider",
            SqlQuery.Format.CSV);

    assertEquals(
        List.of(
            "service_name,billed_cost,nothing,at",
            "Compute,1234.5000000000,,2026-10-01 12:00:00",
            "\"Compute Engine, \"\"GPU\"\"\",7.2500000000,,2026-10-01 12:00:00"),
        out.lines().toList());
  }

  @Test
  void refusesWritesWithExit2AndDuckDbsFirstLine() {
    for (String write :
        List.of(
            "create table x (a int)",
            "delete from focus_cost",
            "insert into rpt_summary select * from rpt_summary")) {
      BurnrateException e =
          assertThrows(BurnrateException.class, () -> run(write, SqlQuery.Format.TABLE));
      assertEquals(ExitCode.USAGE, e.exitCode());
      assertTrue(e.getMessage().contains("read-only"), e.getMessage());
    }
    assertEquals(
        "n\n-\n2\n(1 row)\n", run("select count(*) as n from focus_cost", SqlQuery.Format.TABLE));
  }

  @Test
  void refusesToWriteFilesOutsideTheWarehouse() {
    Path out = tmp.resolve("leak.csv");
    BurnrateException e =
        assertThrows(
            BurnrateException.class,
            () -> run("copy focus_cost to '" + out + "'", SqlQuery.Format.TABLE));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(!out.toFile().exists());
  }

  @Test
  void badSqlIsExit2WithOnlyTheFirstLine() {
    BurnrateException e =
        assertThrows(
            BurnrateException.class, () -> run("select * from no_such_table", SqlQuery.Format.CSV));

    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(
        e.getMessage().startsWith("Catalog Error: Table with name no_such_table"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void missingWarehouseIsExit2() {
    BurnrateException e =
        assertThrows(
            BurnrateException.class,
            () ->
                SqlQuery.run(
                    tmp.resolve("nowhere.duckdb"), "select 1", SqlQuery.Format.CSV, System.out));
    assertEquals(ExitCode.USAGE, e.exitCode());
  }
}
