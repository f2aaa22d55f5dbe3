package dev.burnrate.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The {@code spark:} block of pipeline.yaml.
 *
 * @param master the Spark master URL: local[*] by default, or spark://, k8s://, yarn
 * @param conf extra Spark properties passed to the session builder as they are
 */
public record SparkConfig(
    @JsonProperty("master") String master, @JsonProperty("conf") Map<String, String> conf) {

  public SparkConfig {
    master = master == null || master.isBlank() ? "local[*]" : master;
    conf = conf == null ? Map.of() : Map.copyOf(conf);
  }

  public static SparkConfig defaults() {
    return new SparkConfig(null, null);
  }
}
