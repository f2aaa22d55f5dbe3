package dev.burnrate.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One export feed in pipeline.yaml.
 *
 * @param name unique name, carried into every row as x_SourceName
 * @param format the export format key (see {@link SourceFormat})
 * @param path a glob, relative to data_dir unless absolute
 * @param options reader options for this format (free-form, validated by the reader)
 */
public record SourceConfig(
    @JsonProperty(value = "name", required = true) String name,
    @JsonProperty(value = "format", required = true) String format,
    @JsonProperty(value = "path", required = true) String path,
    @JsonProperty("options") Map<String, String> options) {

  public SourceConfig {
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** The declared format; validated when the configuration is loaded. */
  public SourceFormat sourceFormat() {
    return SourceFormat.fromKey(format).orElseThrow();
  }
}
