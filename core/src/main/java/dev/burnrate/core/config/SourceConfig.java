package dev.burnrate.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.FileSystems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * One export feed in pipeline.yaml.
 *
 * @param name unique name, carried into every row as x_SourceName
 * @param format the export format key (see {@link SourceFormat})
 * @param path a glob, relative to data_dir unless absolute
 * @param options reader options for this format, of its kind's record ({@link
 *     SourceFormat.Kind#optionsType}), checked against {@link SourceFormat#optionKeys} when read
 * @param freshness how late this feed's data may be before a run warns or fails (optional)
 * @param storage for an object-store path: how to reach it and read its delivery layout; overrides
 *     pipeline.yaml's top-level {@code storage:} key by key. Never credentials: those come from the
 *     environment.
 */
public record SourceConfig(
    String name,
    String format,
    String path,
    SourceOptions options,
    Freshness freshness,
    StorageOptions storage) {

  public SourceConfig {
    storage = storage == null ? StorageOptions.NONE : storage;
    SourceFormat.Kind kind =
        SourceFormat.fromKey(format)
            .orElseThrow(() -> new IllegalArgumentException("unknown format " + format))
            .kind();
    if (!kind.optionsType().isInstance(options)) {
      throw new IllegalArgumentException(
          "source '" + name + "': format " + format + " takes " + kind.optionsType());
    }
  }

  /**
   * A source without object-store settings whose options are given as pipeline.yaml would write
   * them (code and tests that build a configuration); they are checked as when it is loaded.
   */
  public SourceConfig(
      String name, String format, String path, Map<String, String> options, Freshness freshness) {
    this(
        name,
        format,
        path,
        readOptions(
            Yaml.Document.detached(), "/options", name, format, Yaml.mapper().valueToTree(options)),
        freshness,
        StorageOptions.NONE);
  }

  /**
   * How late a delivery may be: the hours between the end of the as-of day and the end of the
   * newest charge the lake holds for this source. Over {@code warn_after_hours} the run warns; over
   * {@code error_after_hours} it fails with exit 3.
   */
  public record Freshness(
      @JsonProperty("warn_after_hours") Integer warnAfterHours,
      @JsonProperty("error_after_hours") Integer errorAfterHours) {}

  /** A source as pipeline.yaml writes it; {@link #read} checks it. */
  record Raw(
      @JsonProperty(value = "name", required = true) String name,
      @JsonProperty(value = "format", required = true) String format,
      @JsonProperty(value = "path", required = true) String path,
      @JsonProperty("options") JsonNode options,
      @JsonProperty("freshness") Freshness freshness,
      @JsonProperty("storage") StorageOptions storage) {}

  /** The source at {@code pointer} of {@code doc}: its name, format and options checked. */
  static SourceConfig read(Yaml.Document doc, String pointer, Raw raw) {
    if (!raw.name().matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw doc.error(
          pointer + "/name",
          "source name '" + raw.name() + "' may hold only letters, digits, '.', '_', '-'");
    }
    if (SourceFormat.fromKey(raw.format()).isEmpty()) {
      List<String> known = Arrays.stream(SourceFormat.values()).map(SourceFormat::key).toList();
      throw doc.error(
          pointer + "/format",
          "source '"
              + raw.name()
              + "': unknown format '"
              + raw.format()
              + "' ("
              + Yaml.closest(raw.format(), known).map(k -> "did you mean '" + k + "'? ").orElse("")
              + "known: "
              + SourceFormat.knownKeys()
              + ")");
    }
    checkGlob(doc, pointer + "/path", raw.name(), raw.path());
    return new SourceConfig(
        raw.name(),
        raw.format(),
        raw.path(),
        readOptions(doc, pointer + "/options", raw.name(), raw.format(), raw.options()),
        raw.freshness(),
        raw.storage());
  }

  /**
   * A source's path is a java.nio glob (the ingest lists it, the pull matches object keys with it):
   * one that does not compile, an unclosed {@code [} or <code>{</code>, is a config error naming
   * its line when the configuration is loaded, not a PatternSyntaxException mid-run.
   */
  private static void checkGlob(Yaml.Document doc, String pointer, String name, String path) {
    try {
      FileSystems.getDefault().getPathMatcher("glob:" + path);
    } catch (PatternSyntaxException e) {
      throw doc.error(
          pointer,
          "source '"
              + name
              + "': path '"
              + path
              + "' is not a valid glob: "
              + e.getDescription()
              + (e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : ""));
    }
  }

  /**
   * The {@code options:} block at {@code pointer}: every key one the format accepts, read into its
   * kind's record.
   */
  private static SourceOptions readOptions(
      Yaml.Document doc, String pointer, String name, String formatKey, JsonNode node) {
    SourceFormat format = SourceFormat.fromKey(formatKey).orElseThrow();
    if (node == null || node.isNull()) {
      node = Yaml.mapper().createObjectNode();
    }
    if (!(node instanceof ObjectNode options)) {
      throw doc.error(pointer, "source '" + name + "': options must be keys with values");
    }
    List<String> keys = new ArrayList<>();
    options.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      if (!format.acceptsOption(key)) {
        throw doc.error(pointer + "/" + Yaml.escape(key), unknownOption(name, format, key));
      }
    }
    return doc.convert(pointer, options, format.kind().optionsType());
  }

  private static String unknownOption(String name, SourceFormat format, String key) {
    List<String> accepted = new ArrayList<>(format.optionKeys());
    String others =
        Arrays.stream(SourceFormat.values())
            .filter(f -> f.acceptsOption(key))
            .map(SourceFormat::key)
            .collect(Collectors.joining(", "));
    String hint = Yaml.closest(key, accepted).map(k -> "did you mean '" + k + "'? ").orElse("");
    if (format.kind() == SourceFormat.Kind.COST) {
      accepted.add(BillingOptions.DEFAULT_PREFIX + "<FocusColumn>");
    }
    return "source '"
        + name
        + "': "
        + (others.isEmpty()
            ? "unknown option '" + key + "'"
            : "option '" + key + "' applies to " + others + " sources only")
        + " ("
        + hint
        + format.key()
        + " accepts: "
        + (accepted.isEmpty() ? "none" : String.join(", ", accepted))
        + ")";
  }

  /** The declared format; validated when the configuration is loaded. */
  public SourceFormat sourceFormat() {
    return SourceFormat.fromKey(format).orElseThrow();
  }

  /** A cost export's options. */
  public BillingOptions billingOptions() {
    return options(BillingOptions.class);
  }

  /** A telemetry source's options. */
  public TelemetryOptions telemetryOptions() {
    return options(TelemetryOptions.class);
  }

  /** A Contract Commitment source's options. */
  public CommitmentOptions commitmentOptions() {
    return options(CommitmentOptions.class);
  }

  private <T extends SourceOptions> T options(Class<T> type) {
    if (!type.isInstance(options)) {
      throw new IllegalStateException(
          "source '" + name + "' (" + format + ") has no " + type.getSimpleName());
    }
    return type.cast(options);
  }

  /**
   * Which Azure cost export this source reads, when its {@code options:} declare {@code cost_basis}
   * (only an Azure cost export may). An actual and an amortized source of one billing account form
   * a pair: the warehouse takes BilledCost from the actual export and EffectiveCost from the
   * amortized one.
   */
  public Optional<BillingOptions.CostBasis> costBasis() {
    return options instanceof BillingOptions b ? b.costBasis() : Optional.empty();
  }
}
