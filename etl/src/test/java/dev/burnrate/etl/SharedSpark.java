package dev.burnrate.etl;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** One local SparkSession for the whole test JVM: starting one costs seconds. */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      session =
          SparkSessions.create(
              "local[2]",
              Map.of("spark.sql.shuffle.partitions", "2", "spark.default.parallelism", "2"),
              "burnrate-tests");
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }
}
