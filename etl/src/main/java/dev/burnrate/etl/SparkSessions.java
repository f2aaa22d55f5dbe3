package dev.burnrate.etl;

import dev.burnrate.core.config.PipelineConfig;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession a process uses. Under spark-submit the master and any --conf given
 * there win; pipeline.yaml only fills what is not already set.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /** Settings every burnrate job relies on, whatever the master. */
  static final Map<String, String> DEFAULTS =
      Map.of(
          "spark.sql.session.timeZone", "UTC",
          "spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS",
          "spark.sql.parquet.compression.codec", "zstd",
          "spark.ui.enabled", "false",
          "spark.ui.showConsoleProgress", "false",
          "spark.sql.shuffle.partitions", "8",
          "spark.sql.adaptive.enabled", "true");

  public static SparkSession create(PipelineConfig cfg, String appName) {
    return create(cfg.spark().master(), cfg.spark().conf(), appName);
  }

  public static SparkSession create(String master, Map<String, String> conf, String appName) {
    SparkConf existing = new SparkConf(true); // picks up spark-submit's system properties
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    if (!existing.contains("spark.master")) {
      b.master(master);
    }
    DEFAULTS.forEach(
        (k, v) -> {
          if (!existing.contains(k) && !conf.containsKey(k)) {
            b.config(k, v);
          }
        });
    conf.forEach(b::config);
    return b.getOrCreate();
  }
}
