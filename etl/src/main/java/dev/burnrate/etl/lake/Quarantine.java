package dev.burnrate.etl.lake;

import static org.apache.spark.sql.functions.col;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.PipelineConfig;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quarantine policy. A source's rejected rows go to {@code
 * lake/quarantine/run=<run_id>/source=<source>} with their file, physical line, column, reason and
 * raw text; then each file's share of rejected rows is held against {@code quarantine_max_share}:
 * over it the run stops (exit 3), under it the file's rejections are logged. Either way with up to
 * three examples from the quarantine, not from another pass over the source.
 */
public final class Quarantine {
  private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);
  private static final String FILE = "x_SourceFile";
  private static final String LINE = "x_SourceLine";

  private final SparkSession spark;
  private final PipelineConfig cfg;
  private final String runId;
  private final String noun;

  /**
   * @param noun what the ingest reads and rejects, singular: "row" (billing) or "line" (telemetry)
   */
  public Quarantine(SparkSession spark, PipelineConfig cfg, String runId, String noun) {
    this.spark = spark;
    this.cfg = cfg;
    this.runId = runId;
    this.noun = noun;
  }

  /** The quarantine's columns in their order, from the ingest's expressions for them. */
  public static Column[] columns(
      Column source,
      Column file,
      Column line,
      Column column,
      Column reason,
      Column raw,
      Column cost,
      Column currency) {
    return new Column[] {
      source.as("x_SourceName"),
      file.as(FILE),
      line.as(LINE),
      column.as("column_name"),
      reason.as("reason"),
      raw.as("raw"),
      cost.as("BilledCost"),
      currency.as("BillingCurrency")
    };
  }

  /** Writes a source's rejected rows, selected with {@link #columns}; returns their folder. */
  public Path write(String source, Dataset<Row> rejected) {
    Path dir =
        new Path(
            cfg.layout()
                .lakeQuarantine()
                .resolve("run=" + runId)
                .resolve("source=" + source)
                .toUri());
    rejected.coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir.toString());
    LOG.warn("source {}: quarantined {}s written to {}", source, noun, dir);
    return dir;
  }

  /**
   * Applies the share limit to each file with rejected rows.
   *
   * @param dir the source's quarantine ({@link #write})
   * @throws BurnrateException exit 3 when a file's share is over quarantine_max_share
   */
  public void checkShares(Path dir, List<RunManifest.FileRead> files) {
    for (RunManifest.FileRead f : files) {
      if (f.rowsQuarantined() == 0) {
        continue;
      }
      String examples = examples(dir, f.file());
      double share = (double) f.rowsQuarantined() / Math.max(1, f.rowsIn());
      if (share > cfg.quarantineMaxShare()) {
        throw BurnrateException.input(
            String.format(
                "%s: %d of %d %ss quarantined (%.1f%%, limit %.1f%%)%s",
                f.file(),
                f.rowsQuarantined(),
                f.rowsIn(),
                noun,
                100 * share,
                100 * cfg.quarantineMaxShare(),
                examples));
      }
      LOG.warn("{}: {} {}(s) quarantined{}", f.file(), f.rowsQuarantined(), noun, examples);
    }
  }

  /**
   * The file's first three rejections: "; line 8, column value: reason", without the column where
   * the reason already starts with it (a billing row's reasons are "Column: problem").
   */
  private String examples(Path dir, String file) {
    StringBuilder out = new StringBuilder();
    for (Row r :
        spark
            .read()
            .parquet(dir.toString())
            .filter(col(FILE).equalTo(file))
            .orderBy(LINE)
            .select(LINE, "column_name", "reason")
            .limit(3)
            .collectAsList()) {
      String column = r.getString(1);
      String reason = r.getString(2);
      out.append("; line ").append(r.isNullAt(0) ? "-" : Long.toString(r.getLong(0)));
      if (column != null && (reason == null || !reason.startsWith(column + ":"))) {
        out.append(", column ").append(column);
      }
      out.append(": ").append(reason);
    }
    return out.toString();
  }
}
