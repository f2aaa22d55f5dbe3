package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code burnrate sql}: one read-only statement with locked settings and a timeout, printed as a
 * table or as CSV with control characters escaped.
 */
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
    return run(sql, format, SqlQuery.DEFAULT_TIMEOUT_SECONDS);
  }

  private static String run(String sql, SqlQuery.Format format, int timeoutSeconds) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SqlQuery.run(
        warehouse,
        sql,
        format,
        timeoutSeconds,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
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

  private static BurnrateException refused(String sql) {
    BurnrateException e =
        assertThrows(BurnrateException.class, () -> run(sql, SqlQuery.Format.CSV));
    assertEquals(ExitCode.USAGE, e.exitCode());
    return e;
  }

  @Test
  void refusesATextWithASecondStatement() {
    for (String sql :
        List.of(
            "select 1; select 2",
            "select 1;select 2;",
            "select ';' as s; select 2",
            "select 1 as \"a;\"; select 2",
            "select 1 -- one\n; /* two */ select 2",
            "select 1; 'x'")) {
      BurnrateException e = refused(sql);
      assertTrue(
          e.getMessage().startsWith("burnrate sql runs one statement per call: the ';' at"),
          sql + " -> " + e.getMessage());
    }
    assertTrue(refused("select 1; select 2").getMessage().contains("character 9"));
  }

  /**
   * A ';' inside a string, a quoted name, a dollar-quoted string, an E'' string after an escaped
   * quote, or a (nested) comment ends nothing; nor does a trailing one.
   */
  @Test
  void semicolonsInsideLiteralsAndCommentsAndAtTheEndAreOneStatement() {
    assertEquals("n\n1\n", run("select 1 as n;", SqlQuery.Format.CSV));
    assertEquals("n\n1\n", run("select 1 as n ; ; -- done; select 2\n", SqlQuery.Format.CSV));
    assertEquals("s\n;\n", run("select ';' as s", SqlQuery.Format.CSV));
    assertEquals("\"a;\"\"\"\n1\n", run("select 1 as \"a;\"\"\"", SqlQuery.Format.CSV));
    assertEquals("s\n ; \n", run("select $x$ ; $x$ as s", SqlQuery.Format.CSV));
    assertEquals("s\na';b\n", run("select E'a\\';b' as s", SqlQuery.Format.CSV));
    assertEquals("n\n1\n", run("select /* ; /* ; */ ; */ 1 as n", SqlQuery.Format.CSV));
  }

  @Test
  void settingsAreLocked() {
    for (String set :
        List.of(
            "SET memory_limit='1GB'",
            "SET enable_external_access=true",
            "SET lock_configuration=false",
            "RESET lock_configuration")) {
      BurnrateException e = refused(set);
      assertTrue(e.getMessage().contains("the configuration has been locked"), e.getMessage());
    }
    assertEquals(
        "external\nfalse\n",
        run("select current_setting('enable_external_access') as external", SqlQuery.Format.CSV));
  }

  @Test
  void aQueryPastItsTimeoutIsStoppedWithExit2() {
    long started = System.nanoTime();
    BurnrateException e =
        assertThrows(
            BurnrateException.class,
            () -> run("select count(*) from range(1000000000000) a", SqlQuery.Format.TABLE, 1));
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;

    assertEquals(ExitCode.USAGE, e.exitCode());
    assertEquals(
        "the query ran longer than 1 seconds and was stopped: narrow it, or raise --timeout"
            + " (0: no limit)",
        e.getMessage());
    // a trillion rows take hours to count; the timeout stopped it
    assertTrue(seconds < 60, seconds + " s");
  }

  @Test
  void duckDbSpillsToAPrivateFolderOutsideTheWarehouseFolderDeletedAfterwards() throws Exception {
    String out = run("select current_setting('temp_directory') as t", SqlQuery.Format.CSV);
    Path spill = Path.of(out.lines().toList().get(1));

    Path tmpdir = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    assertTrue(spill.startsWith(tmpdir), spill.toString());
    assertTrue(spill.getFileName().toString().startsWith("burnrate-sql-"), spill.toString());
    assertFalse(spill.startsWith(warehouse.getParent()), spill.toString());
    assertFalse(Files.exists(spill), spill + " is deleted after the query");
  }

  /**
   * The value is x, ESC, "]0;owned" (set the window title), BEL, LF, CSI (U+009B), y and RIGHT-TO-
   * LEFT OVERRIDE (U+202E); escaped: x \x1b ]0;owned \x07 \n \x9b y and backslash-u202e, 1 + 4 + 8
   * + 4 + 2 + 4 + 1 + 6 = 30 characters wide.
   */
  @Test
  void controlCharactersInValuesArePrintedEscapedInTables() {
    String out =
        run(
            "select 'x' || chr(27) || ']0;owned' || chr(7) || chr(10) || chr(155) || 'y'"
                + " || chr(8238) as v",
            SqlQuery.Format.TABLE);

    assertEquals(
        String.join(
            "\n", "v", "-".repeat(30), "x\\x1b]0;owned\\x07\\n\\x9by\\u202e", "(1 row)", ""),
        out);
  }

  @Test
  void controlCharactersInNamesAndValuesArePrintedEscapedInCsvOneLinePerRow() {
    String out =
        run(
            "select 'a' || chr(13) || chr(10) || 'b,' || chr(27) || '[2Jc' || chr(9) as \"t\u001b\"",
            SqlQuery.Format.CSV);

    assertEquals(List.of("t\\x1b", "\"a\\r\\nb,\\x1b[2Jc\\t\""), out.lines().toList());
  }

  @Test
  void controlCharactersInDuckDbsMessageArePrintedEscaped() {
    BurnrateException e = refused("select cast('x' || chr(27) || '[31m' as integer)");

    assertTrue(e.getMessage().contains("'x\\x1b[31m'"), e.getMessage());
    assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
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
