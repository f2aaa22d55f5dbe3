package dev.burnrate.etl.lake;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Physical line numbers of text files read in parallel. {@code spark.read().text} splits a large
 * file across tasks; each line keeps its file, the start of the split it came from ({@code
 * input_file_block_start}) and a row id ({@code monotonically_increasing_id}, increasing within a
 * split). A line's number is then the count of lines in the file's earlier splits plus its place in
 * its own split: one more aggregation over the lines, no task reads a file alone. The billing CSV
 * reader and the telemetry text readers both number lines this way, so that a quarantined row names
 * the line an editor shows.
 */
public final class LineNumbers {
  public static final String FILE = "_file";
  public static final String BLOCK = "_block";
  public static final String MID = "_mid";
  public static final String LINE = "_line";

  private LineNumbers() {}

  /**
   * Adds {@link #LINE} to {@code rows}.
   *
   * @param lines every line of the files, with {@link #FILE}, {@link #BLOCK} and {@link #MID}
   * @param rows some of those lines (or all), keeping the three columns
   * @param firstLine the number of a file's first line
   */
  public static Dataset<Row> number(Dataset<Row> lines, Dataset<Row> rows, long firstLine) {
    Dataset<Row> blocks =
        lines
            .groupBy(col(FILE), col(BLOCK))
            .agg(min(MID).as("_first_mid"), count(lit(1)).as("_n"))
            .withColumn(
                "_before",
                sum("_n")
                    .over(
                        Window.partitionBy(FILE)
                            .orderBy(BLOCK)
                            .rowsBetween(Window.unboundedPreceding(), -1)));
    return rows.join(broadcast(blocks), new String[] {FILE, BLOCK})
        .withColumn(
            LINE,
            coalesce(col("_before"), lit(0L))
                .plus(col(MID).minus(col("_first_mid")))
                .plus(firstLine))
        .drop("_first_mid", "_n", "_before");
  }
}
