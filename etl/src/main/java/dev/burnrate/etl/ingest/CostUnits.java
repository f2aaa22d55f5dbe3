package dev.burnrate.etl.ingest;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.core.focus.FocusColumn;
import dev.burnrate.core.focus.FocusColumns;
import dev.burnrate.etl.lake.Deliveries;
import dev.burnrate.etl.lake.LakeRun;
import dev.burnrate.etl.lake.Quarantine;
import dev.burnrate.etl.lake.RunManifest;
import dev.burnrate.etl.lake.UnitPlan;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The cost lake's units: lake/cost is partitioned by provider, billing period, source and billing
 * account, and each (source, billing account, billing period) folder is one unit, published whole.
 * This class totals a source's FOCUS rows per file, currency and unit as read, stages the rows to
 * write, reads the staged units back (rows, cost and a content fingerprint) and plans their
 * publish: a unit whose fingerprint the live version already has stays as it is.
 */
final class CostUnits {
  private static final String PROVIDER = "provider";
  private static final String PERIOD = "period";
  private static final String SOURCE = "source";
  private static final String ACCOUNT = "account";

  private final SparkSession spark;
  private final PipelineConfig cfg;
  private final LakeRun run;

  CostUnits(SparkSession spark, PipelineConfig cfg, LakeRun run) {
    this.spark = spark;
    this.cfg = cfg;
    this.run = run;
  }

  /** True on a row that cannot be typed: it goes to the quarantine. */
  static Column rejected() {
    return size(col(FocusProjection.ERRORS)).gt(0);
  }

  /**
   * Per (file, currency, provider, period, account) as read: rows, cost, rows and cost rejected
   * (qrows, qcost), and the short rows {@link RawRows#warnShortRows} reports.
   */
  static List<Row> readTotals(Dataset<Row> mapped) {
    Column bad = rejected();
    return mapped
        .groupBy(
            col("x_SourceFile"),
            coalesce(col("BillingCurrency"), lit("?")).as("currency"),
            col("ProviderName").as(PROVIDER),
            date_format(col("BillingPeriodStart"), "yyyy-MM").as(PERIOD),
            col("BillingAccountId").as(ACCOUNT))
        .agg(
            count(lit(1)).as("rows"),
            sum(col("BilledCost")).as("cost"),
            sum(when(bad, 1).otherwise(0)).as("qrows"),
            sum(when(bad, col("BilledCost"))).as("qcost"),
            count(col(RawRows.SHORT_ROW)).as(RawRows.SHORT_ROWS),
            min(col(RawRows.SHORT_ROW)).as(RawRows.SHORTEST_ROW))
        .collectAsList();
  }

  /** The rows to quarantine: those rejected, unless a newer delivery supersedes them. */
  static long rejectedRows(List<Row> read, Set<List<String>> superseded) {
    return read.stream()
        .filter(r -> !superseded.contains(Deliveries.key(r)))
        .mapToLong(r -> r.getLong(r.fieldIndex("qrows")))
        .sum();
  }

  /** The quarantine's columns of a rejected row. */
  static Column[] quarantineColumns() {
    return Quarantine.columns(
        col("x_SourceName"),
        col("x_SourceFile"),
        col("x_SourceLine"),
        regexp_replace(element_at(col(FocusProjection.ERRORS), 1), ":.*$", ""),
        array_join(col(FocusProjection.ERRORS), "; "),
        col(FocusProjection.RAW),
        col("BilledCost"),
        col("BillingCurrency"));
  }

  /**
   * Stages a source's rows to write, one folder per unit, and returns the source's staged folder.
   *
   * @param read {@link #readTotals} of the source
   * @param superseded the keys of {@code read} whose rows a newer delivery holds ({@link
   *     Deliveries#superseded})
   */
  Path stage(SourceConfig src, Dataset<Row> rows, List<Row> read, Set<List<String>> superseded) {
    List<Column> lake = new ArrayList<>();
    for (FocusColumn c : FocusColumns.ALL) {
      lake.add(col(c.name()));
    }
    lake.add(col("ProviderName").as(PROVIDER));
    lake.add(date_format(col("BillingPeriodStart"), "yyyy-MM").as(PERIOD));
    lake.add(col("x_SourceName").as(SOURCE));
    lake.add(col("BillingAccountId").as(ACCOUNT));
    return run.staging()
        .write(
            spreadForWrite(rows.select(lake.toArray(Column[]::new)), read, superseded),
            src.name(),
            SaveMode.ErrorIfExists,
            PROVIDER,
            PERIOD,
            SOURCE,
            ACCOUNT);
  }

  /**
   * Partitions the rows to stage so that the write uses every core and leaves few files. Fewer
   * units than cores (a month of one billing account, the usual CUR): no shuffle, each task writes
   * its share of the unit, at most one file per core and unit. More units: one task per unit, one
   * file per unit.
   */
  private Dataset<Row> spreadForWrite(
      Dataset<Row> rows, List<Row> read, Set<List<String>> superseded) {
    int cores = Math.max(2, spark.sparkContext().defaultParallelism());
    Set<List<String>> units = new HashSet<>();
    for (Row r : read) {
      List<String> k = Deliveries.key(r);
      if (!superseded.contains(k)) {
        units.add(k.subList(1, 4));
      }
    }
    return units.size() < cores
        ? rows.coalesce(cores)
        : rows.repartition(col(PROVIDER), col(PERIOD), col(ACCOUNT));
  }

  /** Per staged unit folder, file and currency: rows, cost and a content fingerprint. */
  List<Row> readBack(Path staged) {
    if (!run.staging().holdsParquet(staged)) {
      return List.of(); // nothing staged: every row was quarantined or superseded, or none came
    }
    List<Column> content = new ArrayList<>();
    for (FocusColumn c : FocusColumns.ALL) {
      if (!c.name().equals("x_RunId")) {
        content.add(col(c.name()));
      }
    }
    return spark
        .read()
        .parquet(staged.toString())
        .withColumn("_leaf", regexp_replace(col("_metadata.file_path"), "/[^/]*$", ""))
        .withColumn("_hash", xxhash64(content.toArray(Column[]::new)).cast("decimal(20,0)"))
        .groupBy(col("_leaf"), col("x_SourceFile"), col("BillingCurrency"))
        .agg(
            count(lit(1)).as("rows"),
            sum(col("BilledCost")).as("cost"),
            sum(col("_hash")).as("hash"),
            first(col("ProviderName")).as(PROVIDER),
            first(col("BillingAccountId")).as(ACCOUNT),
            first(date_format(col("BillingPeriodStart"), "yyyy-MM")).as(PERIOD))
        .collectAsList();
  }

  /**
   * Plans the publish of every staged unit of a source, the replaced version kept in
   * lake/replaced/run=&lt;run_id&gt;.
   *
   * @param back {@link #readBack} of the staged folder
   */
  List<RunManifest.Unit> plan(SourceConfig src, Path staged, List<Row> back) {
    Map<String, List<Row>> byLeaf = new TreeMap<>();
    for (Row r : back) {
      byLeaf.computeIfAbsent(r.getString(r.fieldIndex("_leaf")), k -> new ArrayList<>()).add(r);
    }
    List<RunManifest.Unit> units = new ArrayList<>();
    for (Map.Entry<String, List<Row>> e : byLeaf.entrySet()) {
      // file paths come back as URIs: a folder Spark named "provider=Google%20Cloud" reads
      // "provider=Google%2520Cloud" here, so decode through URI rather than take the text
      Path leaf = new Path(URI.create(e.getKey()));
      String rel = run.staging().relative(staged, leaf);
      Path target = new Path(new Path(cfg.layout().lakeCost().toUri()), rel);
      long rows = 0;
      BigDecimal hash = BigDecimal.ZERO;
      List<String> files = new ArrayList<>();
      for (Row r : e.getValue()) {
        rows += r.getLong(r.fieldIndex("rows"));
        hash = hash.add(r.getDecimal(r.fieldIndex("hash")));
        files.add(r.getString(r.fieldIndex("x_SourceFile")));
      }
      String fingerprint = rows + ":" + hash.toPlainString();
      UnitPlan.Planned planned =
          run.units()
              .fingerprinted(
                  leaf,
                  target,
                  new Path(
                      new Path(cfg.layout().lakeReplaced().toUri()), "run=" + run.id() + "/" + rel),
                  run.id(),
                  fingerprint,
                  files.stream().distinct().sorted().toList());
      Row first = e.getValue().get(0);
      units.add(
          new RunManifest.Unit(
              src.name(),
              first.getString(first.fieldIndex(PROVIDER)),
              first.getString(first.fieldIndex(ACCOUNT)),
              first.getString(first.fieldIndex(PERIOD)),
              planned.action(),
              rows,
              fingerprint,
              planned.previousRunId(),
              target.toUri().getPath()));
    }
    return units;
  }
}
