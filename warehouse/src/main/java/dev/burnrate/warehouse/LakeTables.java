package dev.burnrate.warehouse;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.focus.FocusColumns;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the build reads from the lake: the run manifests and the quarantined rows, copied into the
 * {@code src} schema, and the lists of Parquet files the staging models read in place (with a
 * zero-row file that gives them every FocusColumns column and type).
 */
final class LakeTables {
  private static final String MANIFEST_INPUT_TYPE =
      "STRUCT(source VARCHAR, format VARCHAR, detected VARCHAR, file VARCHAR, sha256 VARCHAR,"
          + " bytes BIGINT, rows_in BIGINT, rows_written BIGINT, rows_quarantined BIGINT,"
          + " rows_superseded BIGINT, rows_ignored BIGINT, rows_ignored_no_gpu BIGINT,"
          + " cost STRUCT(currency VARCHAR, cost_in VARCHAR,"
          + " cost_written VARCHAR, cost_quarantined VARCHAR, cost_superseded VARCHAR)[])[]";

  private static final String MANIFEST_UNIT_TYPE =
      "STRUCT(source VARCHAR, provider VARCHAR, billing_account VARCHAR, billing_period VARCHAR,"
          + " action VARCHAR, rows BIGINT, previous_run_id VARCHAR)[]";

  private LakeTables() {}

  /**
   * The run manifests in lake/_runs (absent before the first ingest). A manifest DuckDB cannot read
   * is bad input (exit 3).
   */
  static void loadRunManifests(Connection c, Path runsDir) throws SQLException {
    Sql.exec(
        c,
        "create table src.ingest_run_manifests (run_id varchar, started_at varchar,"
            + " finished_at varchar, as_of varchar, status varchar, kind varchar, inputs "
            + MANIFEST_INPUT_TYPE
            + ", units "
            + MANIFEST_UNIT_TYPE
            + ", manifest_file varchar)");
    if (!hasFile(runsDir, "*.json")) {
      return;
    }
    String glob = runsDir.resolve("*.json").toString();
    try {
      Sql.exec(
          c,
          "insert into src.ingest_run_manifests select run_id, started_at, finished_at, as_of,"
              + " status, kind, inputs, units, filename from read_json("
              + Sql.literal(glob)
              + ", format = 'auto', filename = true, columns = {run_id: 'VARCHAR',"
              + " started_at: 'VARCHAR', finished_at: 'VARCHAR', as_of: 'VARCHAR',"
              + " status: 'VARCHAR', kind: 'VARCHAR', inputs: '"
              + MANIFEST_INPUT_TYPE
              + "', units: '"
              + MANIFEST_UNIT_TYPE
              + "'})");
    } catch (SQLException e) {
      throw BurnrateException.input(
          runsDir + ": cannot read the run manifests: " + Sql.firstLine(e));
    }
  }

  /**
   * The rows the ingest runs rejected, lake/quarantine/run=ID/source=NAME/*.parquet
   * (docs/architecture.md), with the file each came from. Copied rather than read through a view:
   * the quarantine is small, and the published warehouse must hold it, since {@code burnrate sql}
   * cannot read the lake. Only committed files count: a write that was killed or ran out of disk
   * leaves its part files below a {@code _temporary} folder (Hadoop's committer), and any path with
   * a segment starting with {@code _} or {@code .} is skipped, as Spark's own reader skips it. An
   * unreadable committed file is bad input (exit 3).
   */
  static void loadQuarantine(Connection c, Path quarantineDir) throws SQLException {
    Sql.exec(
        c,
        "create table src.quarantine_rows (x_SourceName varchar, x_SourceFile varchar,"
            + " x_SourceLine bigint, column_name varchar, reason varchar, raw varchar,"
            + " BilledCost decimal(28, 10), BillingCurrency varchar, quarantine_file varchar)");
    List<Path> files = committedParquet(quarantineDir);
    if (files.isEmpty()) {
      return;
    }
    String list =
        files.stream().map(f -> Sql.literal(f.toString())).collect(Collectors.joining(", "));
    try {
      Sql.exec(
          c,
          "insert into src.quarantine_rows select x_SourceName, x_SourceFile, x_SourceLine,"
              + " column_name, reason, raw, BilledCost, BillingCurrency, filename from"
              + " read_parquet(["
              + list
              + "], hive_partitioning = false, union_by_name = true, filename = true)");
    } catch (SQLException e) {
      throw BurnrateException.input(
          quarantineDir + ": cannot read the quarantine: " + Sql.firstLine(e));
    }
  }

  /**
   * Writes a Parquet file with no rows and exactly the FocusColumns schema, so stg_focus_cost has
   * every column with its type even when the lake has no cost files yet.
   */
  static void writeFocusSchemaFile(Connection c, Path file) throws SQLException {
    String columns =
        FocusColumns.ALL.stream()
            .map(col -> "cast(null as " + col.type().duckdbType() + ") as " + Sql.ident(col.name()))
            .collect(Collectors.joining(", "));
    Sql.exec(
        c,
        "copy (select "
            + columns
            + " limit 0) to "
            + Sql.literal(file.toString())
            + " (format parquet)");
  }

  /** The {{lake_cost_files}} list: the schema file, then the lake's cost files if it has any. */
  static String lakeCostFiles(Path lakeCost, Path focusSchemaFile) {
    String list = Sql.literal(focusSchemaFile.toString());
    if (hasParquetBelow(lakeCost)) {
      list += ", " + Sql.literal(lakeCost.resolve("**").resolve("*.parquet").toString());
    }
    return "[" + list + "]";
  }

  /**
   * The {{lake_replaced_files}} list: the schema file, then lake/replaced's Parquet files (earlier
   * versions of restated units) if there are any.
   */
  static String lakeReplacedFiles(Path lakeReplaced, Path focusSchemaFile) {
    return lakeCostFiles(lakeReplaced, focusSchemaFile);
  }

  /** The Parquet files below {@code dir} outside hidden ({@code _}, {@code .}) folders, sorted. */
  static List<Path> committedParquet(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".parquet") && Files.isRegularFile(p))
          .filter(p -> !hidden(dir.relativize(p)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw BurnrateException.input(dir + ": cannot list the lake: " + e.getMessage());
    }
  }

  private static boolean hidden(Path relative) {
    for (Path segment : relative) {
      String name = segment.toString();
      if (name.startsWith("_") || name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  static boolean hasParquetBelow(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(p -> p.toString().endsWith(".parquet") && Files.isRegularFile(p));
    } catch (IOException e) {
      throw BurnrateException.input(dir + ": cannot list the lake: " + e.getMessage());
    }
  }

  private static boolean hasFile(Path dir, String glob) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
      return files.iterator().hasNext();
    } catch (IOException e) {
      throw BurnrateException.input(dir + ": cannot list: " + e.getMessage());
    }
  }
}
