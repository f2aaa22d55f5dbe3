package dev.burnrate.etl.telemetry;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_block_start;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.replace;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.url_decode;
import static org.apache.spark.sql.functions.when;

import dev.burnrate.etl.lake.LineNumbers;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Text files as lines, read in parallel: {@code spark.read().text} splits large files across tasks
 * (a day of 1-minute scrapes for a big fleet is gigabytes), where {@code wholetext} would give each
 * file to one task and hold it in memory. Each line keeps its file, the start of the split it came
 * from and a row id, from which {@link LineNumbers} gives 1-based line numbers to the few rows that
 * need one (the quarantined). Counting splits costs one more scan, so it is done only when
 * something was rejected.
 */
final class TextLines {
  static final String TEXT = "value";
  static final String FILE = LineNumbers.FILE;
  static final String MTIME_MS = "_mtime_ms";
  static final String BLOCK = LineNumbers.BLOCK;
  static final String MID = LineNumbers.MID;
  static final String LINE = LineNumbers.LINE;

  private TextLines() {}

  /** Lines with {@link #FILE} (a plain path), {@link #MTIME_MS}, {@link #BLOCK}, {@link #MID}. */
  static Dataset<Row> read(SparkSession spark, List<String> files) {
    return spark
        .read()
        .text(files.toArray(String[]::new))
        .select(
            when(
                    col(TEXT).endsWith("\r").or(col(TEXT).startsWith("\uFEFF")),
                    regexp_replace(col(TEXT), "^\uFEFF|\r$", ""))
                .otherwise(col(TEXT))
                .as(TEXT),
            cleanPath(col("_metadata.file_path")).as(FILE),
            unix_millis(col("_metadata.file_modification_time")).as(MTIME_MS),
            input_file_block_start().as(BLOCK),
            monotonically_increasing_id().as(MID));
  }

  /** Spark's file URI as a plain path: no {@code file:} scheme, no URL escapes. */
  static Column cleanPath(Column uri) {
    Column path =
        when(uri.startsWith("file:///"), substring(uri, 8, Integer.MAX_VALUE))
            .when(uri.startsWith("file:"), regexp_replace(uri, "^file:(//)?", ""))
            .otherwise(uri);
    return when(path.contains("%"), url_decode(replace(path, lit("+"), lit("%2B"))))
        .otherwise(path);
  }
}
