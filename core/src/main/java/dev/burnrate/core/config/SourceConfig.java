package dev.burnrate.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One export feed in pipeline.yaml.
 *
 * @param name unique name, carried into every row as x_SourceName
 * @param format the export format key (see {@link SourceFormat})
 * @param path a glob, relative to data_dir unless absolute
 * @param options reader options for this format (free-form, validated by the reader)
 * @param freshness how late this feed's data may be before a run warns or fails (optional)
 * @param storage for an object-store path: how to reach it and read its delivery layout ({@code
 *     endpoint}, {@code path_style}, {@code region}, {@code layout}); overrides pipeline.yaml's
 *     top-level {@code storage:} defaults. Never credentials: those come from the environment.
 */
public record SourceConfig(
    @JsonProperty(value = "name", required = true) String name,
    @JsonProperty(value = "format", required = true) String format,
    @JsonProperty(value = "path", required = true) String path,
    @JsonProperty("options") Map<String, String> options,
    @JsonProperty("freshness") Freshness freshness,
    @JsonProperty("storage") Map<String, String> storage) {

  public SourceConfig {
    options = options == null ? Map.of() : Map.copyOf(options);
    storage = storage == null ? Map.of() : Map.copyOf(storage);
  }

  /** A source without object-store settings. */
  public SourceConfig(
      String name, String format, String path, Map<String, String> options, Freshness freshness) {
    this(name, format, path, options, freshness, Map.of());
  }

  /**
   * How late a delivery may be: the hours between the end of the as-of day and the end of the
   * newest charge the lake holds for this source. Over {@code warn_after_hours} the run warns; over
   * {@code error_after_hours} it fails with exit 3.
   */
  public record Freshness(
      @JsonProperty("warn_after_hours") Integer warnAfterHours,
      @JsonProperty("error_after_hours") Integer errorAfterHours) {}

  /** The {@code options:} key that declares which of Azure's two cost exports a source reads. */
  public static final String COST_BASIS = "cost_basis";

  /** The values of {@link #COST_BASIS}. */
  public static final List<String> COST_BASES = List.of("actual", "amortized");

  /**
   * Which Azure cost export this source reads, {@code actual} or {@code amortized}, when its {@code
   * options:} declare {@code cost_basis} (validated when the configuration is loaded). An actual
   * and an amortized source of one billing account form a pair: the warehouse takes BilledCost from
   * the actual export and EffectiveCost from the amortized one.
   */
  public Optional<String> costBasis() {
    return Optional.ofNullable(options.get(COST_BASIS))
        .map(v -> v.strip().toLowerCase(Locale.ROOT));
  }

  /** The declared format; validated when the configuration is loaded. */
  public SourceFormat sourceFormat() {
    return SourceFormat.fromKey(format).orElseThrow();
  }
}
