package dev.burnrate.etl.ingest.formats;

import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Format-specific work that a declarative mapping cannot express, done on the raw rows before the
 * mapping runs: parsing nested credits, splitting one source row into several charges, deriving
 * helper columns the mapping's rules then name. A preparer keeps the underscore columns of {@link
 * dev.burnrate.etl.ingest.RawRows} (file, line, malformed, corrupt text) on every row it emits.
 */
@FunctionalInterface
public interface Preparer {
  /**
   * @param rows the source columns, all text, plus the underscore columns
   * @return rows for the mapping: the source columns, any derived columns, the underscore columns
   */
  Dataset<Row> prepare(Dataset<Row> rows);

  /**
   * The same with the source's context, for preparers that need configuration (a rate card in
   * conf/, a source option). By default the context is not used.
   */
  default Dataset<Row> prepare(Dataset<Row> rows, Context context) {
    return prepare(rows);
  }

  /** Where the rows come from: the session, the pipeline configuration and the source entry. */
  record Context(SparkSession spark, PipelineConfig config, SourceConfig source) {}

  Preparer NONE = rows -> rows;
}
