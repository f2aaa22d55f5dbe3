package dev.burnrate.etl.telemetry;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What became of one input file's lines (comments and headers aside), for the run record: {@code in
 * = written + quarantined + ignored}, where {@code ignored} holds both the metrics burnrate does
 * not use and the {@code noGpu} samples of used metrics without a GPU identity.
 *
 * @param in lines (or JSON points) read
 * @param written samples rolled up
 * @param quarantined rejected lines
 * @param ignored lines not used: other metrics, and {@code noGpu}
 * @param noGpu samples of used metrics without a GPU identity (no UUID label)
 * @param undated samples without a timestamp that the source's scrape_time rule could not date
 */
record FileCounts(long in, long written, long quarantined, long ignored, long noGpu, long undated) {

  static final FileCounts NONE = new FileCounts(0, 0, 0, 0, 0, 0);

  /** Per file ({@link TextLines#FILE}), from one aggregation over the parsed lines. */
  static Map<String, FileCounts> perFile(Dataset<Row> parsed) {
    Column k = col(Samples.KIND);
    Map<String, FileCounts> out = new HashMap<>();
    for (Row r :
        parsed
            .groupBy(col(TextLines.FILE))
            .agg(
                count(k.notEqual(Samples.SKIP)),
                count(k.equalTo(Samples.SAMPLE)),
                count(k.equalTo(Samples.BAD)),
                count(k.isin(Samples.IGNORED, Samples.NO_GPU)),
                count(k.equalTo(Samples.NO_GPU)),
                count(k.equalTo(Samples.SAMPLE).and(col(Samples.TS_MS).isNull())))
            .collectAsList()) {
      out.put(
          r.getString(0),
          new FileCounts(
              r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6)));
    }
    return out;
  }

  private static Column count(Column condition) {
    return sum(when(condition, 1L).otherwise(0L));
  }
}
