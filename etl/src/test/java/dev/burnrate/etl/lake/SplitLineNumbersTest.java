package dev.burnrate.etl.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_block_start;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.etl.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file read in several splits keeps its physical line numbers: 3,000 lines of 12 bytes (36,000
 * bytes) read with 4 KiB splits come in 9 splits, and every line's number is the one it spells.
 */
class SplitLineNumbersTest {
  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  @Test
  void everyLineOfASplitFileHasItsPhysicalNumber() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 3000; i++) {
      text.append(String.format("line %06d", i)).append('\n');
    }
    Path file = dir.resolve("lines.txt");
    Files.writeString(file, text);
    String maxBytes = "spark.sql.files.maxPartitionBytes";
    String previous = spark.conf().get(maxBytes);
    spark.conf().set(maxBytes, "4096");
    try {
      Dataset<Row> lines =
          spark
              .read()
              .text(file.toString())
              .withColumn(LineNumbers.FILE, col("_metadata.file_path"))
              .withColumn(LineNumbers.BLOCK, input_file_block_start())
              .withColumn(LineNumbers.MID, monotonically_increasing_id())
              .cache();
      long splits = lines.select(LineNumbers.BLOCK).distinct().count();
      assertTrue(splits >= 9, splits + " splits");

      List<Row> wrong =
          LineNumbers.number(lines, lines, 1L)
              .filter(
                  col(LineNumbers.LINE)
                      .notEqual(
                          org.apache
                              .spark
                              .sql
                              .functions
                              .substring(col("value"), 6, 6)
                              .cast("long")))
              .collectAsList();
      assertEquals(List.of(), wrong);
      assertEquals(3000, LineNumbers.number(lines, lines, 1L).count());
    } finally {
      spark.conf().set(maxBytes, previous);
    }
  }
}
