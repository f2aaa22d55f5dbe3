package dev.burnrate.etl.ingest.formats;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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

  Preparer NONE = rows -> rows;
}
